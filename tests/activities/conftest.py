from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Monday morning, three weeks before the March 2027 change to summer time.
MONDAY_1_MARCH_2027 = datetime(2027, 3, 1, 8, 0, tzinfo=BRUSSELS)


@pytest.fixture
def clock():
    """The clock stopped on Monday 1 March 2027, 08:00 in Brussels; `clock.move_to(...)`."""
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False) as traveller:
        yield traveller
