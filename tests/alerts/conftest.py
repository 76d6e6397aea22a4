import pytest
import time_machine
from django.core.cache import cache

from tests.activities.conftest import MONDAY_1_MARCH_2027
from tests.factories import PostalCodeFactory, passerelle_morning


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def liege(commune):
    PostalCodeFactory(commune=commune)
    return commune


@pytest.fixture
def workshop(clock, liege, place):
    """An activity published before any alert is set: never "new"."""
    return passerelle_morning(place, weekdays="0")
