"""The rows a place's public record (directory.records) reads beside the place's own: its terms
(programmes, objectives, access modes, languages, accessibility features) as one union, its
opening hours and closures to come as another, so that a batch of records costs three queries
whatever its size and whatever the number of relations; their notices not yet ended are a
fourth."""

from __future__ import annotations

from datetime import date

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    F,
    IntegerField,
    QuerySet,
    TimeField,
    Value,
)

from directory.models.closures import ClosurePeriod
from directory.models.notices import PlaceNotice
from directory.models.places import OpeningHours, PlacePage


def _relation_rows(relation: str, ids: list[int], columns: dict) -> QuerySet:
    """A many-to-many relation's rows as (kind, place, slug, names, a flag, two sort keys, a
    court's seat, who takes an access mode's first step), read from its table alone."""
    field = PlacePage._meta.get_field(relation)
    own, term = f"{field.m2m_field_name()}_id", field.m2m_reverse_field_name()

    def column(name: str, default, output):
        path = columns.get(name)
        return F(f"{term}__{path}") if path else Value(default, output_field=output)

    return (
        field.remote_field.through.objects.filter(**{f"{own}__in": ids})
        .order_by()
        .values_list(
            Value(relation, output_field=CharField()),
            F(own),
            column("slug", "", CharField()),
            column("name_fr", "", CharField()),
            column("name_nl", "", CharField()),
            column("name_en", "", CharField()),
            column("step_free", False, BooleanField()),
            column("first", 0, IntegerField()),
            column("second", 0, IntegerField()),
            column("seat", "", CharField()),
            column("reached_by", "", CharField()),
        )
    )


NAMES = {"name_fr": "name_fr", "name_nl": "name_nl", "name_en": "name_en"}


def term_rows(ids: list[int]) -> QuerySet:
    """Every term of the places, in one query: a union of the relations (ordered as their
    models are, by the sort keys). The `step_free` column is the union's one flag: step-free
    for a feature, "may say gratuit" for an access mode."""
    return _relation_rows(
        "programmes", ids, {"slug": "slug", **NAMES, "first": "sort_order"}
    ).union(
        _relation_rows(
            "objectives",
            ids,
            {"slug": "slug", **NAMES, "first": "programme__sort_order", "second": "sort_order"},
        ),
        _relation_rows(
            "access_modes",
            ids,
            {
                "slug": "slug",
                **NAMES,
                "step_free": "says_free",
                "first": "programme__sort_order",
                "second": "sort_order",
                "reached_by": "reached_by",
            },
        ),
        _relation_rows("languages", ids, {"slug": "code", "name_fr": "name_fr"}),
        _relation_rows("accessibility", ids, {"slug": "slug", **NAMES, "step_free": "step_free"}),
        # How meetings go (directory.meeting_terms): the same union, no query more.
        _relation_rows("accompaniments", ids, {"slug": "slug", **NAMES}),
        _relation_rows("required_documents", ids, {"slug": "slug", **NAMES}),
        _relation_rows(
            "courts",
            ids,
            {
                "slug": "slug",
                "name_fr": "name_fr",
                "name_nl": "name_nl",
                "seat": "commune__name_fr",
            },
        ),
        all=True,
    )


def time_rows(ids: list[int], today: date) -> QuerySet:
    """The places' opening hours and closures still to come, in one query (a union)."""
    hours = (
        OpeningHours.objects.filter(place_id__in=ids)
        .order_by()
        .values_list(
            "place_id",
            "weekday",
            "opens",
            "closes",
            Value(None, output_field=DateField()),
            Value(None, output_field=DateField()),
            Value("", output_field=CharField()),
        )
    )
    closures = (
        ClosurePeriod.objects.filter(place_id__in=ids, end_date__gte=today)
        .order_by()
        .values_list(
            "place_id",
            Value(None, output_field=IntegerField()),
            Value(None, output_field=TimeField()),
            Value(None, output_field=TimeField()),
            "start_date",
            "end_date",
            "reason",
        )
    )
    return hours.union(closures, all=True)


NOTICE_COLUMNS = ("kind", "start_date", "end_date", "message_fr", "message_nl", "message_en")


def notice_rows(translation_keys: list, today: date) -> QuerySet:
    """The notices not yet ended of the places whose pages have these translation keys (a
    notice is on the French page; a translation reads it through their shared key), as
    (translation key, kind, start, end, message per language), in one query."""
    return (
        PlaceNotice.objects.filter(place__translation_key__in=translation_keys, end_date__gte=today)
        .order_by()
        .values_list("place__translation_key", *NOTICE_COLUMNS)
    )
