"""Thirty families submit at once for ten places: exactly ten are confirmed and twenty wait;
one cancellation offers the seat to the first waiting family and e-mails them. Thirty groups of
one to three children on ten child seats, three runs: never overbooked, neither when they
register nor when seats are freed, offered and accepted at once. PostgreSQL only: the row lock
under test is PostgreSQL's (SQLite's in-memory test database cannot take concurrent writers at
all)."""

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time

import pytest
from django.core import mail
from django.db import connection, connections

from activities.choices import HOLDING_SEATS, CapacityUnit, RegistrationStatus
from activities.models import Registration
from activities.offers import answer_offer, run_offers
from activities.registrations import Family, cancel, register
from tests.factories import ActivityPageFactory, PlacePageFactory, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FAMILIES = 30
CAPACITY = 10


@pytest.fixture(scope="module", autouse=True)
def migrated_data_put_back(django_db_setup, django_db_blocker):
    """The flush after a transactional test empties every table; later tests need what the
    migrations seeded (see tests/browser/conftest.py)."""
    yield
    with django_db_blocker.unblock():
        for each in connections.all(initialized_only=True):
            contents = getattr(each, "_test_serialized_contents", None)
            if contents:
                each.creation.deserialize_db_from_string(contents)


def test_thirty_concurrent_registrations_for_ten_places(clock, commune):
    if connection.vendor != "postgresql":
        pytest.skip("The concurrency of registrations is tested on PostgreSQL.")
    place = PlacePageFactory(commune=commune)
    activity = publish(
        ActivityPageFactory(
            parent=place,
            start_date=date(2027, 3, 3),
            start_time=time(10, 0),
            weekdays="2",
            capacity=CAPACITY,
            registration_required=True,
        )
    )
    session = activity.occurrences.get(date=date(2027, 3, 3))
    start = threading.Barrier(FAMILIES)

    def submit(n: int) -> str:
        try:
            start.wait()
            family = Family(f"Famille {n}", f"famille{n}@example.org", "", 1, "2 ans")
            return register(session.pk, family, "http://testserver/").registration.status
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=FAMILIES) as pool:
        statuses = list(pool.map(submit, range(FAMILIES)))

    assert Counter(statuses) == {"confirmed": CAPACITY, "waiting": FAMILIES - CAPACITY}
    stored = Counter(session.registrations.values_list("status", flat=True))
    assert stored == {"confirmed": CAPACITY, "waiting": FAMILIES - CAPACITY}
    assert len(mail.outbox) == FAMILIES

    first_waiting = session.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "created_at", "pk"
    )[0]
    leaving = session.registrations.filter(status=RegistrationStatus.CONFIRMED).first()
    mail.outbox.clear()
    (offered,) = cancel(leaving, "http://testserver/")
    assert offered.pk == first_waiting.pk
    assert Registration.objects.get(pk=first_waiting.pk).status == RegistrationStatus.OFFERED
    assert session.registrations.filter(status__in=HOLDING_SEATS).count() == CAPACITY
    offer_mail = [m for m in mail.outbox if m.to == [first_waiting.email]]
    assert len(offer_mail) == 1
    assert offer_mail[0].subject.startswith("Une place s'est libérée pour vous")


def seats_held(session) -> int:
    return sum(
        r.children_count
        for r in Registration.objects.filter(occurrence=session, status__in=HOLDING_SEATS)
    )


def in_threads(count: int, work) -> list:
    start = threading.Barrier(count)

    def run(n: int):
        try:
            start.wait()
            return work(n)
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.mark.parametrize("run", [1, 2, 3])
def test_thirty_concurrent_groups_and_offers_never_overbook(clock, commune, run):
    if connection.vendor != "postgresql":
        pytest.skip("The concurrency of registrations is tested on PostgreSQL.")
    place = PlacePageFactory(commune=commune)
    activity = publish(
        ActivityPageFactory(
            parent=place,
            start_date=date(2027, 3, 3),
            start_time=time(10, 0),
            weekdays="2",
            capacity=CAPACITY,
            capacity_unit=CapacityUnit.CHILDREN,
            registration_required=True,
        )
    )
    session = activity.occurrences.get(date=date(2027, 3, 3))
    sizes = [random.Random(run * 100 + n).randint(1, 3) for n in range(FAMILIES)]

    def submit(n: int) -> str:
        ages = ", ".join(["2 ans"] * sizes[n])
        family = Family(f"Famille {n}", f"groupe{n}@example.org", "", sizes[n], ages)
        return register(session.pk, family, "http://testserver/").registration.status

    statuses = in_threads(FAMILIES, submit)
    assert seats_held(session) <= CAPACITY
    free = CAPACITY - seats_held(session)
    waiting = Registration.objects.filter(occurrence=session, status=RegistrationStatus.WAITING)
    # Nobody waits who would have fitted in the seats left.
    assert all(r.children_count > free for r in waiting)
    assert len(statuses) == FAMILIES and set(statuses) <= {"confirmed", "waiting"}

    # At once: five families cancel (their seats offered), fifteen answer whatever offer they
    # find, ten more register.
    leaving = list(
        Registration.objects.filter(occurrence=session, status=RegistrationStatus.CONFIRMED)[:5]
    )

    def churn(n: int) -> None:
        if n < len(leaving):
            cancel(leaving[n], "http://testserver/")
        elif n < 20:
            for _attempt in range(20):
                offered = (
                    Registration.objects.filter(
                        occurrence=session, status=RegistrationStatus.OFFERED
                    )
                    .order_by("?")
                    .first()
                )
                if offered is not None:
                    answer_offer(offered, accept=n % 4 != 0, base_url="http://testserver/")
                    return
                threading.Event().wait(0.01)
        else:
            children = 1 + n % 3
            ages = ", ".join(["2 ans"] * children)
            family = Family(f"Nouvelle {n}", f"nouvelle{n}@example.org", "", children, ages)
            register(session.pk, family, "http://testserver/")

    in_threads(30, churn)
    assert seats_held(session) <= CAPACITY
    answered = Registration.objects.filter(occurrence=session).exclude(offer_answer="")
    assert answered.exists()
    run_offers("http://testserver/")
    assert seats_held(session) <= CAPACITY
    free = CAPACITY - seats_held(session)
    waiting = Registration.objects.filter(occurrence=session, status=RegistrationStatus.WAITING)
    assert all(r.children_count > free for r in waiting)
