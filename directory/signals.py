from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published, page_unpublished

from core.models import TranslationMark
from directory.duplicates import find_duplicates
from directory.freshness import mark_verified
from directory.models.meetings import Accompaniment, RequiredDocument
from directory.models.notices import PlaceNotice
from directory.models.places import PlacePage
from directory.models.vocabularies import AccessibilityFeature, Language
from directory.quality import refresh_scores
from directory.roles import organiser_groups_for, rename_organiser_group
from directory.search.index import place_records_changed, place_translations_changed
from gazetteer.models import Court
from objectives.models import AccessMode, Objective, Programme


@receiver(post_save, sender=PlacePage)
def give_new_place_its_organisers(sender, instance: PlacePage, created: bool, raw: bool, **kwargs):
    # A translation is organised by its French place's group (PlacePermissionTester).
    if created and not raw and instance.locale_id == Locale.get_default().pk:
        organiser_groups_for([instance])


@receiver(page_published, sender=PlacePage)
def keep_organiser_group_name(sender, instance: PlacePage, **kwargs):
    # For people reading the group list only: the group is linked to the place by id.
    rename_organiser_group(instance)


@receiver(page_published, sender=PlacePage)
def publishing_verifies_the_place(sender, instance: PlacePage, **kwargs):
    instance.verified_at = mark_verified(instance.pk)


@receiver(page_published, sender=PlacePage)
def look_for_duplicates(sender, instance: PlacePage, **kwargs):
    # The French place only: a translation is the same place. A merged place is never
    # published again as such, and if it were, it has its kept place already.
    if instance.locale_id == Locale.get_default().pk and instance.replaced_by_id is None:
        find_duplicates([instance.pk])


@receiver(page_published, sender=PlacePage)
@receiver(page_unpublished, sender=PlacePage)
@receiver(post_delete, sender=PlacePage)
def translation_changed(sender, instance: PlacePage, **kwargs):
    """The place's document holds its translations' words: it follows them."""
    if instance.locale_id == Locale.get_default().pk:
        return
    source = instance.get_translation_or_none(Locale.get_default())
    if source is not None:
        # Its document is rewritten once the transaction commits (core.search.signals).
        place_translations_changed.send(sender=PlacePage, place_ids=[source.pk])


@receiver(post_save, sender=TranslationMark)
@receiver(post_delete, sender=TranslationMark)
def translation_mark_changed(sender, instance: TranslationMark, **kwargs):
    """A place's documents say who made its translations."""
    translated = PlacePage.objects.filter(pk=instance.page_id).first()
    if translated is not None:
        translation_changed(PlacePage, translated)


# The relation of a place to each kind of term, whose names its record carries.
TERM_RELATIONS = {
    Programme: "programmes",
    Objective: "objectives",
    AccessMode: "access_modes",
    Language: "languages",
    AccessibilityFeature: "accessibility",
    Accompaniment: "accompaniments",
    RequiredDocument: "required_documents",
    Court: "courts",
}


@receiver(post_save, sender=Programme)
@receiver(post_save, sender=Objective)
@receiver(post_save, sender=AccessMode)
@receiver(post_save, sender=Language)
@receiver(post_save, sender=AccessibilityFeature)
@receiver(post_save, sender=Accompaniment)
@receiver(post_save, sender=RequiredDocument)
@receiver(post_save, sender=Court)
def term_changed(sender, instance, raw: bool, **kwargs):
    """The search documents of the places with the term carry its names: rewritten."""
    if raw:
        return
    places = PlacePage.objects.filter(**{TERM_RELATIONS[sender]: instance})
    place_ids = list(places.values_list("pk", flat=True))
    if place_ids:
        place_records_changed.send(sender=PlacePage, place_ids=place_ids)


@receiver(post_save, sender=PlaceNotice)
@receiver(post_delete, sender=PlaceNotice)
def notice_changed(sender, instance: PlaceNotice, raw: bool = False, **kwargs):
    """A notice is saved without a publication of its place (directory.models.notices): the
    place's search document, which carries its notices, is rewritten."""
    if not raw:
        place_records_changed.send(sender=PlacePage, place_ids=[instance.place_id])


@receiver(place_records_changed)
def score_follows_the_record(sender, place_ids: list[int], scored: bool = False, **kwargs):
    """The listing's quality is read from its record: whatever changed the record (a
    publication, which verifies the place above, a verification, a notice…) may change it. A
    changed score sends the signal again for its documents, `scored`: computing the records
    again would find the scores just stored (a full refresh's second pass over every place)."""
    if not scored:
        refresh_scores(place_ids)
