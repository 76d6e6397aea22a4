"""The rows a place's public record (directory.records) is built from: the place's own, with
its commune, its texts in the language asked (read from its live translations) and its photos
counted, in one query; its terms (programmes, objectives, access modes, languages,
accessibility features) as one union, its opening hours and closures to come as another, so
that a batch of records costs three queries whatever its size and whatever the number of
relations; their notices not yet ended are a fourth."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    TimeField,
    Value,
)
from django.db.models.functions import Coalesce

from core.translated_texts import text_columns
from directory.models.closures import ClosurePeriod
from directory.models.notices import PlaceNotice
from directory.models.places import OpeningHours, PlacePage, PlacePhoto
from directory.place_record import PLACE_COLUMNS, TRANSLATED_COLUMNS


def translations_of(language: str | None = None) -> QuerySet[PlacePage]:
    """The live translations of the place at OuterRef: in `language`, or in any language but
    the place's own."""
    pages = PlacePage.objects.live().filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True
    )
    if language is None:
        return pages.exclude(locale_id=OuterRef("locale_id"))
    return pages.filter(locale__language_code=language)


def _in_language(field: str, language: str) -> Subquery:
    """The place's `field` in its live translation into `language`, where there is one."""
    return Subquery(translations_of(language).values(field)[:1])


def place_rows(ids: list[int], language: str, content: str | None) -> QuerySet:
    """The places' own rows, in one query: their `PLACE_COLUMNS`, their `TRANSLATED_COLUMNS`
    in the language asked (`<field>_in_language`, core.translated_texts), when their French page
    was verified and published, and how many photos they have."""
    texts = text_columns(PlacePage, TRANSLATED_COLUMNS, language, content)
    # How fresh the place is belongs to the French page a translation translates.
    source = {
        f"source_{field}": _in_language(field, settings.LANGUAGE_CODE)
        for field in ("verified_at", "last_published_at")
    }
    photos = (
        PlacePhoto.objects.filter(place=OuterRef("pk"))
        .order_by()
        .values("place")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        PlacePage.objects.filter(pk__in=ids)
        .order_by()
        .annotate(**texts, **source, photo_count=Coalesce(Subquery(photos), 0))
        .values(*PLACE_COLUMNS, *texts, *source, "photo_count")
    )


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
