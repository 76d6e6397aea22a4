"""The file formats: a CSV or XLSX list becomes rows of text keyed by the documented columns.

The columns are documented in docs/import.md. The file is refused as a whole (`ImportFileError`)
when it cannot be read, lacks a required column, names an unknown one or holds too many rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import PurePath

from django.utils.translation import gettext as _

from gazetteer.names import normalize

MAX_ROWS = 20_000

# Columns named after the place's field they fill.
CONTACT_AND_ACCESS_COLUMNS = [
    "phone",
    "email",
    "website",
    "age_min_months",
    "age_max_months",
    "price",
    "access_details",
]
# The documented column set (docs/import.md), in the order of a template file.
REQUIRED_COLUMNS = ["external_id", "name", "description", "postcode", "commune", "programmes"]
OPTIONAL_COLUMNS = [
    "country",
    "street_address",
    "latitude",
    "longitude",
    "discreet",
    *CONTACT_AND_ACCESS_COLUMNS,
    "objectives",
    "access_modes",
    "languages",
    "accessibility",
    "opening_hours",
    # Not a field of the place: people to invite as its organisers (extensions.py).
    "organiser_emails",
]
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


class ImportFileError(ValueError):
    """The file as a whole cannot be read: unknown format, missing columns, too many rows."""


def read_rows(content: bytes, filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for every non-empty row of a CSV or XLSX file."""
    extension = PurePath(filename).suffix.lower()
    if extension == ".xlsx":
        table = _xlsx_table(content)
    elif extension in {".csv", ".txt"}:
        table = _csv_table(content)
    else:
        raise ImportFileError(_("Format inconnu : envoyez un fichier .csv ou .xlsx."))
    try:
        header = next(table)
    except StopIteration:
        raise ImportFileError(_("Le fichier est vide.")) from None
    columns = [normalize(name).replace(" ", "_") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("Colonnes obligatoires absentes : %(columns)s.") % {"columns": ", ".join(missing)}
        )
    unknown = [name for name in columns if name and name not in COLUMNS]
    if unknown:
        # A misspelt column would be silently ignored: better say so before anything is written.
        raise ImportFileError(
            _("Colonnes inconnues : %(columns)s (voir la liste des colonnes documentées).")
            % {"columns": ", ".join(unknown)}
        )
    for line, cells in enumerate(table, start=2):
        values = {
            name: _cell_text(cells[i]) if i < len(cells) else ""
            for i, name in enumerate(columns)
            if name
        }
        if not any(values.values()):
            continue
        if line > MAX_ROWS + 1:
            raise ImportFileError(
                _("Plus de %(max)s lignes : découpez le fichier.") % {"max": MAX_ROWS}
            )
        yield line, values


def _cell_text(value) -> str:
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _csv_table(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save CSV in Windows-1252.
        text = content.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_table(content: bytes) -> Iterator[list]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError) as error:
        raise ImportFileError(_("Ce fichier XLSX ne peut pas être lu.")) from error
    try:
        yield from (list(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
