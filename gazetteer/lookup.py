"""Looking up (`resolve_near`, `suggest`): what a family types becomes a point.

`near` accepts a postcode ("4000", "B-4000", "75011", "01400 Châtillon-sur-Chalaronne"), a
commune or section name in French or Dutch (any case, with or without accents, apostrophes,
hyphens), ``lat,lon``, or a stable key that suggestions carry: ``FR-59350`` (a commune by its
INSEE code), ``BE-41002`` (by its NIS code), ``FR-75111`` (an arrondissement),
``BE-92094-jambes`` (a Belgian section), ``FR-50129-D`` (a commune déléguée); every label the
site prints ("Saint-Denis (La Réunion)", "Lille (Nord, France)", "Liège (4000)", "4000 Liège
(Belgique)": `parse_label`); and a name a typo away from a known one ("Lige": `resolve_typo`).

**A bare name that several places bear** (Lille, Montreuil, Saint-Denis) goes to
`choose_homonym` (the rule, written once, below): homonyms less than 50 km apart are one place
(the most populous); between places farther apart, the most populous wins when it has three
times the next one's population (Lille, Nord); otherwise the name is *ambiguous* (Saint-Denis,
Seine-Saint-Denis or La Réunion): the point is a guess (`ambiguous`), which the map page asks
about ("Quel Saint-Denis ?") and the API says. The others are its `alternatives` in both cases
(the page's "Vous cherchiez un autre Lille ?", the API's `near_alternatives`). A postcode
several communes share resolves to the most populous of them, the others being the
alternatives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.countries import Country
from gazetteer import fuzzy
from gazetteer.homonyms import choose_homonym
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.names import normalize

NearKind = Literal["postcode", "commune", "section", "coordinates", "address"]

MAX_QUERY_LENGTH = 120
MAX_ALTERNATIVES = 5
# A suggestion a typo away ranks with those the text starts when its place is this many times as
# populous as the largest of them (`suggestion_order`).
TYPO_OUTRANKS = 10

_COORDINATES = re.compile(
    r"^\s*(?P<lat>[+-]?\d{1,3}(?:\.\d+)?)\s*(?:,|;|\s)\s*(?P<lon>[+-]?\d{1,3}(?:\.\d+)?)\s*$"
)
_POSTCODE = re.compile(
    r"^\s*(?:(?P<prefix>B|BE|F|FR)\s*-?\s*)?(?P<code>\d{4,5})(?:\s+(?P<rest>.*\S))?\s*$",
    re.IGNORECASE,
)
_KEY = re.compile(
    r"^\s*(?P<country>BE|FR)-(?P<code>[0-9][0-9AB][0-9]{3})(?:-(?P<suffix>[A-Za-z0-9-]+))?\s*$",
    re.IGNORECASE,
)
# A postcode being typed, with or without its country ("B-40", "75"): what suggestions complete.
_POSTCODE_START = re.compile(
    r"^(?:(?P<prefix>B|BE|F|FR)\s*-?\s*)?(?P<code>\d{1,5})$", re.IGNORECASE
)
_COUNTRY_BY_PREFIX = {"B": "BE", "BE": "BE", "F": "FR", "FR": "FR"}
# Characters a copy and paste brings along that no one sees (zero-width space, joiners, BOM).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_PROVINCE_PREFIX = re.compile(r"^Province (?:de |du |d[’'])", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    """One place to offer: `value` is what to put in the search box (a stable key or a
    postcode), `label` what to show ("Lille (Nord, France)")."""

    value: str
    label: str
    kind: Literal["postcode", "commune", "section"]
    latitude: float
    longitude: float
    commune_id: int | None = None


@dataclass(frozen=True)
class NearPoint:
    """Where a family's "near" text points to, and the other places it could have meant."""

    latitude: float
    longitude: float
    label: str
    kind: NearKind
    commune_id: int | None = None
    key: str = ""
    alternatives: tuple[Suggestion, ...] = ()
    # A bare name several places far apart bear, none clearly the likeliest (`choose_homonym`):
    # the point is a guess, which the page asks about ("Quel Saint-Denis ?") and the API says.
    ambiguous: bool = False
    # The name the alternatives share with the point ("Lille"), when they are its homonyms.
    homonym: str = ""


