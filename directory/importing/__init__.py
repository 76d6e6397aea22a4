"""Bulk import of places from a CSV or XLSX list (``manage.py import_places``, admin upload).

One job, in four steps, row by row, one module each:

1. **parse** (`formats`): the file becomes rows of text, keyed by the documented columns
   (docs/import.md);
2. **validate** (`rows`, reading cells with `cells`): a row becomes a `PlaceData` (every value
   read and looked up: commune through the gazetteer, programmes and objectives, hours, then
   checked by the model's own validation), or the list of reasons it is rejected;
3. **plan** (`apply`): the place with the row's external id is looked up; the row would *create*
   it, *update* it (naming the fields that change) or leave it *unchanged*;
4. **apply** (`apply`, not in a dry run): geocode the address if the row gives no point, then
   write the place in a transaction of its own, through Wagtail's page API (``add_child`` then a
   published revision), so that the organiser group, the audit log and the search indexes
   follow as for a place made in the editor.

`run.import_places` drives them and `report` says what became of each row. A rejected row never
stops the others. Each row is written whole or not at all: an interruption (Ctrl-C, a crash, a
lost database) rolls back the row being written, and a run started again picks up where the list
left off, since rows already written are then unchanged. A dry run writes nothing at all, not
even the geocoder's cache: it does not geocode.
"""

from directory.importing.formats import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportFileError,
    read_rows,
)
from directory.importing.report import ImportReport, RowReport
from directory.importing.run import import_places

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "ImportFileError",
    "ImportReport",
    "RowReport",
    "import_places",
    "read_rows",
]
