"""Bulk import of places: dry run, real run, idempotence, bad rows, XLSX, interruption."""

from __future__ import annotations

import csv
import io
from datetime import time
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Page, PageLogEntry, Revision

from directory.importing import COLUMNS, ImportFileError, import_places, read_rows
from directory.importing.cells import parse_opening_hours
from directory.models import OpeningHours, PlacePage
from directory.roles import organiser_group_name
from gazetteer.models import Commune, GeocodedAddress

HEADER = [
    "external_id",
    "name",
    "description",
    "street_address",
    "postcode",
    "commune",
    "programmes",
    "objectives",
    "opening_hours",
    "latitude",
    "longitude",
    "languages",
    "discreet",
]

GOOD_LIEGE = [
    "ONE-001",
    "La Marelle",
    "Un espace de jeu.\n\nPour les tout-petits.",
    "Rue du Parc 3",
    "4000",
    "Liège",
    "lieux-rencontre-enfants-parents",
    "passerelles; promotion-sante-bientraitance",
    "lun 09:00-12:00; mer 13h30-17h00",
    "50.640000",
    "5.571000",
    "fr, ar",
    "non",
]
GOOD_JUPILLE = [
    "ONE-002",
    "Le Nid",
    "Accueil libre.",
    "Rue de Jupille 1",
    "4020",
    "Jupille-sur-Meuse",  # a locality, not a commune: it belongs to Liège
    "lieux-rencontre-enfants-parents",
    "integration-culturelle",
    "",
    "",
    "",
    "",
    "",
]
UNKNOWN_COMMUNE = [
    "ONE-003",
    "Le Tipi",
    "Accueil libre.",
    "",
    "4000",
    "Atlantide",
    "lieux-rencontre-enfants-parents",
    "",
    "",
    "",
    "",
    "",
    "",
]
FOREIGN_OBJECTIVE = [
    "ONE-004",
    "La Ruche",
    "Accueil libre.",
    "",
    "5000",
    "Namur",
    "lieux-rencontre-enfants-parents",
    "maintien-du-lien",
    "",
    "",
    "",
    "",
    "",
]
BAD_HOURS = [
    "ONE-005",
    "Le Cocon",
    "Accueil libre.",
    "",
    "5000",
    "Namur",
    "lieux-rencontre-enfants-parents",
    "",
    "lun 9h-; mer 14:00-12:00",
    "",
    "",
    "",
    "",
]
TWIN = ["ONE-001", *GOOD_LIEGE[1:]]


