"""Merging a duplicate place into the place kept (`merge_places`).

Nothing of the merged place is lost: what belongs to the people around it follows the kept
place (its activities with their sessions, registrations and room reports, its problem reports,
project links, orientations, invitations, campaign requests…), and what describes the merged
listing itself (its hours, photos, closures, notices, editing history) stays on its page, which
is unpublished and records `replaced_by`. Its address then redirects to the kept place, and the
APIs name the kept place (docs/duplicates.md).

Every relation pointing at a place must be declared here with what a merge does with it: the
directory's and Wagtail's below, each higher app's from its `AppConfig.ready()` through
`declare_place_relations`. A relation nobody declared stops the merge (and a test), rather
than being left behind unseen.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from core.tombstones import record_removal
from directory.models.duplicates import DuplicateCandidate, DuplicateStatus
from directory.models.organisers import PlaceOrganisers
from directory.models.places import PlacePage
from directory.search.index import place_records_changed

# The rows follow the kept place. A row that cannot (the kept place has the same one already:
# a project linked to both) stays with the merged place, where it is kept, not deleted.
MOVE = "move"
# A one-to-one: follows the kept place when it has none, else stays with the merged place.
MOVE_IF_ABSENT = "move_if_absent"
# The merged listing's own facts and its editing history: they stay with its page.
STAY = "stay"

Rule = str | Callable[[PlacePage, PlacePage], None]


def _add_organisers(kept: PlacePage, merged: PlacePage) -> None:
    """The merged place's organisers become the kept place's: they run the same place."""
    groups = dict(
        PlaceOrganisers.objects.filter(place__in=[kept, merged]).values_list("place_id", "group")
    )
    if kept.pk not in groups:
        PlaceOrganisers.objects.filter(place=merged).update(place=kept)
        return
    if merged.pk in groups:
        Group = PlaceOrganisers._meta.get_field("group").related_model
        users = Group.objects.get(pk=groups[merged.pk]).user_set.all()
        Group.objects.get(pk=groups[kept.pk]).user_set.add(*users)


_RELATIONS: dict[str, Rule] = {
    # Wagtail's: the page's history, permissions and workflow stay with the merged page; a
    # redirect that led to it now leads to the kept place.
    "wagtailforms.FormSubmission.page": STAY,
    "wagtailredirects.Redirect.redirect_page": MOVE,
    "wagtailcore.Site.root_page": STAY,
    "wagtailcore.Page.alias_of": STAY,
    "wagtailcore.GroupPagePermission.page": STAY,
    "wagtailcore.PageViewRestriction.page": STAY,
    "wagtailcore.WorkflowPage.page": STAY,
    "wagtailcore.PageLogEntry.page": STAY,
    "wagtailcore.Comment.page": STAY,
    "wagtailcore.PageSubscription.page": STAY,
    # Who translated the listing's text (core.translated_texts): a fact of that page's text.
    "core.TranslationMark.page": STAY,
    # The directory's: the listing's own facts stay; places it replaced are now the kept one's.
    "directory.PlaceNotice.place": STAY,
    "directory.OpeningHours.place": STAY,
    "directory.PlacePhoto.place": STAY,
    "directory.ClosurePeriod.place": STAY,
    "directory.PlacePage.replaced_by": MOVE,
    "directory.DuplicateCandidate.first": STAY,
    "directory.DuplicateCandidate.second": STAY,
    "directory.DuplicateCandidate.kept": STAY,
    "directory.PlaceOrganisers.place": _add_organisers,
}


def declare_place_relations(rules: dict[str, Rule]) -> None:
    """What a merge does with an app's relations to a place: `{"app.Model.field": rule}`."""
    _RELATIONS.update(rules)


def place_relations() -> dict[str, models.ForeignObjectRel]:
    """Every relation pointing at a place (at its page too), hidden ones included, but the
    tables Django makes for the place's own many-to-many fields (its terms: they stay)."""
    found = {}
    for relation in PlacePage._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        if relation.related_model._meta.auto_created:
            continue
        found[f"{relation.related_model._meta.label}.{relation.field.name}"] = relation
    return found


def undeclared_relations() -> list[str]:
    return sorted(set(place_relations()) - set(_RELATIONS))


def move_rows(relation: models.ForeignObjectRel, kept: PlacePage, merged: PlacePage) -> None:
    """The rows pointing at the merged place now point at the kept one; those that would
    repeat one of the kept place's stay where they are."""
    manager = relation.related_model._base_manager
    name = relation.field.name
    rows = manager.filter(**{name: merged.pk})
    try:
        with transaction.atomic():
            rows.update(**{name: kept.pk})
    except IntegrityError:
        for pk in rows.values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    manager.filter(pk=pk).update(**{name: kept.pk})
            except IntegrityError:
                continue


