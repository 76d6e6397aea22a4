"""Writing demo activities in bulk: the pages under their place, their sessions for the rolling
window (as `activities.occurrences.sync_activity` would make them) and those held since the
activity began (up to `PAST_DAYS` ago), most with a head-count (`head_counts`), the place's
closure over the school holidays, full sessions with their waiting list, a cancelled session;
the place's and the activities' notices.

Like the places (`writer`), pages get their treebeard paths computed in memory and each batch
costs a handful of multi-row inserts, whatever the number of activities. Only demo places
without any child page get activities, so a second run adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.utils import timezone
from wagtail.models import Page

from activities.choices import RegistrationStatus
from activities.models import ActivityNotice, ActivityPage, Occurrence, Registration
from activities.occurrences import window_days
from activities.offers import offer_deadline
from activities.recurrence import Schedule
from core.countries import TIME_ZONES
from core.weekdays import parse_weekdays
from directory.models import ClosurePeriod, PlacePage
from directory.models.notices import PlaceNotice
from organisers.models import HeadCount
from rencontres.demo.activities import DemoActivity, DemoNotice, demo_families, draw_offer
from rencontres.demo.generator import DemoPlace
from rencontres.demo.head_counts import draw_head_counts
from rencontres.demo.writer import bulk_insert, instance_rows

WAITING_PER_FULL_SESSION = 2
# The activities' default time to answer a seat offered.
OFFER_HOURS = 24
# How far back the demo's past sessions go (an activity began up to this long ago).
PAST_DAYS = 150


@dataclass(frozen=True)
class PlaceRow:
    """What the writer needs of a demo place's page."""

    pk: int
    path: str
    depth: int
    url_path: str
    locale_id: int

    @classmethod
    def of(cls, page: Page) -> PlaceRow:
        return cls(page.pk, page.path, page.depth, page.url_path, page.locale_id)


def places_without_activities(parent: Page) -> list[tuple[PlaceRow, str]]:
    from rencontres.demo.writer import demo_pages

    rows = (
        demo_pages(parent)
        .filter(numchild=0)
        .values_list("pk", "path", "depth", "url_path", "locale_id", "slug")
    )
    return [(PlaceRow(*row[:5]), row[5]) for row in rows.order_by("path").iterator(2000)]


