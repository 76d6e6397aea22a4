"""What HSDS reads beside a place's public record (directory.records): the ids it gives a
place's languages, accessibility features, opening slots and closures, and the taxonomy's
terms (their descriptions and pages). These are plumbing and vocabulary, not facts of the
place: every fact HSDS publishes of a place is its record's. Read for a batch of places in a
fixed number of queries (at most three), whatever its size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import CharField, DateField, IntegerField, TimeField, Value

from directory.models import AccessibilityFeature, ClosurePeriod, Language, OpeningHours
from directory.place_record import Closure, PlaceRecord, Slot
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


def _nothing(output) -> Value:
    return Value(None, output_field=output)


def _key_rows(records: list[PlaceRecord]):
    """One union: the places' opening slots and closures, then their languages' and features'
    ids, each row as (kind, place, weekday, opens, closes, start, end, text, id)."""
    ids = [record.id for record in records]
    codes = {term.slug for record in records for term in record.languages}
    slugs = {term.slug for record in records for term in record.accessibility}
    hours = OpeningHours.objects.filter(place_id__in=ids).values_list(
        Value("slot", output_field=CharField()),
        "place_id",
        "weekday",
        "opens",
        "closes",
        _nothing(DateField()),
        _nothing(DateField()),
        Value("", output_field=CharField()),
        "pk",
    )
    # Past closures too: the records' "to come" is decided on their own reading of the day.
    closures = ClosurePeriod.objects.filter(place_id__in=ids).values_list(
        Value("closure", output_field=CharField()),
        "place_id",
        _nothing(IntegerField()),
        _nothing(TimeField()),
        _nothing(TimeField()),
        "start_date",
        "end_date",
        "reason",
        "pk",
    )
    vocabulary = [
        model.objects.filter(**{f"{field}__in": wanted}).values_list(
            Value(name, output_field=CharField()),
            _nothing(IntegerField()),
            _nothing(IntegerField()),
            _nothing(TimeField()),
            _nothing(TimeField()),
            _nothing(DateField()),
            _nothing(DateField()),
            field,
            "pk",
        )
        for name, model, field, wanted in (
            ("languages", Language, "code", codes),
            ("accessibility", AccessibilityFeature, "slug", slugs),
        )
    ]
    return hours.order_by().union(
        closures.order_by(), *(query.order_by() for query in vocabulary), all=True
    )


def hsds_keys(records: list[PlaceRecord]) -> HsdsKeys:
    """The ids and taxonomy terms HSDS gives the places of `records`."""
    vocabulary: dict[tuple[str, str], int] = {}
    times: dict[tuple, list[int]] = {}
    rows = sorted(_key_rows(records), key=lambda row: row[-1]) if records else []
    for kind, place_id, *values, text, pk in rows:
        if kind in ("slot", "closure"):
            times.setdefault((place_id, *values, text), []).append(pk)
        else:
            vocabulary[kind, text] = pk
    programmes = {term.slug for record in records for term in record.programmes}
    objectives = {term.slug for record in records for term in record.objectives}
    return HsdsKeys(
        vocabulary=vocabulary,
        programmes={p.slug: p for p in Programme.objects.filter(slug__in=programmes)}
        if programmes
        else {},
        objectives={o.slug: o for o in Objective.objects.filter(slug__in=objectives)}
        if objectives
        else {},
        times=times,
    )
