"""The admin upload of a place list: staff preview the dry run, then confirm the real run."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import PlacePage
from tests.directory.test_import import ALL_ROWS, csv_bytes

URL = reverse("directory_import_places")


def upload(content: bytes, name="lieux.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_preview_writes_nothing_then_confirm_imports(client, staff_member, small_gazetteer):
    client.force_login(staff_member)
    assert client.get(URL).status_code == 200

    preview = client.post(URL, {"file": upload(csv_bytes(ALL_ROWS))})
    assert preview.status_code == 200
    assert not PlacePage.objects.filter(external_id__startswith="ONE-").exists()
    report = preview.context["report"]
    assert report.dry_run
    assert report.counts == {"create": 2, "update": 0, "unchanged": 0, "reject": 4}
    assert "commune inconnue « Atlantide »" in preview.text
    assert 'name="confirm"' in preview.text

    done = client.post(URL, {"confirm": "1", "digest": preview.context["digest"]})
    assert done.status_code == 200
    assert done.context["report"].counts["create"] == 2
    created = PlacePage.objects.filter(external_id__startswith="ONE-")
    assert created.count() == 2
    # The history names who imported.
    assert {place.revisions.get().user for place in created} == {staff_member}

    # The file is no longer waiting: a second confirm imports nothing more.
    again = client.post(URL, {"confirm": "1", "digest": preview.context["digest"]})
    assert "plus en attente" in again.text
    assert created.count() == 2


def test_an_unreadable_file_is_reported_on_the_form(client, staff_member):
    client.force_login(staff_member)
    response = client.post(URL, {"file": upload(b"external_id,name\nA,B\n")})
    assert response.status_code == 200
    assert "Colonnes obligatoires absentes" in response.text


def test_confirm_needs_the_previewed_file(client, staff_member):
    client.force_login(staff_member)
    response = client.post(URL, {"confirm": "1", "digest": "0" * 64})
    assert "plus en attente" in response.text