class ActivityWriter:
    def __init__(self, seed: int, today: date):
        self.seed = seed
        self.today = today
        self.last_day = today + timedelta(days=window_days())
        self.first_day = today - timedelta(days=PAST_DAYS)
        self.db = router.db_for_write(ActivityPage)
        self.content_type_id = ContentType.objects.get_for_model(ActivityPage).pk
        self.page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        self.activity_fields = list(ActivityPage._meta.local_concrete_fields)
        self.occurrence_fields = [f for f in Occurrence._meta.concrete_fields if not f.primary_key]
        self.relations = []
        for name, ids_of in (
            ("objectives", lambda activity: activity.objective_ids),
            ("languages", lambda activity: activity.language_ids),
        ):
            m2m = ActivityPage._meta.get_field(name)
            through = m2m.remote_field.through
            fields = [
                through._meta.get_field(m2m.m2m_field_name()),
                through._meta.get_field(m2m.m2m_reverse_field_name()),
            ]
            self.relations.append((through, fields, ids_of))

    def write(self, places: Sequence[tuple[PlaceRow, DemoPlace]]) -> list[int]:
        """Give each place its drawn activities; returns the new activities' ids."""
        offers = [(row, place, draw_offer(place, self.seed, self.today)) for row, place in places]
        with transaction.atomic(using=self.db):
            # A place without activities may have a closure and notices too (drawn again on
            # every run, as it still has no child page: written once).
            closures = self._closures(offers)
            self._place_notices(offers)
            offers = [item for item in offers if item[2].activities]
            if not offers:
                return []
            pages = []
            for row, _place, offer in offers:
                for step, activity in enumerate(offer.activities, start=1):
                    pages.append((row, activity, self._page(row, activity, step)))
            bulk_insert(
                Page,
                self.page_fields,
                instance_rows(self.page_fields, [p for *_, p in pages]),
                self.db,
            )
            ids = dict(
                Page.objects.filter(path__in=[page.path for *_, page in pages]).values_list(
                    "path", "pk"
                )
            )
            rows = [
                ActivityPage(page_ptr_id=ids[page.path], **activity.fields)
                for _row, activity, page in pages
            ]
            bulk_insert(
                ActivityPage,
                self.activity_fields,
                instance_rows(self.activity_fields, rows),
                self.db,
            )
            for through, fields, ids_of in self.relations:
                links = [
                    (ids[page.path], target)
                    for _row, activity, page in pages
                    for target in ids_of(activity)
                ]
                bulk_insert(through, fields, links, self.db)
            self._count_children(offers)
            # Written with the activity, which is written once.
            ActivityNotice.objects.bulk_create(
                notice_row(ActivityNotice(activity_id=ids[page.path]), activity.notice)
                for _row, activity, page in pages
                if activity.notice
            )
            countries = {row.pk: place.fields["country"] for row, place, _offer in offers}
            self._sessions(
                [(row, activity, ids[page.path]) for row, activity, page in pages],
                countries,
                closures,
            )
        return [ids[page.path] for *_, page in pages]

    def _page(self, row: PlaceRow, activity: DemoActivity, step: int) -> Page:
        now = timezone.now()
        return Page(
            path=Page._get_path(row.path, row.depth + 1, step),
            depth=row.depth + 1,
            numchild=0,
            title=activity.title,
            draft_title=activity.title,
            slug=activity.slug,
            url_path=f"{row.url_path}{activity.slug}/",
            content_type_id=self.content_type_id,
            locale_id=row.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )

    def _count_children(self, offers) -> None:
        quote = connections[self.db].ops.quote_name
        table = quote(Page._meta.db_table)
        # Identifiers from the model's metadata, quoted; values as parameters.
        sql = f"UPDATE {table} SET {quote('numchild')} = %s WHERE {quote('id')} = %s"  # noqa: S608
        with connections[self.db].cursor() as cursor:
            cursor.executemany(sql, [(len(offer.activities), row.pk) for row, _p, offer in offers])

    def _closures(self, offers) -> dict[int, ClosurePeriod]:
        closed = set(
            ClosurePeriod.objects.filter(
                place_id__in=[row.pk for row, _place, offer in offers if offer.closure]
            ).values_list("place_id", flat=True)
        )
        closures = [
            ClosurePeriod(place_id=row.pk, start_date=start, end_date=end, reason=reason)
            for row, _place, offer in offers
            if offer.closure and row.pk not in closed
            for start, end, reason in [offer.closure]
        ]
        ClosurePeriod.objects.bulk_create(closures)
        return {closure.place_id: closure for closure in closures}

    def _place_notices(self, offers) -> None:
        """Bulk, without the signals a save sends (the command indexes what it wrote): a place
        that has a notice already is left alone."""
        noticed = set(
            PlaceNotice.objects.filter(
                place_id__in=[row.pk for row, _place, offer in offers if offer.notices]
            ).values_list("place_id", flat=True)
        )
        PlaceNotice.objects.bulk_create(
            notice_row(PlaceNotice(place_id=row.pk), notice)
            for row, _place, offer in offers
            if row.pk not in noticed
            for notice in offer.notices
        )

    def _sessions(self, activities, countries: dict[int, str], closures) -> None:
        occurrences: list[Occurrence] = []
        plans: list[tuple[DemoActivity, list[Occurrence]]] = []
        for row, activity, activity_id in activities:
            tz = ZoneInfo(TIME_ZONES.get(countries[row.pk], "Europe/Brussels"))
            schedule = schedule_of(activity, tz)
            closure = closures.get(row.pk)
            mine, past = [], []
            for local in schedule.local_starts(self.first_day, self.last_day):
                day = local.date()
                start, end = schedule.session_at(day)
                covered = closure is not None and closure.covers(day)
                occurrence = Occurrence(
                    activity_id=activity_id,
                    place_id=row.pk,
                    date=day,
                    day=day,
                    start=start,
                    end=end,
                    closure=closure if covered else None,
                )
                occurrence.refresh_status()
                # Held before today: counted (or not yet), never full nor cancelled by hand.
                (past if day < self.today else mine).append(occurrence)
            occurrences += past
            open_sessions = [o for o in mine if not o.is_cancelled]
            if activity.cancelled_session and len(open_sessions) > activity.cancelled_session:
                cancelled = open_sessions.pop(activity.cancelled_session)
                cancelled.cancelled_manually = True
                cancelled.manual_reason = activity.cancel_reason
                cancelled.refresh_status()
            if activity.moved_session is not None and len(open_sessions) > activity.moved_session:
                # Moved by its organiser to the next day (activities.rescheduling).
                moved = open_sessions[activity.moved_session]
                moved.previous_start = moved.start
                moved.start += timedelta(days=1)
                moved.end += timedelta(days=1)
                moved.sequence = 1
            occurrences += mine
            plans.append((activity, open_sessions[: activity.full_sessions]))
        # executemany rather than bulk_create: a hundred thousand sessions for 10,000 places.
        bulk_insert(
            Occurrence,
            self.occurrence_fields,
            instance_rows(self.occurrence_fields, occurrences),
            self.db,
        )
        full = [o for _activity, sessions in plans for o in sessions]
        ids = {
            (activity_id, day): pk
            for pk, activity_id, day in Occurrence.objects.filter(
                activity_id__in={o.activity_id for o in full}
            ).values_list("pk", "activity_id", "date")
        }
        for occurrence in full:
            occurrence.pk = ids[(occurrence.activity_id, occurrence.date)]
        self._full(plans)
        held = Occurrence.objects.filter(
            activity_id__in={activity_id for *_rest, activity_id in activities},
            date__lt=self.today,
            is_cancelled=False,
        ).values_list("pk", "activity_id", "date")
        HeadCount.objects.bulk_create(
            draw_head_counts(self.seed, held.order_by("pk"), self.today), batch_size=2000
        )

    def _full(self, plans: Iterable[tuple[DemoActivity, list[Occurrence]]]) -> None:
        now = timezone.now()
        registrations = []
        for activity, sessions in plans:
            capacity = activity.fields["capacity"]
            for occurrence in sessions:
                rng = random.Random(f"{self.seed}:{occurrence.activity_id}:{occurrence.date}")
                people = demo_families(rng, capacity + WAITING_PER_FULL_SESSION)
                statuses = seat_statuses([len(f.ages) for f in people], capacity)
                for rank, (family, status) in enumerate(zip(people, statuses, strict=True)):
                    children = len(family.ages)
                    # Every third family reads texts, not e-mail (docs/sms.md): a number of
                    # the range France keeps for fiction (06 39 98 xx xx).
                    texts = rank % 3 == 2
                    registrations.append(
                        Registration(
                            occurrence=occurrence,
                            name=family.name,
                            email="" if texts else family.email,
                            phone=f"+336399{rng.randrange(80000, 90000)}" if texts else "",
                            texts=texts,
                            children_count=children,
                            children_ages=", ".join(family.ages),
                            children_months=family.months,
                            adults_count=family.adults,
                            consent_at=now,
                            created_at=now + timedelta(seconds=rank),
                            language="fr",
                            status=status,
                            offered_at=now if status == RegistrationStatus.OFFERED else None,
                            offer_expires_at=offer_deadline(now, occurrence.start, OFFER_HOURS)
                            if status == RegistrationStatus.OFFERED
                            else None,
                        )
                    )
        Registration.objects.bulk_create(registrations, batch_size=2000)


