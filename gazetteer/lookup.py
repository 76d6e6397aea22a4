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
from dataclasses import replace

from gazetteer.homonyms import choose_homonym
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.names import normalize
from gazetteer.points import (
    _COUNTRY_BY_PREFIX,
    _POSTCODE,
    MAX_ALTERNATIVES,
    NearPoint,
    Suggestion,
    commune_label,
    commune_point,
    commune_suggestion,
    postcode_point,
    postcode_suggestion,
    ranked_matches,
    resolve_postcode,
    section_label,
    section_point,
    section_suggestion,
)
from gazetteer.readback import (
    parse_label,
    resolve_label,
    resolve_typo,
    suggestion_order,
    typo_suggestions,
)

MAX_QUERY_LENGTH = 120

_COORDINATES = re.compile(
    r"^\s*(?P<lat>[+-]?\d{1,3}(?:\.\d+)?)\s*(?:,|;|\s)\s*(?P<lon>[+-]?\d{1,3}(?:\.\d+)?)\s*$"
)
_KEY = re.compile(
    r"^\s*(?P<country>BE|FR)-(?P<code>[0-9][0-9AB][0-9]{3})(?:-(?P<suffix>[A-Za-z0-9-]+))?\s*$",
    re.IGNORECASE,
)
# A postcode being typed, with or without its country ("B-40", "75"): what suggestions complete.
_POSTCODE_START = re.compile(
    r"^(?:(?P<prefix>B|BE|F|FR)\s*-?\s*)?(?P<code>\d{1,5})$", re.IGNORECASE
)
# Characters a copy and paste brings along that no one sees (zero-width space, joiners, BOM).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


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
        return resolve_postcode(match["code"], country, match["rest"])
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


def _resolve_key(country: str, code: str, suffix: str | None) -> NearPoint | None:
    if suffix is None:
        section = Section.objects.filter(key=f"{country}-{code}", retired=False)
    else:
        # "D"/"A" (French déléguée, associée) are upper-case; Belgian slugs lower-case.
        suffix = suffix.upper() if len(suffix) == 1 else suffix.lower()
        section = Section.objects.filter(key=f"{country}-{code}-{suffix}", retired=False)
    found = section.select_related("commune").first()
    if found is not None:
        return section_point(found)
    if suffix is not None:
        return None
    commune = Commune.objects.filter(country=country, code=code, retired=False).first()
    # Named in full ("Lille (Nord, France)"): a key is how a family picks one of homonyms.
    return commune_point(commune, commune_label(commune)) if commune else None


def _resolve_name(name: str) -> NearPoint | None:
    if not name or not any(c.isalpha() for c in name):
        return None
    matches = ranked_matches(list(PlaceName.objects.filter(name=name)))
    if not matches:
        # A locality known only as a postcode's (Laeken, 1020): that postcode.
        row = (
            PostalCode.objects.filter(normalized_locality=name, retired=False)
            .select_related("commune")
            .order_by("country", "code")
            .first()
        )
        return postcode_point(row) if row else None
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
        point = section_point(sections[chosen.section_id], alternatives)
        return _homonym_point(point, sections[chosen.section_id], ambiguous)
    commune = communes[chosen.commune_id]
    # The name the family typed ("Liège" on a Dutch page too), else the page's language's.
    label = commune.name
    for typed in (commune.name_fr, commune.name_nl):
        if typed and name == normalize(typed):
            label = typed
    return _homonym_point(commune_point(commune, label, alternatives), commune, ambiguous)


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
            postcode_suggestion(r, bool(locality) or counts[(r.country, r.code)] > 1)
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
    matches = ranked_matches(list(names))
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