# Belgium's provinces and capital region, named in the visitor's language ("Antwerpen" in
# Dutch); French départements and regions keep their names.
BELGIAN_AREAS = {
    "Anvers": pgettext_lazy("province", "Anvers"),
    "Brabant flamand": pgettext_lazy("province", "Brabant flamand"),
    "Brabant wallon": pgettext_lazy("province", "Brabant wallon"),
    "Flandre occidentale": pgettext_lazy("province", "Flandre occidentale"),
    "Flandre orientale": pgettext_lazy("province", "Flandre orientale"),
    "Hainaut": pgettext_lazy("province", "Hainaut"),
    "Liège": pgettext_lazy("province", "Liège"),
    "Limbourg": pgettext_lazy("province", "Limbourg"),
    "Luxembourg": pgettext_lazy("province", "Luxembourg"),
    "Namur": pgettext_lazy("province", "Namur"),
    "Région de Bruxelles-Capitale": pgettext_lazy("province", "Région de Bruxelles-Capitale"),
}


def area_label(province: str) -> str:
    """ "Province de Namur" → "Namur" ("Namen" in Dutch); a French département or a region
    stays as it is."""
    area = _PROVINCE_PREFIX.sub("", province or "")
    return str(BELGIAN_AREAS.get(area, area))


def commune_label(commune: Commune, name: str | None = None) -> str:
    """ "Lille (Nord, France)", "Luik (Liège, Belgique)"."""
    country = str(Country(commune.country).label)
    area = area_label(commune.province)
    if not area:
        return _("%(name)s (%(country)s)") % {"name": name or commune.name, "country": country}
    return _("%(name)s (%(area)s, %(country)s)") % {
        "name": name or commune.name,
        "area": area,
        "country": country,
    }


def section_label(section: Section, commune: Commune) -> str:
    """ "Jambes, Namur (Namur, Belgique)"."""
    return _("%(section)s, %(commune)s") % {
        "section": section.name,
        "commune": commune_label(commune),
    }


def commune_suggestion(commune: Commune, name: str | None = None) -> Suggestion:
    return Suggestion(
        value=commune.key,
        label=commune_label(commune, name),
        kind="commune",
        latitude=float(commune.latitude),
        longitude=float(commune.longitude),
        commune_id=commune.pk,
    )


def section_suggestion(section: Section) -> Suggestion:
    return Suggestion(
        value=section.key,
        label=section_label(section, section.commune),
        kind="section",
        latitude=float(section.latitude),
        longitude=float(section.longitude),
        commune_id=section.commune_id,
    )


def resolve_near(text: str) -> NearPoint | None:
    """Turn what a family typed into a point; None when it names nothing known.

    Postcodes of four digits are Belgian, of five French (a ``B-``/``F-`` prefix is accepted).
    """
    if not isinstance(text, str):
        return None
    text = _INVISIBLE.sub("", text).strip()
    if not text or len(text) > MAX_QUERY_LENGTH:
        return None
    if match := _COORDINATES.match(text):
        return _resolve_coordinates(match["lat"], match["lon"])
    if match := _KEY.match(text):
        found = _resolve_key(match["country"].upper(), match["code"].upper(), match["suffix"])
        # "FR-75011" is no INSEE code but a postcode with its country, as "BE-4000" is.
        if found is not None or match["suffix"] is not None:
            return found
    # A label the site printed ("Saint-Denis (La Réunion)", "Lille (Nord, France)").
    if (label := parse_label(text)) and (found := resolve_label(label)):
        return found
    if match := _POSTCODE.match(text):
        country = _COUNTRY_BY_PREFIX.get((match["prefix"] or "").upper())
        return _resolve_postcode(match["code"], country, match["rest"])
    return _resolve_name(normalize(text)) or resolve_typo(normalize(text))


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


def _commune_point(commune: Commune, label: str, alternatives=()) -> NearPoint:
    return NearPoint(
        latitude=float(commune.latitude),
        longitude=float(commune.longitude),
        label=label,
        kind="commune",
        commune_id=commune.pk,
        key=commune.key,
        alternatives=tuple(alternatives),
    )


def _section_point(section: Section, alternatives=()) -> NearPoint:
    return NearPoint(
        latitude=float(section.latitude),
        longitude=float(section.longitude),
        label=f"{section.name} ({section.commune.name})",
        kind="section",
        commune_id=section.commune_id,
        key=section.key,
        alternatives=tuple(alternatives),
    )


