"""The dump's HSDS tabular data package: valid for the Frictionless Data reference tool
(`frictionless`: the descriptor, each CSV against its table schema, ids unique, every link to
a row that exists), with its licence, and without a discreet place's secrets."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from frictionless import Package, validate

from directory.models import ClosurePeriod
from opendata.hsds.datapackage import TABLES, Tables, columns
from opendata.hsds.records import hsds_places, service
from opendata.ids import record_id
from tests.discreet import secrets_in
from tests.factories import OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(settings, tmp_path, place, discreet_place):
    settings.MEDIA_ROOT = tmp_path
    OpeningHoursFactory(place=place)
    start = timezone.localdate() + timedelta(days=3)
    ClosurePeriod.objects.create(place=place, start_date=start, end_date=start + timedelta(7))
    call_command("export_open_data", "--no-progress", stdout=io.StringIO())
    return tmp_path / "opendata" / "hsds"


def download(client, name) -> str:
    response = client.get(f"/donnees-ouvertes/hsds/{name}")
    assert response.status_code == 200, name
    return b"".join(response.streaming_content).decode()


def test_the_package_validates(exported):
    report = validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(exported / "datapackage.json"))
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    assert {resource.name for resource in package.resources} == set(TABLES)


def test_every_place_is_an_organisation_a_service_and_a_location(
    client, exported, place, discreet_place
):
    rows = {
        table: list(csv.DictReader(io.StringIO(download(client, path))))
        for table, (path, _) in TABLES.items()
    }
    for table in ("organization", "service", "location", "service_at_location"):
        ids = {row["id"] for row in rows[table]}
        assert ids == {record_id(table, place.pk), record_id(table, discreet_place.pk)}, table
    # A place's one phone is linked to its service, location and contact.
    (phone,) = [r for r in rows["phone"] if r["id"] == record_id("phone", discreet_place.pk)]
    assert phone["service_id"] and phone["location_id"] and phone["contact_id"]
    assert {r["valid_from"] for r in rows["schedule"]} - {""}
    assert "CC BY 4.0" in download(client, "LICENCE.txt")
    descriptor = json.loads(download(client, "datapackage.json"))
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    for _table, (path, _) in TABLES.items():
        assert secrets_in(download(client, path)) == [], path
    page = client.get("/donnees-ouvertes/").content.decode()
    assert "/donnees-ouvertes/hsds/datapackage.json" in page


def test_no_field_of_the_records_is_left_out_of_the_tables(place, discreet_place):
    found = Tables()
    for hsds_place in hsds_places([place.pk, discreet_place.pk]):
        found.add("service", service(hsds_place))
    for table in TABLES:
        names = {name for name, _ in columns(table)}
        for row in found.of(table):
            assert set(row) <= names, (table, set(row) - names)


def test_unknown_file_is_not_found(client, exported):
    assert client.get("/donnees-ouvertes/hsds/secret.csv").status_code == 404
    assert client.get("/donnees-ouvertes/hsds/..%2Flieux.json").status_code == 404
