"""Reading back the site's own labels and names a typo away (issue 27): `near` reads back every
label the site prints, and tolerates a typo in a name (gazetteer.fuzzy); `suggest` adds names a
typo away when the names that start with the text are too few."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from core.countries import Country
from gazetteer import fuzzy
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.names import normalize
from gazetteer.points import (
    _COUNTRY_BY_PREFIX,
    _POSTCODE,
    _PROVINCE_PREFIX,
    MAX_ALTERNATIVES,
    NearPoint,
    area_label,
    commune_point,
    commune_suggestion,
    names_of,
    ranked_matches,
    resolve_postcode,
    section_point,
    section_suggestion,
)

# A suggestion a typo away ranks with those the text starts when its place is this many times as
# populous as the largest of them (`suggestion_order`).
TYPO_OUTRANKS = 10

# "Saint-Denis (La Réunion)", "Lille (Nord, France)", "Liège (4000)", "Jambes, Namur (Namur,
# Belgique)", "4000 Liège (Belgique)": a name, then what tells it from its homonyms.
_LABEL = re.compile(r"^(?P<name>[^()]*[^\s()][^()]*?)\s*\((?P<qualifier>[^()]*[^\s()][^()]*)\)$")
# The names of the countries a label may carry, beyond the page's languages' ones.
_COUNTRY_NAMES = {
    "BE": {"belgique", "belgie", "belgium", "belgien"},
    "FR": {"france", "frankrijk", "frankreich"},
}


@dataclass(frozen=True)
class Label:
    """A label the site prints, read back: the place's name ("Jambes"), and the normalised
    words in parentheses and after a comma that tell it from its homonyms ("namur", "namur",
    "belgique"): an area (département, province, region), a country, a postcode, a département
    number, or the commune of a section."""

    name: str
    qualifiers: tuple[str, ...]


def parse_label(text: str) -> Label | None:
    """ "Lille (Nord, France)" → Label("Lille", ("nord", "france")); None for a text without a
    final parenthesis."""
    match = _LABEL.match(text.strip())
    if match is None:
        return None
    # "Jambes, Namur (…)": a section, then its commune.
    name, _comma, commune = match["name"].partition(",")
    parts = [commune, *match["qualifier"].split(",")]
    qualifiers = tuple(q for q in (normalize(part) for part in parts) if q)
    return Label(name=name.strip(), qualifiers=qualifiers) if name.strip() else None


def resolve_label(label: Label) -> NearPoint | None:
    """The place a label names: its name (or, for a typo, the closest names), then among its
    homonyms the ones its qualifiers fit best. A qualifier that fits none is ignored."""
    if match := _POSTCODE.match(label.name):
        # "4000 Liège (Belgique)", a postcode suggestion's label.
        country = _COUNTRY_BY_PREFIX.get((match["prefix"] or "").upper())
        country = country or _country_named(label.qualifiers)
        if country and len(match["code"]) != (4 if country == "BE" else 5):
            return None
        return resolve_postcode(match["code"], country, match["rest"])
    name = normalize(label.name)
    if not name or not any(c.isalpha() for c in name):
        return None
    scored = [(0, row) for row in PlaceName.objects.filter(name=name)] or _typo_rows(name)
    return _point_among(scored, label.qualifiers)


def resolve_typo(name: str) -> NearPoint | None:
    """A normalised name that names nothing, read as a typo of the closest indexed names
    (`fuzzy.max_edits` at most): the closest first, then the documented order; the others
    are its alternatives."""
    if not name or not any(c.isalpha() for c in name):
        return None
    return _point_among(_typo_rows(name), ())


def _typo_rows(name: str) -> list[tuple[int, PlaceName]]:
    """The index rows of the names a typo away from `name`, with their distance."""
    close = dict((other, edits) for edits, other in reversed(fuzzy.close_names(name)))
    if not close:
        return []
    return [(close[row.name], row) for row in PlaceName.objects.filter(name__in=list(close))]


def _country_named(qualifiers: tuple[str, ...]) -> str | None:
    for country, names in _label_country_names().items():
        if names & set(qualifiers):
            return country
    return None


def _label_country_names() -> dict[str, set[str]]:
    found = {country: set(names) for country, names in _COUNTRY_NAMES.items()}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for country in Country:
                found[country.value].add(normalize(str(country.label)))
    return found


def _area_names(commune: Commune) -> set[str]:
    """What a label may say of a commune's area, in any of the site's languages."""
    names = {
        normalize(commune.province or ""),
        normalize(_PROVINCE_PREFIX.sub("", commune.province or "")),
        normalize(commune.region or ""),
        (commune.province_code or "").lower(),
    }
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(normalize(area_label(commune.province)))
    return names - {""}


def _point_among(
    scored: list[tuple[int, PlaceName]], qualifiers: tuple[str, ...]
) -> NearPoint | None:
    """The point of the best of these index rows (the fewest edits, the qualifiers fitting
    best, then `ranked_matches`' order); the others, when the qualifiers did not choose, as
    its alternatives."""
    if not scored:
        return None
    rows = [row for _edits, row in scored]
    edits = {id(row): distance for distance, row in scored}
    communes = Commune.objects.in_bulk({row.commune_id for row in rows})
    sections = Section.objects.in_bulk({row.section_id for row in rows if row.section_id})
    for section in sections.values():
        section.commune = communes[section.commune_id]
    fit = {id(row): 0 for row in rows}
    if qualifiers:
        countries = _label_country_names()
        codes = [q for q in qualifiers if q.isdigit() and len(q) in (4, 5)]
        postcodes = set(
            PostalCode.objects.filter(
                commune_id__in=list(communes), code__in=codes, retired=False
            ).values_list("commune_id", "code")
        )
        for row in rows:
            commune = communes[row.commune_id]
            facts = _area_names(commune) | countries.get(commune.country, set())
            facts |= {code for commune_id, code in postcodes if commune_id == commune.pk}
            if row.section_id:
                facts |= names_of(commune)
            fit[id(row)] = sum(1 for q in qualifiers if q in facts)
    ordered = sorted(ranked_matches(rows), key=lambda row: (edits[id(row)], -fit[id(row)]))
    unique: list[PlaceName] = []
    for row in ordered:
        if all((row.commune_id, row.section_id) != (u.commune_id, u.section_id) for u in unique):
            unique.append(row)
    chosen = unique[0]
    chose = fit[id(chosen)] > 0 and not any(fit[id(row)] == fit[id(chosen)] for row in unique[1:])
    alternatives = [
        section_suggestion(sections[row.section_id])
        if row.section_id
        else commune_suggestion(communes[row.commune_id])
        for row in ([] if chose else unique[1 : 1 + MAX_ALTERNATIVES])
    ]
    if chosen.section_id:
        return section_point(sections[chosen.section_id], alternatives)
    commune = communes[chosen.commune_id]
    # The name typed, else the one the typo was closest to, else the page's language's.
    label = commune.name
    for spelled in (commune.name_fr, commune.name_nl):
        if spelled and normalize(spelled) == chosen.name:
            label = spelled
    return commune_point(commune, label, alternatives)


def typo_suggestions(wanted: str, found: list[PlaceName], limit: int) -> list[PlaceName]:
    """The index rows of names a typo away from `wanted`, when the names starting with it
    name fewer than `limit` places ("lige": Ligescourt alone, so Liège too)."""
    if len({(row.commune_id, row.section_id) for row in found}) >= limit:
        return []
    return [row for _edits, row in _typo_rows(wanted)]


def suggestion_order(
    wanted: str, found: list[PlaceName], typos: list[PlaceName]
) -> list[PlaceName]:
    """The name typed exactly first; then the names starting with it, then those a typo away,
    each in `ranked_matches`' order. A typo's place at least `TYPO_OUTRANKS` times as populous
    as the largest the text starts comes with the names starting with it ("lige": Liège, a
    typo, before Ligescourt)."""
    largest = max((row.population or 0 for row in found if row.name != wanted), default=0)
    promoted = {id(row) for row in typos if (row.population or 0) >= TYPO_OUTRANKS * largest}
    typo_ids = {id(row) for row in typos}

    def tier(row: PlaceName) -> int:
        if row.name == wanted:
            return 0
        return 2 if id(row) in typo_ids and id(row) not in promoted else 1

    return sorted(ranked_matches(found + typos), key=tier)
