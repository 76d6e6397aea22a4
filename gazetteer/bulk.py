"""Bulk writing for the loader: the gazetteer's 100,000 rows in few statements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

BATCH_SIZE = 500


@dataclass(frozen=True)
class LoadProgress:
    """One step of the load: `done` of `total` items of `stage` are handled."""

    stage: str
    done: int
    total: int


def batches(items: list, size: int = BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(model, rows: list[dict]) -> None:
    """Insert new rows in one `executemany`. The ORM's `bulk_create` prepares every value
    through its field and cuts SQLite statements at 999 parameters: several times slower for the
    gazetteer's 100,000 rows. The values are plain str, int, bool, Decimal or None, which both
    database drivers adapt as the ORM does; no model here has save() logic or signals to skip
    (the name index is written by the loader itself)."""
    if not rows:
        return
    names = list(rows[0])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    # Table and column names come from the model, never from the data.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [str(row[name]) if isinstance(row[name], str) else row[name] for name in names]
                for row in rows
            ],
        )
