"""A session its organiser moved is not news: the weekly digest does not list it as new."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from activities.models import Occurrence
from activities.rescheduling import reschedule_occurrence
from alerts.digests import send_digests
from alerts.models import Alert
from tests.activities.conftest import BRUSSELS

pytestmark = pytest.mark.django_db


def test_a_moved_session_is_not_new(clock, workshop, place, django_capture_on_commit_callbacks):
    clock.shift(timedelta(minutes=5))
    Alert.objects.create(
        email="famille@example.org",
        view="activities",
        query="near=4000&radius_km=10",
        language="fr",
        confirmed_at=timezone.now(),
    )
    clock.shift(timedelta(days=1))
    session = Occurrence.objects.filter(activity=workshop).order_by("start")[1]
    start = datetime(2027, 3, 9, 14, 0, tzinfo=BRUSSELS)
    with django_capture_on_commit_callbacks(execute=True):
        assert reschedule_occurrence(session, start, start + timedelta(hours=2), place)
    clock.move_to(datetime(2027, 3, 8, 7, 0, tzinfo=BRUSSELS))
    assert send_digests(base_url="https://rencontres.example") == (1, 0)
    assert mail.outbox == []