def csv_bytes(rows, header=HEADER, delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        # Numbers as a spreadsheet holds them: postcodes and coordinates typed as numbers.
        sheet.append(
            [
                (float(v) if i in (9, 10) else int(v) if i == 4 else v) if v else None
                for i, v in enumerate(row)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ALL_ROWS = [GOOD_LIEGE, GOOD_JUPILLE, UNKNOWN_COMMUNE, FOREIGN_OBJECTIVE, BAD_HOURS, TWIN]


def run(content: bytes, filename="lieux.csv", dry_run=False):
    return import_places(read_rows(content, filename), dry_run=dry_run)


def snapshot() -> dict:
    """Everything an import may write."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "numchild", "live")),
        "places": list(
            PlacePage.objects.order_by("pk").values(
                "pk", "title", "external_id", "latitude", "longitude", "commune"
            )
        ),
        "revisions": Revision.objects.count(),
        "logs": PageLogEntry.objects.count(),
        "groups": Group.objects.count(),
        "hours": OpeningHours.objects.count(),
        "geocoded": GeocodedAddress.objects.count(),
        "communes": Commune.objects.count(),
    }


def test_dry_run_changes_nothing_and_reports_each_bad_row_with_its_reason(small_gazetteer):
    before = snapshot()
    report = run(csv_bytes(ALL_ROWS), dry_run=True)
    assert snapshot() == before

    by_line = {row.line: row for row in report.rows}
    assert [by_line[line].action for line in range(2, 8)] == [
        "create",
        "create",
        "reject",
        "reject",
        "reject",
        "reject",
    ]
    assert by_line[4].reasons == ["commune inconnue « Atlantide »"]
    assert len(by_line[5].reasons) == 1
    assert "objectif hors des programmes du lieu" in by_line[5].reasons[0]
    assert "Maintien ou reprise du lien" in by_line[5].reasons[0]
    assert by_line[6].reasons == [
        "horaire illisible « lun 9h- »",
        "la fermeture précède l'ouverture dans « mer 14:00-12:00 »",
    ]
    assert by_line[7].reasons == ["identifiant externe déjà vu ligne 2"]
    # No point in the row: the real run will ask the geocoder; the dry run does not.
    assert by_line[3].notes == ["adresse à géolocaliser"]
    assert report.counts == {"create": 2, "update": 0, "unchanged": 0, "reject": 4}


def test_real_run_creates_valid_rows_through_wagtail_and_rejects_the_others(small_gazetteer):
    report = run(csv_bytes(ALL_ROWS))
    assert report.counts == {"create": 2, "update": 0, "unchanged": 0, "reject": 4}

    marelle = PlacePage.objects.get(external_id="ONE-001")
    assert marelle.live and marelle.first_published_at is not None
    assert marelle.title == "La Marelle"
    assert marelle.description == "<p>Un espace de jeu.</p><p>Pour les tout-petits.</p>"
    assert marelle.commune == small_gazetteer["liege"]
    assert (marelle.latitude, marelle.longitude) == (Decimal("50.640000"), Decimal("5.571000"))
    assert sorted(marelle.objectives.values_list("slug", flat=True)) == [
        "passerelles",
        "promotion-sante-bientraitance",
    ]
    assert sorted(marelle.languages.values_list("code", flat=True)) == ["ar", "fr"]
    assert [(s.weekday, s.opens, s.closes) for s in marelle.opening_hours.all()] == [
        (0, time(9), time(12)),
        (2, time(13, 30), time(17)),
    ]
    assert marelle.revisions.count() == 1
    assert PageLogEntry.objects.filter(page=marelle, action="wagtail.create").exists()
    assert PageLogEntry.objects.filter(page=marelle, action="wagtail.publish").exists()
    # Created as in the editor: the place has its organiser group.
    assert Group.objects.filter(name=organiser_group_name(marelle)).exists()

    nid = PlacePage.objects.get(external_id="ONE-002")
    assert nid.commune == small_gazetteer["liege"]
    # The test geocoder is unreachable: no point, shown at its commune.
    assert nid.latitude is None
    assert not PlacePage.objects.filter(external_id__in=["ONE-003", "ONE-004", "ONE-005"]).exists()
    # The tree is sound.
    assert all(not problems for problems in Page.find_problems())


def test_a_second_import_of_the_same_file_changes_nothing(small_gazetteer):
    content = csv_bytes(ALL_ROWS)
    run(content)
    before = snapshot()
    report = run(content)
    assert snapshot() == before
    assert report.counts == {"create": 0, "update": 0, "unchanged": 2, "reject": 4}


def test_a_changed_row_updates_its_place_with_a_new_revision(small_gazetteer):
    run(csv_bytes([GOOD_LIEGE]))
    place = PlacePage.objects.get(external_id="ONE-001")
    changed = [*GOOD_LIEGE]
    changed[1] = "La Marelle enchantée"
    changed[8] = "lun 09:00-12:00"

    report = run(csv_bytes([changed]))
    assert [(row.action, row.changes) for row in report.rows] == [
        ("update", ["title", "opening_hours"])
    ]
    place.refresh_from_db()
    assert place.title == "La Marelle enchantée"
    assert place.opening_hours.count() == 1
    assert place.revisions.count() == 2
    assert PlacePage.objects.filter(external_id="ONE-001").count() == 1


def test_xlsx_gives_the_same_result_as_csv(small_gazetteer):
    csv_report = run(csv_bytes(ALL_ROWS), dry_run=True)
    xlsx_report = run(xlsx_bytes(ALL_ROWS), filename="lieux.xlsx", dry_run=True)
    assert [(r.line, r.action, r.reasons) for r in xlsx_report.rows] == [
        (r.line, r.action, r.reasons) for r in csv_report.rows
    ]
    run(xlsx_bytes(ALL_ROWS), filename="lieux.xlsx")
    # Numbers typed as numbers in the sheet: the same place as from the CSV file.
    assert run(csv_bytes(ALL_ROWS)).counts["unchanged"] == 2


def test_semicolon_csv_is_read(small_gazetteer):
    report = run(csv_bytes([GOOD_LIEGE], delimiter=";"), dry_run=True)
    assert [row.action for row in report.rows] == ["create"]


def test_interrupted_run_leaves_no_half_written_place(small_gazetteer, monkeypatch):
    calls = {"n": 0}
    publish = Revision.publish

    def interrupted_publish(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            # Ctrl-C after the second place's page row and revision were written.
            raise KeyboardInterrupt
        return publish(self, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", interrupted_publish)
    groups_before = set(Group.objects.values_list("name", flat=True))
    with pytest.raises(KeyboardInterrupt):
        run(csv_bytes([GOOD_LIEGE, GOOD_JUPILLE]))

    assert list(PlacePage.objects.values_list("external_id", flat=True)) == ["ONE-001"]
    assert not Page.objects.filter(title="Le Nid").exists()
    assert not Revision.objects.filter(object_str="Le Nid").exists()
    # Only the written place got an organiser group; the rolled-back one left none behind.
    marelle = PlacePage.objects.get(external_id="ONE-001")
    new_groups = set(Group.objects.values_list("name", flat=True)) - groups_before
    assert new_groups == {organiser_group_name(marelle)}
    assert all(not problems for problems in Page.find_problems())

    # Started again, the run picks up where the list left off.
    monkeypatch.setattr(Revision, "publish", publish)
    report = run(csv_bytes([GOOD_LIEGE, GOOD_JUPILLE]))
    assert [row.action for row in report.rows] == ["unchanged", "create"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"external_id,name\nA,B\n", "Colonnes obligatoires absentes"),
        (csv_bytes([], header=[*HEADER, "nom_du_lieu"]), "Colonnes inconnues : nom_du_lieu"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(content, message):
    with pytest.raises(ImportFileError, match=message):
        list(read_rows(content, "lieux.csv"))


def test_unknown_format_is_refused():
    with pytest.raises(ImportFileError, match="Format inconnu"):
        list(read_rows(b"x", "lieux.ods"))


def test_documented_columns_are_those_of_the_docs():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text()
    for column in COLUMNS:
        assert f"`{column}`" in docs, f"column {column} is not documented in docs/import.md"


@pytest.mark.parametrize(
    ("text", "slots", "reasons"),
    [
        ("lundi 9:00-12:00", [(0, time(9), time(12))], []),
        ("Tue 08h30 - 11h45", [(1, time(8, 30), time(11, 45))], []),
        ("ven 25:00-26:00", [], ["heure impossible dans « ven 25:00-26:00 »"]),
        ("jour 09:00-12:00", [], ["jour inconnu « jour » dans « jour 09:00-12:00 »"]),
        ("lun 9h-", [], ["horaire illisible « lun 9h- »"]),
    ],
)
def test_opening_hours_are_parsed(text, slots, reasons):
    assert parse_opening_hours(text) == (slots, reasons)


def test_command_dry_run_then_real_run(small_gazetteer, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(csv_bytes(ALL_ROWS))
    out, err = StringIO(), StringIO()
    call_command("import_places", str(path), "--dry-run", stdout=out, stderr=err)
    assert not PlacePage.objects.filter(external_id__startswith="ONE-").exists()
    text = out.getvalue()
    assert "ligne 4 · ONE-003 · rejet · Le Tipi : commune inconnue « Atlantide »" in text
    assert "2 serait créé(s)" in text and "Simulation : rien n'a été écrit." in text
    assert "Simulation" in err.getvalue()  # the progress bar

    out = StringIO()
    call_command("import_places", str(path), stdout=out, stderr=StringIO())
    assert "2 créé(s), 0 mis à jour(s), 0 inchangé(s), 4 rejeté(s)" in out.getvalue()
    assert PlacePage.objects.filter(external_id__startswith="ONE-").count() == 2

    with pytest.raises(CommandError, match="4 ligne"):
        call_command("import_places", str(path), "--strict", stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        # Limits the editor enforces and the import once let through to the publish step,
        # which then stopped the whole run.
        ("phone", "0" * 50, "colonne « phone » : Assurez-vous que cette valeur comporte au plus"),
        ("website", "https://x.org/" + "a" * 200, "colonne « website » : Assurez-vous"),
        ("latitude", "nan", "colonne « latitude » :"),
        ("age_max_months", "300", "colonne « age_max_months » :"),
        ("access_modes", "bogus", "mode d'accès inconnu « bogus »"),
    ],
)
def test_rows_are_checked_by_the_place_model(small_gazetteer, column, value, reason):
    values = dict(zip(HEADER, GOOD_LIEGE, strict=True)) | {column: value}
    content = csv_bytes([list(values.values())], header=list(values))
    for dry_run in (True, False):
        [row] = run(content, dry_run=dry_run).rows
        assert row.action == "reject"
        assert len(row.reasons) == 1 and row.reasons[0].startswith(reason), row.reasons
    assert not PlacePage.objects.filter(external_id="ONE-001").exists()


def test_the_price_column_gives_the_fee(small_gazetteer):
    paying = [*GOOD_LIEGE, "0,50 € par visite"]
    free = [*GOOD_JUPILLE, ""]
    run(csv_bytes([paying, free], header=[*HEADER, "price"]))
    marelle, nid = PlacePage.objects.get(title="La Marelle"), PlacePage.objects.get(title="Le Nid")
    assert (marelle.fee_kind, marelle.fee_amount, marelle.price) == (
        "paid",
        Decimal("0.50"),
        "0,50 € par visite",
    )
    assert (nid.fee_kind, nid.fee_amount, nid.price) == ("free", None, "Gratuit")
    # Read again, the same file changes nothing.
    assert run(csv_bytes([paying, free], header=[*HEADER, "price"])).counts["unchanged"] == 2
