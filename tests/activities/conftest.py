from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Monday morning, three weeks before the March 2027 change to summer time.
MONDAY_1_MARCH_2027 = datetime(2027, 3, 1, 8, 0, tzinfo=BRUSSELS)


@pytest.fixture
def clock():
    """The clock stopped on Monday 1 March 2027, 08:00 in Brussels; `clock.move_to(...)`."""
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False) as traveller:
        yield traveller


# The Wednesday of the clock's week: the registration tests' workshop starts then.
WORKSHOP_DAY = date(2027, 3, 3)


@pytest.fixture
def fresh_rate_limit():
    """Registrations count each address's attempts in the cache, which outlives a test (the
    registration tests use it for all their tests: `pytestmark`)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def workshop_at():
    """Makes the registration tests' workshop at a place: « Atelier portage », published, every
    Wednesday at 10:00 from WORKSHOP_DAY, registration required; `fields` set the rest
    (capacity, what to bring, ...)."""
    from tests.factories import ActivityPageFactory, publish

    def make(place, **fields):
        return publish(
            ActivityPageFactory(
                parent=place,
                title="Atelier portage",
                start_date=WORKSHOP_DAY,
                start_time=time(10, 0),
                weekdays="2",
                registration_required=True,
                **fields,
            )
        )

    return make


@pytest.fixture
def organiser(django_user_model, place):
    """An organiser of `place`."""
    from django.contrib.auth.models import Group

    from directory.roles import organiser_group_name

    user = django_user_model.objects.create_user("orga", password="x")
    user.groups.add(Group.objects.get(name=organiser_group_name(place)))
    return user
