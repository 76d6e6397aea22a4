"""The demo shows cycles: « Massage bébé » runs as six weekly sessions from next week with one
registration for all, its third session moved by its organiser to the next day, and its page
says so."""

import pytest
from django.core.management import call_command

from activities.models import ActivityPage, Occurrence
from tests.rencontres.test_seed_demo import communes  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db]


def test_a_cycle_with_a_moved_session(client, communes):  # noqa: F811
    call_command("seed_demo", count=60, seed=3, verbosity=0)
    cycles = ActivityPage.objects.live().filter(is_cycle=True)
    assert cycles.exists()
    assert set(cycles.values_list("title", flat=True)) == {"Massage bébé"}
    cycle = cycles.first()
    sessions = list(Occurrence.objects.filter(activity=cycle).order_by("date"))
    assert len(sessions) == 6
    moved = [o for o in sessions if o.rescheduled]
    assert moved == [sessions[2]]
    assert (moved[0].start - moved[0].previous_start).days == 1
    page = client.get(cycle.url).content.decode()
    assert "Un cycle de 6 séances" in page and "Déplacée" in page
    assert "S'inscrire au cycle" in page
