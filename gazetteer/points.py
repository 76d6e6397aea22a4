"""Points and suggestions (`NearPoint`, `Suggestion`) and how the site names a place in them:
"Lille (Nord, France)", "Jambes, Namur (Namur, Belgique)", "4000 Liège (Belgique)". A postcode
resolves here too, since the labels the site prints are read back through it
(`gazetteer.readback`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.countries import Country
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.names import normalize

NearKind = Literal["postcode", "commune", "section", "coordinates", "address"]

MAX_ALTERNATIVES = 5

_POSTCODE = re.compile(
    r"^\s*(?:(?P<prefix>B|BE|F|FR)\s*-?\s*)?(?P<code>\d{4,5})(?:\s+(?P<rest>.*\S))?\s*$",
    re.IGNORECASE,
)
_COUNTRY_BY_PREFIX = {"B": "BE", "BE": "BE", "F": "FR", "FR": "FR"}
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


def commune_point(commune: Commune, label: str, alternatives=()) -> NearPoint:
    return NearPoint(
        latitude=float(commune.latitude),
        longitude=float(commune.longitude),
        label=label,
        kind="commune",
        commune_id=commune.pk,
        key=commune.key,
        alternatives=tuple(alternatives),
    )


def section_point(section: Section, alternatives=()) -> NearPoint:
    return NearPoint(
        latitude=float(section.latitude),
        longitude=float(section.longitude),
        label=f"{section.name} ({section.commune.name})",
        kind="section",
        commune_id=section.commune_id,
        key=section.key,
        alternatives=tuple(alternatives),
    )


def postcode_point(row: PostalCode, alternatives=()) -> NearPoint:
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


def postcode_suggestion(row: PostalCode, shared: bool) -> Suggestion:
    point = postcode_point(row)
    return Suggestion(
        value=f"{row.code} {row.locality}" if shared else row.code,
        label=f"{point.label} ({Country(row.country).label})",
        kind="postcode",
        latitude=point.latitude,
        longitude=point.longitude,
        commune_id=row.commune_id,
    )


def names_of(commune: Commune) -> set[str]:
    return {n for n in (commune.search_names or "").split("|") if n}


def resolve_postcode(code: str, country: str | None, rest: str | None) -> NearPoint | None:
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
            if wanted == row.normalized_locality or wanted in names_of(row.commune):
                return postcode_point(row)
    shared = len(rows) > 1
    others = [postcode_suggestion(row, shared) for row in rows[1 : 1 + MAX_ALTERNATIVES]]
    return postcode_point(rows[0], others)


def ranked_matches(rows: list[PlaceName]) -> list[PlaceName]:
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
