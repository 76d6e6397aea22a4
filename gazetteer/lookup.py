"""Looking up (`resolve_near`, `suggest`): a postcode, a commune name in French or Dutch (any case,
with or without accents, apostrophes, hyphens) or ``lat,lon`` becomes a point. When a name is
both a Belgian and a French commune (Mons, for one), **Belgium wins**: the platform serves
Belgian families first and the French name can still be reached by its postcode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from django.db.models import Case, IntegerField, Q, When

from gazetteer.models import Commune, PostalCode
from gazetteer.names import normalize

NearKind = Literal["postcode", "commune", "coordinates"]

MAX_QUERY_LENGTH = 120

_COORDINATES = re.compile(
    r"^\s*(?P<lat>[+-]?\d{1,3}(?:\.\d+)?)\s*(?:,|;|\s)\s*(?P<lon>[+-]?\d{1,3}(?:\.\d+)?)\s*$"
)
_POSTCODE = re.compile(
    r"^\s*(?:(?P<prefix>B|BE|F|FR)\s*-?\s*)?(?P<code>\d{4,5})(?:\s+(?P<rest>.*\S))?\s*$",
    re.IGNORECASE,
)
_COUNTRY_BY_PREFIX = {"B": "BE", "BE": "BE", "F": "FR", "FR": "FR"}


def _names_of(commune: Commune) -> set[str]:
    names = {n for n in (commune.search_names or "").split("|") if n}
    names.update(normalize(n) for n in (commune.name_fr, commune.name_nl) if n)
    return names


@dataclass(frozen=True)
class NearPoint:
    """Where a family's "near" text points to."""

    latitude: float
    longitude: float
    label: str
    kind: NearKind
    commune_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """One entry of the search box's suggestions: `value` is what to put in the box."""

    value: str
    label: str
    kind: Literal["postcode", "commune"]
    latitude: float
    longitude: float
    commune_id: int | None = None


def _belgium_first():
    return Case(When(country="BE", then=0), default=1, output_field=IntegerField())