def _resolve_key(country: str, code: str, suffix: str | None) -> NearPoint | None:
    if suffix is None:
        section = Section.objects.filter(key=f"{country}-{code}", retired=False)
    else:
        # "D"/"A" (French déléguée, associée) are upper-case; Belgian slugs lower-case.
        suffix = suffix.upper() if len(suffix) == 1 else suffix.lower()
        section = Section.objects.filter(key=f"{country}-{code}-{suffix}", retired=False)
    found = section.select_related("commune").first()
    if found is not None:
        return _section_point(found)
    if suffix is not None:
        return None
    commune = Commune.objects.filter(country=country, code=code, retired=False).first()
    # Named in full ("Lille (Nord, France)"): a key is how a family picks one of homonyms.
    return _commune_point(commune, commune_label(commune)) if commune else None


def _postcode_point(row: PostalCode, alternatives=()) -> NearPoint:
    name = row.commune.name if row.commune_id else row.locality
    if row.section_id:
        name = row.locality
    return NearPoint(
        latitude=float(row.latitude),
        longitude=float(row.longitude),
        label=f"{row.code} {name}",
        kind="postcode",
        commune_id=row.commune_id,
        key=row.commune.key if row.commune_id else "",
        alternatives=tuple(alternatives),
    )


def _postcode_suggestion(row: PostalCode, shared: bool) -> Suggestion:
    point = _postcode_point(row)
    return Suggestion(
        value=f"{row.code} {row.locality}" if shared else row.code,
        label=f"{point.label} ({Country(row.country).label})",
        kind="postcode",
        latitude=point.latitude,
        longitude=point.longitude,
        commune_id=row.commune_id,
    )


def _names_of(commune: Commune) -> set[str]:
    return {n for n in (commune.search_names or "").split("|") if n}


def _resolve_postcode(code: str, country: str | None, rest: str | None) -> NearPoint | None:
    country = country or ("BE" if len(code) == 4 else "FR")
    rows = list(
        PostalCode.objects.filter(country=country, code=code, retired=False).select_related(
            "commune"
        )
    )
    if not rows:
        return None
    # The most populous commune first: a shared postcode is most likely meant for it.
    rows.sort(key=lambda row: (-(row.commune.population or 0), row.locality))
    wanted = normalize(rest) if rest else ""
    if wanted:
        # "4000 Liège", "01400 Sulignat": the row whose locality or commune carries that name.
        for row in rows:
            if wanted == row.normalized_locality or wanted in _names_of(row.commune):
                return _postcode_point(row)
    shared = len(rows) > 1
    others = [_postcode_suggestion(row, shared) for row in rows[1 : 1 + MAX_ALTERNATIVES]]
    return _postcode_point(rows[0], others)


def _ranked_matches(rows: list[PlaceName]) -> list[PlaceName]:
    """The documented order: commune before section, Belgium before France, larger
    population, then code (the primary keys follow the codes' load order)."""
    return sorted(
        rows,
        key=lambda row: (
            row.section_id is not None,
            row.country != "BE",
            -(row.population or 0),
            row.commune_id,
            row.section_id or 0,
        ),
    )


def _resolve_name(name: str) -> NearPoint | None:
    if not name or not any(c.isalpha() for c in name):
        return None
    matches = _ranked_matches(list(PlaceName.objects.filter(name=name)))
    if not matches:
        # A locality known only as a postcode's (Laeken, 1020): that postcode.
        row = (
            PostalCode.objects.filter(normalized_locality=name, retired=False)
            .select_related("commune")
            .order_by("country", "code")
            .first()
        )
        return _postcode_point(row) if row else None
    communes = Commune.objects.in_bulk([m.commune_id for m in matches])
    sections = Section.objects.in_bulk([m.section_id for m in matches if m.section_id])
    for section in sections.values():
        section.commune = communes[section.commune_id]
    matches, ambiguous = choose_homonym(matches, communes, sections)
    chosen, others = matches[0], matches[1 : 1 + MAX_ALTERNATIVES]
    alternatives = [
        section_suggestion(sections[m.section_id])
        if m.section_id
        else commune_suggestion(communes[m.commune_id])
        for m in others
    ]
    if chosen.section_id:
        point = _section_point(sections[chosen.section_id], alternatives)
        return _homonym_point(point, sections[chosen.section_id], ambiguous)
    commune = communes[chosen.commune_id]
    # The name the family typed ("Liège" on a Dutch page too), else the page's language's.
    label = commune.name
    for typed in (commune.name_fr, commune.name_nl):
        if typed and name == normalize(typed):
            label = typed
    return _homonym_point(_commune_point(commune, label, alternatives), commune, ambiguous)