def seat_statuses(children: list[int], capacity: int) -> list[str]:
    """A full session's families, in the order they registered: seats counted in children (the
    activities' default unit), the first `capacity` families confirmed while they fit, the others
    waiting; then the family with the most children left, and the seats it freed are offered
    to the waiting families that fit (activities.offers), so that organisers see an offer and
    nobody waits who would fit."""
    statuses, free = [], capacity
    for rank, count in enumerate(children):
        fits = count <= free and rank < capacity
        statuses.append(RegistrationStatus.CONFIRMED if fits else RegistrationStatus.WAITING)
        free -= count if fits else 0
    confirmed = [i for i, status in enumerate(statuses) if status == RegistrationStatus.CONFIRMED]
    if confirmed and RegistrationStatus.WAITING in statuses:
        leaving = max(confirmed, key=lambda i: (children[i], i))
        statuses[leaving] = RegistrationStatus.CANCELLED
        free += children[leaving]
    for i, status in enumerate(statuses):
        if status == RegistrationStatus.WAITING and children[i] <= free:
            statuses[i] = RegistrationStatus.OFFERED
            free -= children[i]
    return statuses


def notice_row(row, notice: DemoNotice):
    row.kind, row.start_date, row.end_date = notice.kind, notice.start, notice.end
    for code, message in notice.messages.items():
        setattr(row, f"message_{code}", message)
    return row


def attach_places(activities: Sequence[ActivityPage]) -> None:
    """Give each activity its place (the search index reads it) in one query, rather than one
    `get_parent()` per activity."""
    steplen = Page.steplen
    places = PlacePage.objects.filter(
        path__in={activity.path[:-steplen] for activity in activities}
    ).select_related("commune")
    by_path = {place.path: place for place in places}
    for activity in activities:
        activity.__dict__["place"] = by_path[activity.path[:-steplen]]


def schedule_of(activity: DemoActivity, tz: ZoneInfo) -> Schedule:
    fields = activity.fields
    return Schedule(
        start_date=fields["start_date"],
        start_time=fields["start_time"],
        duration=timedelta(minutes=fields["duration_minutes"]),
        tz=tz,
        repeat=fields["repeat"],
        interval=fields["interval"],
        weekdays=parse_weekdays(fields["weekdays"]),
        month_week=fields["month_week"],
        month_weekday=fields["month_weekday"],
        ends=fields["ends"],
        until=fields["until"],
        count=fields["count"],
    )
