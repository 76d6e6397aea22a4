"""The family searches' weekly sums (core.search.search_weeks): per commune and ISO week they
equal the events, the events are gone once added, a day is added once, and sums past the
retention period are deleted."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from core.models import SearchEvent, SearchWeek
from core.search.search_weeks import aggregate, iso_week, monday_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_events")]

TODAY = date(2026, 12, 9)  # a Wednesday


def event(day: date, area: str, results: int, radius_km: int = 10, filters: str = ""):
    return SearchEvent.objects.create(
        day=day,
        index="places",
        area=area,
        radius_km=radius_km,
        filters=filters,
        results=results,
        engine="database",
    )


def sums() -> dict[tuple[str, date], tuple[int, int]]:
    totals: dict = {}
    for row in SearchWeek.objects.all():
        searches, nothing = totals.get((row.area, row.week), (0, 0))
        totals[(row.area, row.week)] = (searches + row.searches, nothing + row.found_nothing)
    return totals


def test_weekly_sums_per_commune_equal_the_events_which_are_then_deleted():
    days = [TODAY - timedelta(days=n) for n in (1, 2, 3, 8, 9)]
    for n, day in enumerate(days):
        event(day, "BE-62063", results=n % 2)
        event(day, "BE-62063", results=0, filters="language")
        event(day, "FR-59350", results=3, radius_km=5)
    event(TODAY, "BE-62063", results=0)
    expected = Counter()
    nothing = Counter()
    for row in SearchEvent.objects.filter(day__lt=TODAY):
        expected[(row.area, monday_of(row.day))] += 1
        nothing[(row.area, monday_of(row.day))] += row.results == 0

    done = aggregate(TODAY)

    assert done.events == 15
    assert sums() == {key: (expected[key], nothing[key]) for key in expected}
    # Two ISO weeks: the one of Monday 7 December, the one of Monday 30 November.
    assert {week for _area, week in sums()} == {monday_of(day) for day in days}
    # Only today's event is left, for tomorrow's run.
    assert list(SearchEvent.objects.values_list("day", flat=True)) == [TODAY]
    assert aggregate(TODAY).events == 0
    assert sums() == {key: (expected[key], nothing[key]) for key in expected}


def test_a_later_day_adds_to_its_week():
    event(TODAY - timedelta(days=1), "BE-62063", results=0)
    aggregate(TODAY)
    event(TODAY, "BE-62063", results=2)
    aggregate(TODAY + timedelta(days=1))
    (row,) = SearchWeek.objects.all()
    assert (row.week, row.searches, row.found_nothing) == (date(2026, 12, 7), 2, 1)
    assert iso_week(row.week) == "2026-W50"


def test_sums_past_the_retention_period_are_deleted(settings):
    settings.SEARCH_STATISTICS = {"retention_weeks": 4}
    old = SearchWeek.objects.create(week=monday_of(TODAY) - timedelta(weeks=5), index="places")
    kept = SearchWeek.objects.create(week=monday_of(TODAY) - timedelta(weeks=4), index="places")
    assert aggregate(TODAY).purged == 1
    assert list(SearchWeek.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not SearchWeek.objects.filter(pk=old.pk).exists()


def test_the_daily_command_aggregates(capsys):
    event(date.today() - timedelta(days=1), "BE-62063", results=0)
    call_command("aggregate_search_events")
    assert "1 search event(s) added to 1 weekly row(s)" in capsys.readouterr().out
    assert SearchEvent.objects.count() == 0


def test_searches_through_the_site_are_summed_as_documented(client, commune):
    from tests.factories import PostalCodeFactory

    PostalCodeFactory(commune=commune)
    for params in ({"near": "4000"}, {"near": "4000", "radius_km": "2"}, {"near": "4000"}):
        assert client.get("/api/v1/places/", params).status_code == 200
    assert SearchEvent.objects.count() == 3
    aggregate(date.today() + timedelta(days=1))
    assert SearchEvent.objects.count() == 0
    rows = sorted(SearchWeek.objects.values_list("area", "radius_km", "searches", "found_nothing"))
    assert rows == [("BE-62063", 2, 1, 1), ("BE-62063", 10, 2, 2)]
