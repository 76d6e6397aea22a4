"""The weekly digest: the places and sessions published since the last one that match the
alert's search, nothing when nothing is new, once a week whatever how often it runs."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alerts.digests import iso_week, send_digests
from alerts.models import Alert
from tests.factories import (
    ActivityPageFactory,
    CommuneFactory,
    PlacePageFactory,
    objective,
    publish,
)

pytestmark = pytest.mark.django_db

QUERY = "near=4000&objective=passerelles&radius_km=10"


@pytest.fixture
def alert(clock, workshop):
    clock.shift(timedelta(minutes=5))
    return Alert.objects.create(
        email="famille@example.org",
        view="places",
        query=QUERY,
        language="fr",
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def news(clock, alert, place, liege):
    """Tuesday: a new activity at the old place, a new place nearby, and things that do not
    match the search (another objective; a place 80 km away)."""
    clock.shift(timedelta(days=1))
    new_activity = ActivityPageFactory(
        parent=place,
        title="Atelier massage bébé",
        start_date=date(2027, 3, 4),
        start_time=time(10, 0),
        weekdays="3",
    )
    new_activity.objectives.set([objective("passerelles")])
    publish(new_activity)
    other_objective = ActivityPageFactory(
        parent=place, title="Café des parents", start_date=date(2027, 3, 5), weekdays="4"
    )
    other_objective.objectives.set([objective("dynamisation-de-quartier")])
    publish(other_objective)
    nearby = publish(
        PlacePageFactory(title="La Cabane", commune=liege, objectives=[objective("passerelles")])
    )
    namur = CommuneFactory(
        name_fr="Namur", latitude=Decimal("50.4669"), longitude=Decimal("4.8675")
    )
    publish(
        PlacePageFactory(
            title="Loin d'ici",
            commune=namur,
            latitude=Decimal("50.4669"),
            longitude=Decimal("4.8675"),
            objectives=[objective("passerelles")],
        )
    )
    return new_activity, nearby


def next_monday(clock):
    clock.move_to(timezone.make_aware(timezone.datetime(2027, 3, 8, 7, 0)))


def test_the_digest_lists_what_is_new_and_matches(clock, alert, news):
    next_monday(clock)
    assert send_digests(base_url="https://rencontres.example") == (1, 1)
    (message,) = mail.outbox
    assert message.to == ["famille@example.org"]
    assert "Atelier massage bébé" in message.body
    # Its next session from the day of the digest on, not the one already past.
    assert "jeudi 11 mars 2027, 10:00" in message.body
    assert "La Cabane" in message.body
    assert "https://rencontres.example" + news[1].url in message.body
    for old_or_unmatched in ("Matinée passerelle", "Café des parents", "Loin d'ici"):
        assert old_or_unmatched not in message.body
    alert.refresh_from_db()
    assert alert.last_sent_at == timezone.now()
    assert alert.digest_week == "2027-W10"


def test_every_digest_can_be_ended_in_one_click(client, clock, alert, news):
    next_monday(clock)
    send_digests(base_url="http://testserver")
    (message,) = mail.outbox
    url = f"http://testserver/alertes/desabonner/{alert.key}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    client.post(url, {"List-Unsubscribe": "One-Click"})
    assert not Alert.objects.exists()


def test_once_a_week_however_often_it_runs(clock, alert, news):
    next_monday(clock)
    call_command("send_alert_digests")
    clock.shift(timedelta(days=2))
    publish(PlacePageFactory(title="La Ruche", objectives=[objective("passerelles")]))
    call_command("send_alert_digests")
    assert len(mail.outbox) == 1
    # The next week tells what came after the last digest, and only that.
    clock.shift(timedelta(days=5))
    call_command("send_alert_digests")
    assert len(mail.outbox) == 2
    assert "La Ruche" in mail.outbox[1].body
    assert "La Cabane" not in mail.outbox[1].body


def test_nothing_new_sends_nothing(clock, alert):
    next_monday(clock)
    assert send_digests() == (1, 0)
    assert not mail.outbox
    alert.refresh_from_db()
    assert alert.digest_week == iso_week(timezone.now())
    assert alert.last_sent_at is None


def test_an_unconfirmed_alert_gets_no_digest(clock, alert, news):
    Alert.objects.update(confirmed_at=None)
    next_monday(clock)
    assert send_digests() == (0, 0)
    assert not mail.outbox


def test_a_cancelled_new_session_is_not_news(clock, alert, news):
    from activities.models import Occurrence

    Occurrence.objects.filter(activity=news[0]).update(is_cancelled=True)
    next_monday(clock)
    send_digests()
    assert "Atelier massage bébé" not in mail.outbox[0].body


def test_the_digest_logs_no_address(clock, alert, news, caplog):
    caplog.set_level("DEBUG")
    next_monday(clock)
    send_digests()
    assert "famille@example.org" not in caplog.text
    assert "1 sent" in caplog.text
