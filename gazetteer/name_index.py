"""The name index (`PlaceName`) as the loader writes it, in bulk, after each country."""

from __future__ import annotations

from collections.abc import Generator

from gazetteer.bulk import BATCH_SIZE, LoadProgress, batches, insert_rows
from gazetteer.fuzzy import sync_index
from gazetteer.models import Commune, PlaceName, Section
from gazetteer.names import indexed_names


def write_names(country: str) -> Generator[LoadProgress, None, None]:
    """Bring the name index up to date with the communes' and sections' `search_names`."""
    wanted: dict[tuple, int | None] = {}
    communes = Commune.objects.filter(country=country, retired=False)
    for pk, population, *names in communes.values_list(
        "pk", "population", "search_names", "name_fr", "name_nl"
    ):
        for name in indexed_names(*names):
            wanted[(name, pk, None)] = population
    sections = Section.objects.filter(country=country, retired=False)
    for pk, commune_id, population, *names in sections.values_list(
        "pk", "commune_id", "population", "search_names", "name_fr", "name_nl"
    ):
        for name in indexed_names(*names):
            wanted[(name, commune_id, pk)] = population
    existing = {
        (row.name, row.commune_id, row.section_id): row
        for row in PlaceName.objects.filter(country=country)
    }
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    for batch in batches(stale):
        PlaceName.objects.filter(pk__in=batch).delete()
    changed = [
        row for key, row in existing.items() if key in wanted and row.population != wanted[key]
    ]
    for row in changed:
        row.population = wanted[(row.name, row.commune_id, row.section_id)]
    PlaceName.objects.bulk_update(changed, ["population"], batch_size=BATCH_SIZE)
    new = [
        {
            "name": name,
            "country": country,
            "commune_id": commune_id,
            "section_id": section_id,
            "population": population,
        }
        for (name, commune_id, section_id), population in wanted.items()
        if (name, commune_id, section_id) not in existing
    ]
    insert_rows(PlaceName, new)
    # The names' trigrams, which typos are looked up by (gazetteer.fuzzy).
    sync_index()
    yield LoadProgress(f"{country}: index des noms", len(wanted), len(wanted))