def resolve_near(text: str) -> NearPoint | None:
    """Turn a postcode, a commune name (French or Dutch, any case, with or without accents) or
    ``lat,lon`` into a point; None when the text is none of these or names nothing known.

    Postcodes of four digits are Belgian, of five French (a ``B-``/``F-`` prefix is accepted);
    a name both Belgian and French resolves to the Belgian commune.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_QUERY_LENGTH:
        return None
    if match := _COORDINATES.match(text):
        return _resolve_coordinates(match["lat"], match["lon"])
    if match := _POSTCODE.match(text):
        country = _COUNTRY_BY_PREFIX.get((match["prefix"] or "").upper())
        return _resolve_postcode(match["code"], country, match["rest"])
    return _resolve_name(normalize(text))


def _resolve_coordinates(lat_text: str, lon_text: str) -> NearPoint | None:
    latitude, longitude = float(lat_text), float(lon_text)
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return NearPoint(
        latitude=latitude,
        longitude=longitude,
        label=f"{latitude:.5f}, {longitude:.5f}",
        kind="coordinates",
    )


def _postcode_point(row: PostalCode) -> NearPoint:
    name = row.commune.name_fr if row.commune_id else row.locality
    return NearPoint(
        latitude=float(row.latitude),
        longitude=float(row.longitude),
        label=f"{row.code} {name}",
        kind="postcode",
        commune_id=row.commune_id,
    )


def _resolve_postcode(code: str, country: str | None, rest: str | None) -> NearPoint | None:
    country = country or ("BE" if len(code) == 4 else "FR")
    rows = list(
        PostalCode.objects.filter(country=country, code=code)
        .select_related("commune")
        .order_by("locality")
    )
    if not rows:
        return None
    wanted = normalize(rest) if rest else ""
    if wanted:
        # "4000 Liège": the row whose locality or commune carries that name, else the postcode.
        for row in rows:
            names = _names_of(row.commune) if row.commune else set()
            if wanted == row.normalized_locality or wanted in names:
                return _postcode_point(row)
    # Several localities under one code: the one that shares its commune's name is the
    # postcode's main place.
    for row in rows:
        if row.commune and row.normalized_locality in _names_of(row.commune):
            return _postcode_point(row)
    return _postcode_point(rows[0])


def _resolve_name(name: str) -> NearPoint | None:
    if not name or not any(c.isalpha() for c in name):
        return None
    candidates = (
        Commune.objects.filter(search_names__contains=name)
        .annotate(belgium_first=_belgium_first())
        .order_by("belgium_first", "code")
    )
    for commune in candidates:
        if name == normalize(commune.name_nl or "") and name != normalize(commune.name_fr):
            label = commune.name_nl
        elif name in _names_of(commune):
            label = commune.name_fr
        else:
            continue
        return NearPoint(
            latitude=float(commune.latitude),
            longitude=float(commune.longitude),
            label=label,
            kind="commune",
            commune_id=commune.pk,
        )
    # A locality that is not a commune of its own (Laeken, Jupille-sur-Meuse): its postcode.
    row = (
        PostalCode.objects.filter(normalized_locality=name)
        .select_related("commune")
        .annotate(belgium_first=_belgium_first())
        .order_by("belgium_first", "code")
        .first()
    )
    if row is None:
        return None
    point = _postcode_point(row)
    return NearPoint(
        latitude=point.latitude,
        longitude=point.longitude,
        label=f"{row.code} {row.locality}",
        kind="postcode",
        commune_id=row.commune_id,
    )


def suggest(prefix: str, limit: int = 8) -> list[Suggestion]:
    """Communes or postcodes that start with `prefix`, Belgian ones first, at most `limit`.

    Digits give postcodes; letters give communes whose French or Dutch name, or one word of it,
    starts with the prefix (in any case, with or without accents).
    """
    if not isinstance(prefix, str) or limit <= 0:
        return []
    prefix = prefix.strip()
    if not prefix or len(prefix) > MAX_QUERY_LENGTH:
        return []
    if prefix.isdigit():
        rows = (
            PostalCode.objects.filter(code__startswith=prefix)
            .select_related("commune")
            .annotate(belgium_first=_belgium_first())
            .order_by("belgium_first", "code", "locality")[:limit]
        )
        suggestions = []
        for row in rows:
            point = _postcode_point(row)
            suggestions.append(
                Suggestion(
                    value=row.code,
                    label=point.label,
                    kind="postcode",
                    latitude=point.latitude,
                    longitude=point.longitude,
                    commune_id=row.commune_id,
                )
            )
        return suggestions

    wanted = normalize(prefix)
    if not wanted:
        return []
    ordered = ("belgium_first", "search_names", "code")
    name_starts = Q(search_names__startswith=wanted) | Q(search_names__contains=f"|{wanted}")
    communes = list(
        Commune.objects.filter(name_starts)
        .annotate(belgium_first=_belgium_first())
        .order_by(*ordered)[:limit]
    )
    if len(communes) < limit:
        word_starts = Q(search_names__contains=f" {wanted}") & ~name_starts
        communes += list(
            Commune.objects.filter(word_starts)
            .annotate(belgium_first=_belgium_first())
            .order_by(*ordered)[: limit - len(communes)]
        )
    suggestions = []
    for commune in communes:
        # Show the name the prefix matched: "Luik" for "lui", "Liège" for "lie".
        shown = commune.name_fr
        if commune.name_nl and not _word_starts(commune.name_fr, wanted):
            shown = commune.name_nl
        suggestions.append(
            Suggestion(
                value=shown,
                label=f"{shown} ({commune.province})" if commune.province else shown,
                kind="commune",
                latitude=float(commune.latitude),
                longitude=float(commune.longitude),
                commune_id=commune.pk,
            )
        )
    return suggestions


def _word_starts(name: str, wanted: str) -> bool:
    normalised = normalize(name)
    return normalised.startswith(wanted) or f" {wanted}" in f" {normalised}"
