"""Wagtail's site-wide reports (drafts, editors, workflows, translations of every place) are ONE
staff's: an organiser neither sees them in the menu nor opens them."""

import pytest

pytestmark = pytest.mark.django_db

REPORTS = [
    "/admin/reports/page-types-usage/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/reports/site-history/",
    "/admin/reports/locked/",
    "/admin/localize/reports/translations/",
]


@pytest.mark.parametrize("path", REPORTS)
def test_an_organiser_cannot_open_a_report(client, organiser_a, path):
    client.force_login(organiser_a)
    response = client.get(path)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert path not in response["Location"]


@pytest.mark.parametrize("path", REPORTS)
def test_staff_open_every_report(client, staff_member, path):
    client.force_login(staff_member)
    assert client.get(path).status_code == 200


def test_the_reports_menu_is_staff_only(client, organiser_a, staff_member):
    client.force_login(organiser_a)
    organiser_menu = client.get("/admin/").content.decode()
    client.force_login(staff_member)
    staff_menu = client.get("/admin/").content.decode()
    for path in REPORTS:
        assert path not in organiser_menu
        assert path in staff_menu
