"""Thirty families submit at once for ten places: exactly ten are confirmed and twenty wait;
one cancellation promotes the first waiting family and e-mails them. PostgreSQL only: the
row lock under test is PostgreSQL's (SQLite's in-memory test database cannot take concurrent
writers at all)."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time

import pytest
from django.core import mail
from django.db import connection, connections

from activities.choices import RegistrationStatus
from activities.models import Registration
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
    promoted = cancel(leaving, "http://testserver/")
    assert promoted.pk == first_waiting.pk
    assert Registration.objects.get(pk=first_waiting.pk).status == RegistrationStatus.CONFIRMED
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == CAPACITY
    promoted_mail = [m for m in mail.outbox if m.to == [first_waiting.email]]
    assert len(promoted_mail) == 1
    assert promoted_mail[0].subject.startswith("Une place s'est libérée")
