"""A listing's quality: a score out of 100 from written rules (docs/quality.md says each rule,
its weight and why), inspired by data·inclusion's `score_qualite`.

The rules read the place's public record alone (directory.records), never the page around it:
what the score rewards is what families and partners are shown. A discreet place is not
penalised for what the record hides on purpose (its street address, its exact point, its
e-mail). Each rule that fails says what to do in an organiser's words (« ajoutez un
téléphone »): their home and the place's editor show it as a short to-do.

The score is stored on the place (`PlacePage.quality_score`) so that both search engines filter
on it (`quality_min`) and the lists order by it. It is refreshed whenever the record changes
(`place_records_changed`, which every publication sends through its verification:
directory.signals) and each night (`manage.py refresh_quality_scores`), since time passing alone
turns a recent verification into an old one.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.pages import in_source_language
from directory.freshness import stale_before
from directory.models.places import PlacePage
from directory.place_record import PlaceRecord
from directory.records import place_records
from directory.search.index import place_records_changed

# data·inclusion's bounds for a useful description, in characters of text (tags left out).
DESCRIPTION_MIN = 200
DESCRIPTION_MAX = 2000
MAXIMUM = 100
# Places whose score is below this are the staff's "to improve" (their home's panel).
LOW = 60


def description_length(record: PlaceRecord) -> int:
    """The description's characters as a family reads them: no tags, entities as one
    character, runs of spaces as one."""
    return len(" ".join(html.unescape(strip_tags(record.description)).split()))


def _address(record: PlaceRecord) -> str | None:
    if record.discreet or record.street_address:
        return None
    return _("donnez la rue et le numéro du lieu")


def _point(record: PlaceRecord) -> str | None:
    # A discreet place is shown at its commune's point on purpose.
    if record.discreet or not record.location.approximate:
        return None
    return _("placez le lieu sur la carte")


def _contact(record: PlaceRecord) -> str | None:
    if record.phone or record.email:
        return None
    return _("ajoutez un téléphone")


def _description(record: PlaceRecord) -> str | None:
    length = description_length(record)
    if length < DESCRIPTION_MIN:
        return _("décrivez le lieu en 200 caractères au moins")
    if length > DESCRIPTION_MAX:
        return _("raccourcissez la description à 2 000 caractères au plus")
    return None


def _recent(record: PlaceRecord) -> str | None:
    # The same freshness as the reminders' (directory.freshness): one rule of what is stale.
    if record.verified_on is not None and record.verified_on >= stale_before():
        return None
    return _("confirmez que les informations sont à jour")


def _hours(record: PlaceRecord) -> str | None:
    return None if record.opening_hours else _("indiquez les heures d'ouverture")


def _accessibility(record: PlaceRecord) -> str | None:
    if record.accessibility:
        return None
    return _("dites si le lieu est accessible (fauteuil, poussette…)")


def _languages(record: PlaceRecord) -> str | None:
    return None if record.languages else _("indiquez les langues parlées")


def _photo(record: PlaceRecord) -> str | None:
    return None if record.photos else _("ajoutez une photo du lieu")


@dataclass(frozen=True)
class Rule:
    """`check(record)` is None when the rule holds, else what to do about it."""

    key: str
    weight: int
    check: Callable[[PlaceRecord], str | None]
    # What it asks, as ONE staff's page lists the rules.
    label: str = ""


# The one list of rules; their weights add up to 100 (docs/quality.md, in this order).
RULES = (
    Rule("address", 15, _address, _("L'adresse (rue et numéro), sauf pour un lieu discret")),
    Rule("point", 5, _point, _("La position sur la carte, sauf pour un lieu discret")),
    Rule("contact", 20, _contact, _("Un téléphone (ou un courriel, sauf pour un lieu discret)")),
    Rule("description", 20, _description, _("Une description de 200 à 2 000 caractères")),
    Rule("recent", 15, _recent, _("Des informations vérifiées récemment")),
    Rule("hours", 10, _hours, _("Les heures d'ouverture")),
    Rule("accessibility", 5, _accessibility, _("Au moins un fait d'accessibilité")),
    Rule("languages", 5, _languages, _("Les langues parlées")),
    Rule("photo", 5, _photo, _("Une photo")),
)


@dataclass(frozen=True)
class Quality:
    score: int
    # What to do, the heaviest rules first: (rule key, the organiser's words).
    todo: tuple[tuple[str, str], ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(key for key, _advice in self.todo)


def quality_of(record: PlaceRecord) -> Quality:
    score, todo = 0, []
    for rule in RULES:
        advice = rule.check(record)
        if advice is None:
            score += rule.weight
        else:
            todo.append((rule.weight, rule.key, str(advice)))
    todo.sort(key=lambda item: -item[0])
    return Quality(score, tuple((key, advice) for _weight, key, advice in todo))


def graded(ids: Iterable[int]) -> list[tuple[PlaceRecord, Quality]]:
    """The places' French records and their quality, in the order of `ids` (the records'
    queries)."""
    return [(r, quality_of(r)) for r in place_records(ids, settings.LANGUAGE_CODE)]


def refresh_scores(ids: Iterable[int]) -> list[int]:
    """Stores the French places' scores as their records say them now; the ids whose score
    changed, whose documents are then rewritten (`place_records_changed`). One update per
    distinct new score, after the records' queries."""
    ids = list(
        in_source_language(PlacePage.objects.filter(pk__in=list(ids))).values_list("pk", flat=True)
    )
    changed: dict[int, list[int]] = {}
    for record in place_records(ids, settings.LANGUAGE_CODE):
        score = quality_of(record).score
        if score != record.quality_score:
            changed.setdefault(score, []).append(record.id)
    for score, place_ids in changed.items():
        PlacePage.objects.filter(pk__in=place_ids).update(quality_score=score)
    done = sorted(place_id for place_ids in changed.values() for place_id in place_ids)
    if done:
        # `scored`: the scores are those of the records now, nobody computes them again.
        place_records_changed.send(sender=PlacePage, place_ids=done, scored=True)
    return done


def refresh_all(batch: int = 500) -> Iterator[tuple[int, int]]:
    """Every French place's score refreshed, a batch at a time: after each, (places done,
    scores changed so far)."""
    ids = list(
        in_source_language(PlacePage.objects.all()).order_by("pk").values_list("pk", flat=True)
    )
    changed = 0
    for start in range(0, len(ids), batch):
        changed += len(refresh_scores(ids[start : start + batch]))
        yield min(start + batch, len(ids)), changed
