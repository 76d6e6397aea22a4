"""What HSDS reads beside a place's public record (directory.records): the ids it gives a
place's languages, accessibility features, opening slots and closures, and the taxonomy's
terms (their descriptions and pages). These are plumbing and vocabulary, not facts of the
place: every fact HSDS publishes of a place is its record's. Read for a batch of places in a
fixed number of queries (at most four), whatever its size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import CharField, DateField, IntegerField, TimeField, Value

from directory.models import AccessibilityFeature, ClosurePeriod, Language, OpeningHours
from directory.records import Closure, PlaceRecord, Slot
from objectives.models import Objective, Programme

Item = TypeVar("Item", Slot, Closure)


@dataclass(frozen=True)
class HsdsKeys:
    # ("languages" or "accessibility", code or slug) → the term's id.
    vocabulary: dict[tuple[str, str], int]
    programmes: dict[str, Programme]
    objectives: dict[str, Objective]
    # (place, the slot's or closure's values) → the ids of the rows holding them, in id order.
    times: dict[tuple, list[int]]

    def numbered(self, place_id: int, items: Iterable[Item]) -> Iterator[tuple[Item, int]]:
        """The place's slots or closures with their ids (two rows alike each keep their own)."""
        seen: Counter = Counter()
        for item in items:
            key = (place_id, *_values(item))
            yield item, self.times[key][seen[key]]
            seen[key] += 1


def _values(item: Slot | Closure) -> tuple:
    if isinstance(item, Slot):
        return (item.weekday, item.opens, item.closes, None, None, "")
    return (None, None, None, item.start_date, item.end_date, item.reason)


def _vocabulary(records: list[PlaceRecord]) -> dict[tuple[str, str], int]:
    codes = {term.slug for record in records for term in record.languages}
    slugs = {term.slug for record in records for term in record.accessibility}
    if not codes and not slugs:
        return {}
    languages = Language.objects.filter(code__in=codes).values_list(
        Value("languages", output_field=CharField()), "code", "pk"
    )
    features = AccessibilityFeature.objects.filter(slug__in=slugs).values_list(
        Value("accessibility", output_field=CharField()), "slug", "pk"
    )
    return {(kind, slug): pk for kind, slug, pk in languages.order_by().union(features.order_by())}


def _times(ids: list[int]) -> dict[tuple, list[int]]:
    # Past closures too: the records' "to come" is decided on their own reading of the day.
    hours = OpeningHours.objects.filter(place_id__in=ids).values_list(
        "place_id",
        "weekday",
        "opens",
        "closes",
        Value(None, output_field=DateField()),
        Value(None, output_field=DateField()),
        Value("", output_field=CharField()),
        "pk",
    )
    closures = ClosurePeriod.objects.filter(place_id__in=ids).values_list(
        "place_id",
        Value(None, output_field=IntegerField()),
        Value(None, output_field=TimeField()),
        Value(None, output_field=TimeField()),
        "start_date",
        "end_date",
        "reason",
        "pk",
    )
    found: dict[tuple, list[int]] = {}
    for *values, pk in sorted(
        hours.order_by().union(closures.order_by(), all=True), key=lambda row: row[-1]
    ):
        found.setdefault(tuple(values), []).append(pk)
    return found


def hsds_keys(records: list[PlaceRecord]) -> HsdsKeys:
    """The ids and taxonomy terms HSDS gives the places of `records`."""
    programmes = {term.slug for record in records for term in record.programmes}
    objectives = {term.slug for record in records for term in record.objectives}
    return HsdsKeys(
        vocabulary=_vocabulary(records),
        programmes={p.slug: p for p in Programme.objects.filter(slug__in=programmes)}
        if programmes
        else {},
        objectives={o.slug: o for o in Objective.objects.filter(slug__in=objectives)}
        if objectives
        else {},
        times=_times([record.id for record in records]) if records else {},
    )
