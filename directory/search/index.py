"""The places' index: the place criteria, by name (nearest first when `near` is given), with
counts per objective and programme; documents follow place pages."""

from __future__ import annotations

from dataclasses import dataclass

import django.dispatch
from django.conf import settings
from django.db.models import CharField, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat

from core.geo import rounded_km
from core.pages import visitor_language, with_urls_at_hand
from core.search.index import Follows, SearchIndex, Sort
from core.search.near import Circle
from core.search.paths import keyed_rows
from core.search.query import SearchQuery
from core.search.results import in_order
from core.search.text import JoinedText
from directory.models.places import PlacePage
from directory.search.criteria import place_criteria, public_places

# Sent with `place_ids` (the French places) after one of their translations changed.
place_translations_changed = django.dispatch.Signal()


def translations_of(language: str | None = None) -> QuerySet[PlacePage]:
    """The live translations of the place at OuterRef: in `language`, or in any language but
    the place's own."""
    pages = PlacePage.objects.live().filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True
    )
    if language is None:
        return pages.exclude(locale_id=OuterRef("locale_id"))
    return pages.filter(locale__language_code=language)


def with_translations(places: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
    """Each place with the titles and descriptions of its translations as one text, for its
    document: a family finds the place by words of any of them, in one query per batch."""
    texts = (
        translations_of()
        .order_by()
        .values("translation_key")
        .annotate(
            text=JoinedText(Concat("title", Value(" "), "description", output_field=TextField()))
        )
        .values("text")
    )
    return places.annotate(translated_text=Subquery(texts))


def with_title_in(places: QuerySet[PlacePage], language: str) -> QuerySet[PlacePage]:
    if language == settings.LANGUAGE_CODE:
        return places
    title = translations_of(language).values("title")[:1]
    return places.annotate(translated_title=Subquery(title, output_field=CharField()))


@dataclass(frozen=True)
class PlaceSummary:
    """A place as results show it: at its public point, with its postcode only if not
    discreet."""

    id: int
    name: str
    url: str
    commune: str
    postcode: str
    latitude: float
    longitude: float
    # True when the point is the commune's, not the place's (discreet places, places without one).
    approximate: bool

    @classmethod
    def of(cls, place: PlacePage) -> PlaceSummary:
        location = place.public_location
        return cls(
            id=place.pk,
            # Its title in the visitor's language where it is translated (`with_title_in`).
            name=getattr(place, "translated_title", None) or place.title,
            url=place.url,
            commune=place.commune.name,
            postcode=place.public_postcode,
            latitude=location.latitude,
            longitude=location.longitude,
            approximate=location.approximate,
        )


@dataclass(frozen=True, kw_only=True)
class PlaceHit(PlaceSummary):
    programmes: tuple[str, ...]
    objectives: tuple[str, ...]
    distance_km: float | None
    # For what a card shows beyond the API's fields.
    page: PlacePage


def slugs_by_place(relation: str, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Each place's slugs along a many-to-many `relation` of PlacePage ("programmes"), sorted,
    in one query: no model instance per slug (a page of hits made hundreds of them per search,
    through modelcluster's managers)."""
    rows, key, slug = keyed_rows(PlacePage, f"{relation}__slug")
    found: dict[int, list[str]] = {}
    for place_id, value in rows.filter(**{f"{key}__in": ids}).values_list(key, slug):
        found.setdefault(place_id, []).append(value)
    return {place_id: tuple(sorted(slugs)) for place_id, slugs in found.items()}


def place_hits(ids: list[int], query: SearchQuery) -> list[PlaceHit]:
    """The page of places, in three queries whatever its size. Their URLs are in the
    visitor's language: the translation where there is one, else the French page's text with
    the interface in that language (core.pages.TranslatedTreeMixin)."""
    places = with_title_in(PlacePage.objects.select_related("commune"), visitor_language())
    programmes = slugs_by_place("programmes", ids)
    objectives = slugs_by_place("objectives", ids)
    near = query.get("near")
    ordered = in_order(places, ids)
    with_urls_at_hand(ordered)
    hits = []
    for place in ordered:
        summary = PlaceSummary.of(place)
        hits.append(
            PlaceHit(
                **vars(summary),
                programmes=programmes.get(place.pk, ()),
                objectives=objectives.get(place.pk, ()),
                distance_km=distance(near, summary),
                page=place,
            )
        )
    return hits


def distance(near: Circle | None, place: PlaceSummary) -> float | None:
    return rounded_km(near.distance_to((place.latitude, place.longitude))) if near else None


PLACES = SearchIndex(
    name="places",
    unit="lieux",
    model=PlacePage,
    public=public_places,
    criteria=place_criteria(),
    hits=place_hits,
    order_by=(Sort("title"),),
    nearest_first=True,
    facets=("objectives", "programmes"),
    follows=(
        Follows(PlacePage),
        Follows(signal=place_translations_changed, ids="place_ids"),
    ),
    annotate=with_translations,
)