def suggest(prefix: str, limit: int = 8) -> list[Suggestion]:
    """Places whose name, or one word of it, starts with `prefix`, or postcodes that do; at
    most `limit`, in the order `resolve_near` ranks names."""
    if not isinstance(prefix, str) or limit <= 0:
        return []
    prefix = _INVISIBLE.sub("", prefix).strip()
    if not prefix or len(prefix) > MAX_QUERY_LENGTH:
        return []
    if typed := _POSTCODE_START.match(prefix) or _POSTCODE.match(prefix):
        # "4000 Liè": the postcode, and the start of its locality's name.
        locality = typed.groupdict().get("rest")
        codes = PostalCode.objects.filter(code__startswith=typed["code"], retired=False)
        if country := _COUNTRY_BY_PREFIX.get((typed["prefix"] or "").upper()):
            codes = codes.filter(country=country)
        if locality:
            codes = codes.filter(normalized_locality__startswith=normalize(locality))
        rows = list(
            codes.select_related("commune").order_by("country", "code", "locality")[: limit * 3]
        )
        counts: dict[tuple[str, str], int] = {}
        for row in rows:
            counts[(row.country, row.code)] = counts.get((row.country, row.code), 0) + 1
        rows.sort(key=lambda r: (r.country != "BE", r.code, -(r.commune.population or 0)))
        # A locality typed stays in the value: "5000 Namur" is what the family asked for.
        return [
            _postcode_suggestion(r, bool(locality) or counts[(r.country, r.code)] > 1)
            for r in rows[:limit]
        ]

    wanted = normalize(prefix)
    if not wanted:
        return []
    found = list(PlaceName.objects.filter(name__startswith=wanted)[: limit * 20])
    if len(found) < limit:
        found += list(PlaceName.objects.filter(name__contains=f" {wanted}")[: limit * 20])
    typos = typo_suggestions(wanted, found, limit)
    matches, seen = [], set()
    for row in suggestion_order(wanted, found, typos):
        if (row.commune_id, row.section_id) not in seen:
            seen.add((row.commune_id, row.section_id))
            matches.append(row)
    matches = matches[:limit]
    communes = Commune.objects.in_bulk([m.commune_id for m in matches])
    sections = Section.objects.in_bulk([m.section_id for m in matches if m.section_id])
    suggestions = []
    for match in matches:
        if match.section_id:
            section = sections[match.section_id]
            section.commune = communes[match.commune_id]
            suggestions.append(section_suggestion(section))
            continue
        commune = communes[match.commune_id]
        # Show the name the prefix matched: "Luik" for "lui", "Liège" for "lie".
        shown = commune.name_fr
        if (
            commune.name_nl
            and not _word_starts(commune.name_fr, wanted)
            and normalize(commune.name_fr) != match.name
        ):
            shown = commune.name_nl
        suggestions.append(commune_suggestion(commune, shown))
    return suggestions


def _word_starts(name: str, wanted: str) -> bool:
    normalised = normalize(name)
    return normalised.startswith(wanted) or f" {wanted}" in f" {normalised}"


# A commune's official code alone: NIS (Belgium, five digits) or INSEE ("59350", "2A004").
_OFFICIAL_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$", re.IGNORECASE)


