"""The family searches' weekly sums (core.search.events): each day's events are added to the
row of their ISO week, commune, radius and criteria (`SearchWeek`, the week by its Monday),
then deleted; sums older than `SEARCH_STATISTICS["retention_weeks"]` weeks are deleted.

`aggregate` runs daily (`manage.py aggregate_search_events`, rencontres/periodic.py): it takes
the events of the days before `today` only, so that a day is added once, whole, and a second
run the same day has nothing to add. The engine is left out of the sums: it says how the site
answered, not where families looked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Q

from core.models import SearchEvent, SearchWeek

GROUP = ("index", "area", "radius_km", "filters")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def iso_week(monday: date) -> str:
    """ "2026-W49", as the exports write a week."""
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Aggregated:
    events: int
    rows: int
    purged: int


def retention_start(today: date) -> date:
    """The Monday of the oldest week kept."""
    weeks = settings.SEARCH_STATISTICS["retention_weeks"]
    return monday_of(today) - timedelta(weeks=weeks)


@transaction.atomic
def aggregate(today: date) -> Aggregated:
    """Add the events of the days before `today` to their weeks, delete them, and delete the
    weeks past the retention period."""
    # Up to the last event already written: a process writing yesterday's last events meanwhile
    # leaves them for the next run, neither counted nor deleted.
    last = SearchEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    done = SearchEvent.objects.filter(day__lt=today, pk__lte=last)
    counts = (
        done.order_by()
        .values("day", *GROUP)
        .annotate(searches=Count("pk"), found_nothing=Count("pk", filter=Q(results=0)))
    )
    sums: dict[tuple, list[int]] = {}
    events = 0
    for row in counts:
        key = (monday_of(row["day"]), *(row[name] for name in GROUP))
        total = sums.setdefault(key, [0, 0])
        total[0] += row["searches"]
        total[1] += row["found_nothing"]
        events += row["searches"]
    for (week, *group), (searches, found_nothing) in sums.items():
        fields = dict(zip(GROUP, group, strict=True))
        updated = SearchWeek.objects.filter(week=week, **fields).update(
            searches=F("searches") + searches, found_nothing=F("found_nothing") + found_nothing
        )
        if not updated:
            SearchWeek.objects.create(
                week=week, searches=searches, found_nothing=found_nothing, **fields
            )
    done.delete()
    purged, _by_model = SearchWeek.objects.filter(week__lt=retention_start(today)).delete()
    return Aggregated(events, len(sums), purged)
