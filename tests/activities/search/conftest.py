"""A hand-made world of activities in the places' search world, and the two engines that must
find the same sessions in it.

The clock is stopped on Monday 1 March 2027, 08:00 in Brussels for the whole module: the world
is materialised from that day, and "from" defaults to it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from activities.choices import Ends, Repeat
from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from activities.search.index import SESSIONS
from core.search.indexing import rebuild
from core.search.transport import Transport
from directory.models import ClosurePeriod, Language, PlacePage
from directory.search.index import PLACES
from tests.factories import ActivityPageFactory, objective, publish
from tests.search_world import build_world, remove_world, use_cluster, use_database

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def _activity(place, title, start, at, objectives, ages, languages, **schedule):
    activity = ActivityPageFactory(
        parent=place,
        title=title,
        start_date=start,
        start_time=at,
        duration_minutes=90,
        age_min_months=ages[0],
        age_max_months=ages[1],
        **{"weekdays": str(start.weekday()), **schedule},
    )
    activity.objectives.set([objective(slug) for slug in objectives])
    activity.languages.set(Language.objects.filter(code__in=languages))
    return publish(activity)


def _build_activities(places) -> dict:
    liege_world = places
    activities = {
        "matinee": _activity(
            liege_world["nid"],
            "Matinée passerelle",
            date(2027, 3, 1),
            time(9, 30),
            ["passerelles"],
            (24, 36),
            ["fr"],
            capacity=10,
            registration_required=True,
        ),
        "cafe": _activity(
            liege_world["nid"],
            "Café des parents",
            date(2027, 3, 4),
            time(14, 0),
            ["integration-culturelle"],
            (0, 36),
            ["ar", "fr"],
            fee_kind="paid",
            fee_amount=Decimal("1.50"),
        ),
        "comptines": _activity(
            liege_world["petits_pas"],
            "Comptines et jeux de doigts",
            date(2027, 3, 3),
            time(10, 0),
            ["passerelles"],
            (0, 24),
            ["fr"],
            interval=2,
        ),
        "cuisine": _activity(
            liege_world["parenthese"],
            "Atelier cuisine",
            date(2027, 3, 1),
            time(18, 0),
            ["dynamisation-de-quartier"],
            (12, 72),
            ["fr", "tr"],
            repeat=Repeat.MONTHLY,
            month_week=1,
            month_weekday=1,
            weekdays="",
        ),
        "echange": _activity(
            liege_world["passage"],
            "Temps d'échange",
            date(2027, 3, 6),
            time(10, 0),
            ["maintien-du-lien"],
            (0, 216),
            ["fr"],
        ),
        "yoga": _activity(
            liege_world["bulle"],
            "Yoga bébé",
            date(2027, 3, 5),
            time(9, 30),
            ["integration-culturelle"],
            (0, 12),
            ["fr", "nl"],
            ends=Ends.COUNT,
            count=20,
            fee_kind="sliding",
        ),
        "gouter": _activity(
            liege_world["arc_en_ciel"],
            "Goûter des familles",
            date(2027, 3, 3),
            time(15, 0),
            ["maintien-du-lien"],
            (0, 72),
            ["fr"],
        ),
    }
    # Never published: no sessions.
    draft = ActivityPageFactory(parent=liege_world["nid"], title="Brouillon d'atelier", live=False)
    draft.save_revision()
    # Published, under a place that is not.
    hidden_place = PlacePage.objects.get(title="Le Brouillon")
    publish(ActivityPageFactory(parent=hidden_place, title="Atelier caché", start_date=NOW.date()))

    cancel_occurrence(
        Occurrence.objects.get(activity=activities["matinee"], date=date(2027, 3, 8)), "Grève"
    )
    petits_pas = liege_world["petits_pas"]
    petits_pas.closures.add(
        ClosurePeriod(start_date=date(2027, 3, 15), end_date=date(2027, 3, 19), reason="Vacances")
    )
    publish(petits_pas)
    return activities


@pytest.fixture(scope="module")
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(scope="module")
def activity_world(frozen_clock, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        places = build_world()
        activities = _build_activities(places)
    yield activities
    with django_db_blocker.unblock():
        remove_world()


@pytest.fixture(scope="module")
def indexed_world(activity_world, cluster_config, django_db_blocker):
    transport = Transport(cluster_config)
    with django_db_blocker.unblock():
        for index in (PLACES, SESSIONS):
            for _progress in rebuild(transport, index):
                pass
    return activity_world


@pytest.fixture(params=["database", "cluster"])
def engine(request, activity_world, settings, db):
    """Runs a test once per engine, on the same world (built before the test's transaction)."""
    if request.param == "cluster":
        request.getfixturevalue("indexed_world")
        use_cluster(settings, request.getfixturevalue("cluster_config"))
    else:
        use_database(settings)
    return request.param
