"""The bulk import's `organiser_emails` column: the people named are invited once the place is
written; a second run of the same file invites nobody twice; a bad address rejects the row."""

import csv
import io

import pytest
from django.core import mail

from directory.importing import import_places, read_rows
from directory.models import PlacePage
from directory.roles import organiser_group
from organisers.models import Invitation
from tests.factories import PostalCodeFactory

pytestmark = pytest.mark.django_db

HEADER = ["external_id", "name", "description", "postcode", "commune", "programmes"]
HEADER += ["latitude", "longitude", "organiser_emails"]


@pytest.fixture
def liege_postcode(commune):
    PostalCodeFactory(commune=commune)


def csv_file(emails: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerow(
        [
            "ONE-900",
            "La Marelle",
            "Accueil libre.",
            "4000",
            "Liège",
            "lieux-rencontre-enfants-parents",
            "50.64",
            "5.571",
            emails,
        ]
    )
    return buffer.getvalue().encode()


def run(content, dry_run, user=None):
    return import_places(read_rows(content, "lieux.csv"), dry_run=dry_run, user=user)


def test_imported_organisers_are_invited_once(
    liege_postcode, staff_member, organiser_a, django_capture_on_commit_callbacks
):
    content = csv_file("nouvelle@example.org; orga-a@example.org")
    dry = run(content, dry_run=True)
    assert dry.rows[0].notes == ["2 organisateurs à inviter"]
    assert not Invitation.objects.exists() and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        report = run(content, dry_run=False, user=staff_member)
    place = PlacePage.objects.get(external_id="ONE-900")
    (row,) = report.rows
    assert row.action == "create"
    assert "1 invitation envoyée" in row.notes
    assert "1 compte existant invité (il accepte une fois connecté)" in row.notes
    assert not any("@" in note for note in row.notes)
    invitations = Invitation.objects.order_by("email")
    assert [(i.email, i.place_id, i.invited_by) for i in invitations] == [
        ("nouvelle@example.org", place.pk, staff_member),
        ("orga-a@example.org", place.pk, staff_member),
    ]
    # An existing account is asked, never attached silently.
    assert not organiser_a.groups.filter(pk=organiser_group(place).pk).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["nouvelle@example.org", "orga-a@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        again = run(content, dry_run=False, user=staff_member)
    assert again.rows[0].action == "unchanged"
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_bad_address_rejects_the_row(liege_postcode):
    report = run(csv_file("pas-une-adresse; ok@example.org"), dry_run=False)
    (row,) = report.rows
    assert row.action == "reject"
    assert any("organiser_emails" in reason for reason in row.reasons)
    assert not PlacePage.objects.filter(external_id="ONE-900").exists()
