"""A dashboard `Table` as a CSV or XLSX download: the same header and rows as on screen."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from projects.coverage import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit on a sheet's name, and characters it refuses in one.
SHEET_NAME_LENGTH = 31
SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _filename(table: Table, extension: str) -> str:
    return f"couverture-{table.key}-{timezone.localdate():%Y-%m-%d}.{extension}"


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.header)
    writer.writerows(table.rows)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (accents intact).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title.translate(SHEET_NAME_FORBIDDEN)[:SHEET_NAME_LENGTH]
    sheet.append(table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(table: Table, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        body, content_type = table_xlsx(table), XLSX_TYPE
    else:
        body, content_type = table_csv(table), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(table, fmt)}"'
    return response
