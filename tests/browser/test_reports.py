"""In Chromium: a family on a 360 px phone reports a wrong opening time on a place's page (the
page with its form open, and the thanks page, are axe-core clean and never wider than the
screen); the place's organiser sees it on their dashboard, marks it handled with a note, and the
family gets the e-mail; their address is then forgotten."""

from __future__ import annotations

import pytest

from tests.browser.report_steps import family_reports, organiser_handles
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Tilleul-Bleu-2027"
FAMILY = "famille.dupont@example.org"
NOTE = "Les heures sont corrigées : fermé le mercredi matin."


@pytest.fixture
def scene(transactional_db, django_user_model, commune):
    from directory.roles import organiser_group
    from tests.factories import PlacePageFactory, publish

    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    organiser = django_user_model.objects.create_user("nadia", password=PASSWORD)
    organiser.groups.add(organiser_group(place))
    return {"url": place.url, "title": place.title}


def test_a_family_reports_a_problem_and_hears_it_was_handled(
    live_server, scene, chromium, mailoutbox
):
    from organisers.models import ProblemReport

    seen = chromium.run(family_reports, live_server.url, scene["url"], FAMILY)
    for name in ("form", "thanks"):
        assert not seen[name]["violations"], axe_report(seen[name]["violations"])
        assert seen[name]["scroll_width"] <= seen[name]["width"], name
    assert seen["hours_label"].strip() == "Les heures sont fausses"
    assert "Merci" in seen["thanks_title"]
    assert seen["js_errors"] == []
    report = ProblemReport.objects.get()
    assert (report.kind, report.email) == ("hours", FAMILY)

    handled = chromium.run(organiser_handles, live_server.url, "nadia", PASSWORD, NOTE)
    assert "1 signalement à traiter" in handled["dashboard"]
    assert "Fermé le mercredi matin." in handled["report"]
    assert any("la personne en est avertie" in message for message in handled["messages"])
    assert handled["js_errors"] == []

    (message,) = mailoutbox
    assert message.to == [FAMILY]
    assert scene["title"] in message.subject
    assert "Les heures sont corrigées" in message.body
    report.refresh_from_db()
    assert (report.status, report.email) == ("handled", "")