def _apply(rule: Rule, relation, kept: PlacePage, merged: PlacePage) -> None:
    if callable(rule):
        rule(kept, merged)
    elif rule == MOVE:
        move_rows(relation, kept, merged)
    elif rule == MOVE_IF_ABSENT:
        manager = relation.related_model._base_manager
        if not manager.filter(**{relation.field.name: kept.pk}).exists():
            manager.filter(**{relation.field.name: merged.pk}).update(
                **{relation.field.name: kept.pk}
            )


def _free_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _move_children(source: Page, target: Page | None, by) -> None:
    """The pages under `source` (its activities) go under `target`, renamed if its slug is
    taken there. Wagtail redirects their old addresses (its automatic redirects on a move)."""
    if target is None:
        return
    for child in source.get_children().specific():
        slug = _free_slug(target, child.slug)
        if slug != child.slug:
            child.slug = slug
            child.save(update_fields=["slug"], clean=False)
            # The editor starts from the latest revision: it must not bring the old slug back.
            revision = child.latest_revision
            if revision is not None:
                revision.content["slug"] = slug
                revision.save(update_fields=["content"])
        # Who may merge is the queue's decision (the merge permission), not the page tree's.
        MovePageAction(child, target, pos="last-child", user=by).execute(
            skip_permission_checks=True
        )


def _redirect(merged: PlacePage, kept: PlacePage) -> None:
    """Permanent redirects from the merged place's addresses to the kept place's, for Wagtail's
    redirect middleware (the merged page, unpublished, answers 404 first). Dutch and English
    addresses are the French path under their prefix (core.pages.TranslatedTreeMixin)."""
    with translation.override(settings.LANGUAGE_CODE):
        parts, kept_url = merged.get_url_parts(), kept.get_url()
    if parts is None or not kept_url:
        return
    site = merged.get_site()
    # The interface's prefixes only: a family's language is asked with ?content= on the same
    # addresses (docs/languages-families.md).
    for language, _name in settings.INTERFACE_LANGUAGES:
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        old_path = Redirect.normalise_path(prefix + parts[2])
        Redirect.objects.filter(old_path=old_path, site=site).delete()
        if prefix:
            Redirect.add_redirect(old_path, prefix + kept_url, is_permanent=True, site=site)
        else:
            Redirect.add_redirect(old_path, kept, is_permanent=True, site=site)


class MergeError(ValueError):
    pass


@transaction.atomic
def merge_places(kept: PlacePage, merged: PlacePage, *, by=None) -> PlacePage:
    """Merge the place `merged` into `kept` (both French pages); returns the kept place."""
    kept, merged = kept.specific, merged.specific
    if kept.pk == merged.pk:
        raise MergeError("A place cannot be merged into itself.")
    if kept.replaced_by_id or merged.replaced_by_id:
        raise MergeError("A place already merged cannot be merged again.")
    if not kept.locale.is_default or not merged.locale.is_default:
        # A translation is the same place in another language: its French page is merged.
        raise MergeError("Only French places are merged, with their translations.")
    relations = place_relations()
    missing = undeclared_relations()
    if missing:
        raise ImproperlyConfigured(f"No merge rule for the place relations {missing}")
    _move_children(merged, kept, by)
    for translated in merged.get_translations().specific():
        _move_children(translated, kept.get_translation_or_none(translated.locale), by)
    for label, relation in relations.items():
        _apply(_RELATIONS[label], relation, kept, merged)
    for page in [merged, *merged.get_translations().specific()]:
        if page.live:
            UnpublishPageAction(page, user=by, log_action=True).execute(skip_permission_checks=True)
    PlacePage.objects.filter(translation_key=merged.translation_key).update(replaced_by=kept)
    merged.replaced_by = kept
    # The change feeds and partners' webhooks name the kept place (docs/partners-sync.md).
    record_removal(merged, replaced_by=kept)
    _redirect(merged, kept)
    DuplicateCandidate.objects.filter(
        models.Q(first__in=[kept, merged], second__in=[kept, merged]),
        status=DuplicateStatus.OPEN,
    ).update(status=DuplicateStatus.MERGED, kept=kept, decided_by=by, decided_at=timezone.now())
    # The merged place's other open pairs are moot: it is no longer a place of its own.
    DuplicateCandidate.objects.filter(
        models.Q(first=merged) | models.Q(second=merged), status=DuplicateStatus.OPEN
    ).update(status=DuplicateStatus.DISMISSED, decided_by=by, decided_at=timezone.now())
    # The kept place's document now counts the sessions and projects it received.
    transaction.on_commit(lambda: place_records_changed.send(sender=PlacePage, place_ids=[kept.pk]))
    return kept
