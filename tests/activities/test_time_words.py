"""Time words mean what families mean: on Thursday 26 November, "this week" reaches next
Wednesday and "this month" the next thirty days; typed dates count on their own; the API's
`from`/`to` are unchanged."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from tests.factories import ActivityPageFactory, publish

pytestmark = pytest.mark.django_db

THURSDAY_26_NOVEMBER = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def thursday():
    with time_machine.travel(THURSDAY_26_NOVEMBER, tick=False):
        yield


@pytest.fixture
def wednesday_workshop(thursday, place):
    # Every Wednesday from 2 December.
    return publish(
        ActivityPageFactory(
            parent=place,
            title="Atelier du mercredi",
            start_date=date(2026, 12, 2),
            start_time=time(14, 0),
            weekdays="2",
        )
    )


def session_days(client, **params) -> list[str]:
    response = client.get("/lieux/", {"view": "activities", **params})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.select_one("time")["datetime"][:10] for li in soup.select("[data-result-list] > li")]


def test_this_week_is_today_and_the_next_six_days(client, wednesday_workshop):
    assert session_days(client) == ["2026-12-02"]
    assert session_days(client, when="week") == ["2026-12-02"]


def test_this_month_is_the_next_thirty_days(client, wednesday_workshop):
    # 26 November to 25 December: four Wednesdays, though November ends in four days.
    assert session_days(client, when="month") == [
        "2026-12-02",
        "2026-12-09",
        "2026-12-16",
        "2026-12-23",
    ]


def test_typed_dates_count_without_ticking_between_two_dates(client, wednesday_workshop):
    days = session_days(client, when="week", **{"from": "2026-12-08", "to": "2026-12-20"})
    assert days == ["2026-12-09", "2026-12-16"]
    response = client.get("/lieux/", {"view": "activities", "from": "2026-12-15"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=when][value=dates]").has_attr("checked")
    assert soup.select_one("#field-from")["value"] == "2026-12-15"
    first = soup.select_one("[data-result-list] > li time")["datetime"][:10]
    assert first == "2026-12-16"


def test_only_an_end_date_starts_today(client, wednesday_workshop):
    assert session_days(client, to="2026-12-10") == ["2026-12-02", "2026-12-09"]


def test_the_api_dates_are_unchanged(client, wednesday_workshop):
    body = client.get("/api/v1/activities/").json()
    assert body["date_from"] == "2026-11-26"
    assert body["count"] >= 20  # to the end of the window, not a week
    body = client.get("/api/v1/activities/", {"from": "2026-12-01", "to": "2026-12-08"}).json()
    assert [r["start"][:10] for r in body["results"]] == ["2026-12-02"]
