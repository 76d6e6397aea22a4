"""Report a problem: the form on place and activity pages, its honeypot and rate limit, discreet
places, the queue organisers and ONE staff see, closing a report (the reporter's e-mail, then
their address deleted), and the retention rule."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisers.models import ProblemReport, ReportStatus
from tests.discreet import make_discreet_place, secrets_in
from tests.factories import ActivityPageFactory, PlacePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


GOOD = {"kind": "hours", "message": "Le mercredi, c'est fermé.", "email": "famille@example.org"}


def report_url(page):
    return reverse("report_problem", args=[page.pk])


def test_every_place_and_activity_page_carries_the_form(client, place_b, activity_b):
    publish(activity_b)
    for page in (place_b, activity_b):
        html = client.get(page.url).content.decode()
        assert f'action="{report_url(page)}"' in html, page
        # No token: the page is the same for every visitor, and may be kept (core.kept).
        assert 'name="csrfmiddlewaretoken"' not in html
        assert "<details>" in html  # folded, and opened without a script


def test_a_family_reports_a_problem_on_an_activity(client, place_b, activity_b):
    publish(activity_b)
    response = client.post(report_url(activity_b), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("report_problem_thanks", args=[activity_b.pk])
    report = ProblemReport.objects.get()
    assert (report.place_id, report.page_id, report.kind) == (place_b.pk, activity_b.pk, "hours")
    assert report.email == "famille@example.org"
    assert report.status == ReportStatus.NEW
    # The language the page was read in (the site's, until the interface is translated): the
    # reply is rendered in it.
    assert report.language == "fr"
    assert client.get(response["Location"]).status_code == 200


def test_the_honeypot_keeps_nothing(client, place_b):
    response = client.post(report_url(place_b), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


def test_bad_input_is_a_400_naming_the_field(client, place_b):
    response = client.post(report_url(place_b), {**GOOD, "kind": "nope"})
    assert response.status_code == 400
    assert 'id="id_kind-error"' in response.content.decode()
    response = client.post(report_url(place_b), {**GOOD, "email": "pas-une-adresse"})
    assert response.status_code == 400
    assert 'id="id_email-error"' in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_the_rate_limit_answers_429(client, place_b, settings):
    settings.ORGANISERS = {**settings.ORGANISERS, "report_rate": (2, 600)}
    codes = [
        client.post(report_url(place_b), {**GOOD, "email": f"f{n}@example.org"}).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert ProblemReport.objects.count() == 2


def test_the_rate_limit_is_not_the_registrations(client, place_b, settings):
    """Each form counts apart: reporting twice does not use up a family's registrations."""
    from activities.registration_views import RATE_SCOPE
    from core.clients import attempts_key
    from organisers.report_views import RATE_SCOPE as REPORT_SCOPE

    request = type("Request", (), {"META": {"REMOTE_ADDR": "127.0.0.1"}})()
    assert attempts_key(request, RATE_SCOPE) != attempts_key(request, REPORT_SCOPE)


def test_unpublished_and_other_pages_are_404(client, commune, place_b):
    draft = PlacePageFactory(title="Brouillon", commune=commune, live=False)
    for page_id in (draft.pk, place_b.get_parent().pk, 999999):
        assert client.get(reverse("report_problem", args=[page_id])).status_code == 404
        assert client.post(reverse("report_problem", args=[page_id]), GOOD).status_code == 404


def test_a_discreet_place_reveals_nothing_more(client, commune):
    place = publish(make_discreet_place(commune))
    activity = publish(ActivityPageFactory(parent=place, title="Atelier discret"))
    for page in (place, activity):
        for response in (
            client.get(report_url(page)),
            client.post(report_url(page), {**GOOD, "email": "bad"}),
            # One address per page: the same one twice would be « déjà envoyé » (kept apart).
            client.post(report_url(page), {**GOOD, "email": f"{page.pk}@example.org"}, follow=True),
        ):
            assert response.status_code in (200, 400)
            assert secrets_in(response.content.decode()) == []
    assert ProblemReport.objects.filter(place=place).count() == 2


