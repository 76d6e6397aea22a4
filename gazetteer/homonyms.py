"""Homonyms: which of the places bearing one name a family means — the rule, written once, that
`gazetteer.lookup.resolve_near` applies for the map page and the API alike."""

from __future__ import annotations

from django.utils.translation import get_language

from core.geo import distance_km
from gazetteer.models import Commune, PlaceName, Section

# The rule (docs/search.md, "Place names several places bear"), read by the map page and the
# API alike through `resolve_near`:
#
# 1. A section whose commune bears the name too is that commune (the same place, named twice).
# 2. Homonyms less than `HOMONYMS_APART_KM` apart are one place for a family: the most populous
#    of them stands for the others (they stay alternatives).
# 3. Between places farther apart, the most populous is chosen when it has at least
#    `DOMINANT_RATIO` times the population of the next: Lille (Nord, 232,787) over Lille
#    (Antwerp, 16,000).
# 4. Otherwise the name is ambiguous: the point is a guess, flagged `ambiguous`, among the
#    contenders (those within that ratio of the most populous), in this order: the visitor's
#    country (`preferred_country`: Belgium on a Dutch page), then Belgium and metropolitan
#    France before overseas France (where the families the platform serves live), then
#    population, then a commune before a section, Belgium before France, the code.

HOMONYMS_APART_KM = 50
DOMINANT_RATIO = 3


def preferred_country() -> str:
    """The country a visitor's page tips a tie towards: Belgium on a Dutch page; none on the
    French and English pages, which serve Belgian and French families alike."""
    return "BE" if (get_language() or "").lower().startswith("nl") else ""


def is_overseas(commune: Commune) -> bool:
    """A French commune outside Europe (its INSEE code starts with 97 or 98)."""
    return commune.country == "FR" and commune.code[:2] in ("97", "98")


def choose_homonym(
    rows: list[PlaceName],
    communes: dict[int, Commune],
    sections: dict[int, Section],
    country: str | None = None,
) -> tuple[list[PlaceName], bool]:
    """The places bearing one name, the likeliest first, and whether that first is a guess
    (the name is ambiguous). `communes` and `sections` hold the rows' places by id."""
    country = preferred_country() if country is None else country
    named_communes = {row.commune_id for row in rows if not row.section_id}
    unique: dict[tuple, PlaceName] = {}
    for row in rows:
        if row.section_id and row.commune_id in named_communes:
            continue
        unique.setdefault((row.commune_id, row.section_id), row)

    def place(row: PlaceName) -> Commune | Section:
        return sections[row.section_id] if row.section_id else communes[row.commune_id]

    def point(row: PlaceName) -> tuple[float, float]:
        found = place(row)
        return float(found.latitude), float(found.longitude)

    def population(row: PlaceName) -> int:
        return place(row).population or 0

    by_size = sorted(
        unique.values(),
        key=lambda row: (
            -population(row),
            row.section_id is not None,
            row.country != "BE",
            row.commune_id,
            row.section_id or 0,
        ),
    )
    heads: list[PlaceName] = []
    nearby: list[PlaceName] = []
    for row in by_size:
        if any(distance_km(point(row), point(head)) < HOMONYMS_APART_KM for head in heads):
            nearby.append(row)
        else:
            heads.append(row)
    if len(heads) < 2:
        return heads + nearby, False
    largest, next_largest = population(heads[0]), population(heads[1])
    if largest > 0 and largest >= DOMINANT_RATIO * next_largest:
        return heads + nearby, False
    contenders = [head for head in heads if DOMINANT_RATIO * population(head) > largest]
    contenders.sort(
        key=lambda row: (
            bool(country) and row.country != country,
            is_overseas(communes[row.commune_id]),
            -population(row),
            row.section_id is not None,
            row.country != "BE",
            row.commune_id,
            row.section_id or 0,
        )
    )
    others = [head for head in heads if head not in contenders]
    return contenders + others + nearby, True