def resolve_commune(text: str, postcode: str = "", country: str = "") -> Commune | None:
    """The commune `text` names, read as `resolve_near` reads a place, for what needs a commune
    rather than a point (the import's `commune` column): None when it names none.

    `text` is a commune's French or Dutch name, a section's, an arrondissement's or a commune
    déléguée's (which gives the commune it belongs to: Jambes is Namur), a stable key
    (``BE-62063``, ``FR-59350``, ``BE-92094-jambes``), an official code alone (``62063``), or
    a postcode and a locality (``4020 Jupille-sur-Meuse``). `postcode`, when given, chooses
    among the communes a name may mean the one it serves, and lets a locality of that postcode
    name its commune (Jupille-sur-Meuse under 4020 is Liège). `country` keeps names and codes
    to one country. A name several places bear otherwise follows `resolve_near`'s rule.
    """
    if not isinstance(text, str):
        return None
    text = _INVISIBLE.sub("", text).strip()
    postcode = (postcode or "").replace(" ", "")
    country = (country or "").upper()
    if not text or len(text) > MAX_QUERY_LENGTH:
        return None
    if _OFFICIAL_CODE.match(text):
        communes = Commune.objects.filter(code=text.upper(), retired=False)
        if country:
            communes = communes.filter(country=country)
        return communes.order_by("country").first()
    if match := _KEY.match(text):
        point = _resolve_key(match["country"].upper(), match["code"].upper(), match["suffix"])
        return Commune.objects.get(pk=point.commune_id) if point else None
    if (match := _POSTCODE.match(text)) and match["rest"] and not postcode:
        postcode, text = match["code"], match["rest"]
        country = country or _COUNTRY_BY_PREFIX.get((match["prefix"] or "").upper(), "")
    name = normalize(text)
    if not name:
        return None
    names = PlaceName.objects.filter(name=name)
    localities = PostalCode.objects.filter(
        normalized_locality=name, retired=False, commune__isnull=False
    )
    if country:
        names = names.filter(country=country)
        localities = localities.filter(country=country)
    matches = _ranked_matches(list(names))
    if postcode:
        served = PostalCode.objects.filter(code=postcode, retired=False)
        if country:
            served = served.filter(country=country)
        served_ids = set(served.values_list("commune_id", flat=True))
        # A commune or section of that name the postcode serves; else a locality of the
        # postcode; else the name alone (the caller then says the postcode is not the
        # commune's).
        in_postcode = [m for m in matches if m.commune_id in served_ids]
        if in_postcode:
            return Commune.objects.get(pk=in_postcode[0].commune_id)
        locality = localities.filter(code=postcode).order_by("country").first()
        if locality is not None:
            return Commune.objects.get(pk=locality.commune_id)
    if matches:
        return Commune.objects.get(pk=matches[0].commune_id)
    # A locality known only as a postcode's (Laeken): its commune.
    locality = localities.order_by("country", "code").first()
    return Commune.objects.get(pk=locality.commune_id) if locality else None


def _homonym_point(point: NearPoint, place: Commune | Section, ambiguous: bool) -> NearPoint:
    """The point with its full label ("Lille (Nord, France)"), said to be a guess when it is,
    and the name its alternatives share with it."""
    if isinstance(place, Section):
        label, name = section_label(place, place.commune), place.name
    else:
        label, name = commune_label(place, point.label), point.label
    return replace(point, label=label, ambiguous=ambiguous, homonym=name)


# Typos and the site's own labels (issue 27): `near` reads back every label the site prints, and
# tolerates a typo in a name (gazetteer.fuzzy); `suggest` adds names a typo away when the names
# that start with the text are too few.

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
        return _resolve_postcode(match["code"], country, match["rest"])
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
    best, then `_ranked_matches`' order); the others, when the qualifiers did not choose, as
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
                facts |= _names_of(commune)
            fit[id(row)] = sum(1 for q in qualifiers if q in facts)
    ordered = sorted(_ranked_matches(rows), key=lambda row: (edits[id(row)], -fit[id(row)]))
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
        return _section_point(sections[chosen.section_id], alternatives)
    commune = communes[chosen.commune_id]
    # The name typed, else the one the typo was closest to, else the page's language's.
    label = commune.name
    for spelled in (commune.name_fr, commune.name_nl):
        if spelled and normalize(spelled) == chosen.name:
            label = spelled
    return _commune_point(commune, label, alternatives)


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
    each in `_ranked_matches`' order. A typo's place at least `TYPO_OUTRANKS` times as populous
    as the largest the text starts comes with the names starting with it ("lige": Liège, a
    typo, before Ligescourt)."""
    largest = max((row.population or 0 for row in found if row.name != wanted), default=0)
    promoted = {id(row) for row in typos if (row.population or 0) >= TYPO_OUTRANKS * largest}
    typo_ids = {id(row) for row in typos}

    def tier(row: PlaceName) -> int:
        if row.name == wanted:
            return 0
        return 2 if id(row) in typo_ids and id(row) not in promoted else 1

    return sorted(_ranked_matches(found + typos), key=tier)