def test_closing_a_report_mails_the_reporter_then_forgets_the_address(
    client, organiser_b, place_b, django_capture_on_commit_callbacks
):
    report = ProblemReport.objects.create(
        place=place_b, page=place_b, kind="contact", email="famille@example.org", language="fr"
    )
    client.force_login(organiser_b)
    url = reverse("organisers_report", args=[report.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "handled", "note": "Numéro corrigé."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.note, report.email) == ("handled", "Numéro corrigé.", "")
    assert report.closed_by == organiser_b
    [message] = mail.outbox
    assert message.to == ["famille@example.org"]
    assert "Lieu B" in message.subject
    assert "Numéro corrigé." in message.body
    assert "il a été corrigé" in message.body
    # Closed is closed: a second decision changes nothing and sends nothing.
    client.post(url, {"status": "rejected", "note": "x"})
    report.refresh_from_db()
    assert report.status == "handled"
    assert len(mail.outbox) == 1


def test_a_bad_decision_is_a_400_naming_the_field(client, organiser_b, place_b):
    report = ProblemReport.objects.create(place=place_b, kind="other", language="fr")
    client.force_login(organiser_b)
    url = reverse("organisers_report", args=[report.pk])
    response = client.post(url, {"status": "new", "note": "x"})
    assert response.status_code == 400
    assert 'id="id_status-error"' in response.content.decode()
    response = client.post(url, {"status": "handled", "note": "x" * 2001})
    assert response.status_code == 400
    assert 'id="id_note-error"' in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_organiser_a_never_sees_or_changes_place_b_reports(
    client, organiser_a, place_a, place_b, django_capture_on_commit_callbacks
):
    mine = ProblemReport.objects.create(place=place_a, kind="hours", language="fr")
    theirs = ProblemReport.objects.create(
        place=place_b, kind="hours", email="b@example.org", language="fr", message="secret B"
    )
    client.force_login(organiser_a)
    for status in ("new", "handled", "rejected", ""):
        html = client.get(reverse("organisers_reports"), {"status": status}).content.decode()
        assert reverse("organisers_report", args=[theirs.pk]) not in html
        assert "Lieu B" not in html
    assert (
        reverse("organisers_report", args=[mine.pk])
        in client.get(reverse("organisers_reports")).content.decode()
    )
    url = reverse("organisers_report", args=[theirs.pk])
    script = {"X-Requested-With": "XMLHttpRequest"}
    assert client.get(url, headers=script).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "handled", "note": "x"}, headers=script)
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert (theirs.status, theirs.email) == (ReportStatus.NEW, "b@example.org")
    assert mail.outbox == []
    assert client.get(reverse("organisers_report", args=[999999])).status_code == 404


def test_someone_who_organises_nothing_sees_no_queue(client, django_user_model):
    user = django_user_model.objects.create_user("personne", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(
        reverse("organisers_reports"), headers={"X-Requested-With": "XMLHttpRequest"}
    )
    assert response.status_code == 403


def test_one_staff_see_every_place_reports(client, staff_member, place_a, place_b):
    for place in (place_a, place_b):
        ProblemReport.objects.create(place=place, kind="hours", language="fr")
    client.force_login(staff_member)
    html = client.get(reverse("organisers_reports")).content.decode()
    assert "Lieu A" in html and "Lieu B" in html


def test_the_filters_show_new_handled_and_rejected(client, staff_member, place_b):
    for status in ReportStatus.values:
        ProblemReport.objects.create(
            place=place_b, kind="hours", language="fr", status=status, message=status
        )
    client.force_login(staff_member)
    for status in ReportStatus.values:
        response = client.get(reverse("organisers_reports"), {"status": status})
        [report] = response.context["reports"]
        assert report.status == status


def listing_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("organisers_reports"))
    assert response.status_code == 200
    return len(queries)


def test_the_listing_costs_the_same_queries_for_one_report_or_many(
    client, organiser_a, place_a, commune
):
    activity = publish(ActivityPageFactory(parent=place_a, title="Atelier A"))
    ProblemReport.objects.create(place=place_a, page=place_a, kind="hours", language="fr")
    client.force_login(organiser_a)
    listing_queries(client)  # warms the per-process caches (site root, content types)
    one = listing_queries(client)
    for n in range(8):
        ProblemReport.objects.create(
            place=place_a, page=activity if n % 2 else place_a, kind="other", language="fr"
        )
    assert listing_queries(client) == one


def test_open_reports_are_an_attention_item(client, organiser_a, place_a, place_b):
    ProblemReport.objects.create(place=place_a, kind="hours", language="fr")
    ProblemReport.objects.create(place=place_b, kind="hours", language="fr")
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 signalement à traiter" in html
    assert reverse("organisers_reports") in html


def test_the_purge_clears_addresses_and_deletes_old_closed_reports(place_b):
    now = timezone.now()
    kept_open = ProblemReport.objects.create(
        place=place_b,
        kind="hours",
        language="fr",
        email="a@example.org",
        created_at=now - timedelta(days=400),
    )
    closed_recently = ProblemReport.objects.create(
        place=place_b,
        kind="hours",
        language="fr",
        email="b@example.org",
        status=ReportStatus.HANDLED,
        closed_at=now - timedelta(days=10),
    )
    ProblemReport.objects.create(
        place=place_b,
        kind="hours",
        language="fr",
        status=ReportStatus.REJECTED,
        closed_at=now - timedelta(days=100),
    )
    call_command("purge_problem_reports", "--days", "90")
    assert set(ProblemReport.objects.values_list("pk", flat=True)) == {
        kept_open.pk,
        closed_recently.pk,
    }
    closed_recently.refresh_from_db()
    kept_open.refresh_from_db()
    assert closed_recently.email == ""
    assert kept_open.email == "a@example.org"
