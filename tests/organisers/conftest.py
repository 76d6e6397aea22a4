from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Wednesday afternoon: the week's sessions are on either side of now.
WEDNESDAY_3_MARCH_2027 = datetime(2027, 3, 3, 15, 0, tzinfo=BRUSSELS)


@pytest.fixture
def clock():
    with time_machine.travel(WEDNESDAY_3_MARCH_2027, tick=False) as traveller:
        yield traveller


@pytest.fixture
def place_a(commune):
    from tests.factories import PlacePageFactory, publish

    return publish(PlacePageFactory(title="Lieu A", commune=commune))


@pytest.fixture
def place_b(commune):
    from tests.factories import PlacePageFactory, publish

    return publish(PlacePageFactory(title="Lieu B", commune=commune))


@pytest.fixture
def activity_b(place_b):
    from tests.factories import ActivityPageFactory

    return ActivityPageFactory(parent=place_b, title="Atelier B", registration_required=True)


@pytest.fixture
def past_session_b(clock, activity_b):
    from tests.factories import session_of

    return session_of(activity_b, WEDNESDAY_3_MARCH_2027 - timedelta(days=1))
