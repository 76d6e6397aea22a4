"""Every example of docs/import.md is imported: the values of its columns table's last column,
each in a row of the page's example file, each `` `name` under postcode `` commune, and the
example file itself. A documented example the import refuses fails here."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from directory.importing import import_places, read_rows
from directory.models import PlacePage
from tests.factories import docs_gazetteer

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import.md"
TEXT = DOCS.read_text(encoding="utf-8")
CODE = re.compile(r"`([^`]+)`")
UNDER = re.compile(r"`([^`]+)` under (\d{4,5})\b")


def csv_blocks() -> list[str]:
    return re.findall(r"^```csv\n(.*?)^```", TEXT, re.MULTILINE | re.DOTALL)


def table_rows() -> list[list[str]]:
    """The cells of the columns table's rows (a `\\|` inside a cell is no separator)."""
    rows = []
    for line in TEXT.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows.append(cells)
    return rows


def examples() -> list[tuple[dict[str, str], str]]:
    """(the cells an example sets, where the page writes it), for each example of the page."""
    found = []
    for cells in table_rows():
        columns, what, example = CODE.findall(cells[0]), cells[2], cells[-1]
        values = CODE.findall(example.replace("\\|", "|"))
        if len(columns) == 1:
            found += [({columns[0]: value}, f"{columns[0]}: {value}") for value in values]
        elif values:
            assert len(values) == len(columns), f"one example per column in {cells[0]}"
            found.append((dict(zip(columns, values, strict=True)), " ".join(values)))
        if columns == ["commune"]:
            found += [
                ({"commune": name, "postcode": code}, f"{name} under {code}")
                for name, code in UNDER.findall(what)
            ]
    return found


EXAMPLES = examples()
BLOCKS = csv_blocks()


def test_the_page_has_the_examples_this_test_reads():
    columns = {column for cells, _where in EXAMPLES for column in cells}
    assert {"commune", "opening_hours", "postcode", "programmes"} <= columns
    assert ("Jupille-sur-Meuse under 4020") in [where for _cells, where in EXAMPLES]
    assert BLOCKS, "docs/import.md has no ```csv example file"


@pytest.fixture
def gazetteer(db):
    return docs_gazetteer()


def base_row() -> dict[str, str]:
    return next(csv.DictReader(io.StringIO(BLOCKS[0])))


def csv_of(rows: list[dict[str, str]]) -> bytes:
    header = list(dict.fromkeys(column for row in rows for column in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.mark.parametrize(("cells", "where"), EXAMPLES, ids=[where for _c, where in EXAMPLES])
def test_each_documented_value_is_imported(gazetteer, cells, where):
    row = {**base_row(), **cells}
    report = import_places(read_rows(csv_of([row]), "lieux.csv"), dry_run=True)
    [result] = report.rows
    assert (result.action, result.reasons) == ("create", []), where


@pytest.mark.parametrize("block", BLOCKS)
def test_the_example_file_is_imported_whole(gazetteer, block):
    report = import_places(read_rows(block.encode(), "lieux.csv"), dry_run=False)
    rejected = {row.line: row.reasons for row in report.rows if row.action == "reject"}
    assert rejected == {}
    lines = len(list(csv.DictReader(io.StringIO(block))))
    assert report.counts["create"] == lines


def test_the_example_file_means_what_the_page_says(gazetteer):
    import_places(read_rows(BLOCKS[0].encode(), "lieux.csv"), dry_run=False)
    communes = dict(PlacePage.objects.values_list("external_id", "commune"))
    # Jupille-sur-Meuse under 4020 is Liège; Jambes is Namur; Luik, BE-62063 are Liège.
    assert communes["ONE-LRE-0043"] == gazetteer["liege"].pk
    assert communes["ONE-LRE-0044"] == gazetteer["namur"].pk
    assert communes["ONE-LRE-0045"] == gazetteer["liege"].pk
    assert communes["ONE-LRE-0046"] == gazetteer["liege"].pk
    assert communes["ONE-ER-0001"] == gazetteer["lille_fr"].pk
    assert communes["ONE-ER-0002"] == gazetteer["paris"].pk
    hours = {
        place.external_id: [
            (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}") for h in place.opening_hours.all()
        ]
        for place in PlacePage.objects.all()
    }
    assert hours["ONE-LRE-0043"] == [(0, "09:30", "12:00")]
    assert hours["ONE-LRE-0044"] == [(1, "14:00", "16:30"), (3, "09:00", "11:00")]
    assert hours["ONE-LRE-0045"] == [(0, "14:00", "16:30"), (2, "09:00", "12:00")]
    assert [day for day, _o, _c in hours["ONE-LRE-0046"]] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"commune": "Atlantide"}, "commune inconnue « Atlantide »"),
        (
            {"commune": "Liège", "postcode": "5000"},
            "le code postal 5000 n'appartient pas à la commune Liège",
        ),
        # A section under a postcode of another commune.
        (
            {"commune": "Jambes", "postcode": "4000"},
            "le code postal 4000 n'appartient pas à la commune Namur",
        ),
        ({"opening_hours": "lun 9h-"}, "horaire illisible « lun 9h- »"),
    ],
)
def test_the_documented_rejections_are_what_the_import_says(gazetteer, cells, reason):
    if "Jambes" not in cells.values():  # the others are the page's own examples
        assert f"`{reason}`" in TEXT
    report = import_places(read_rows(csv_of([{**base_row(), **cells}]), "lieux.csv"), dry_run=True)
    [result] = report.rows
    assert (result.action, result.reasons) == ("reject", [reason])
