"""Indexing held while bulk work writes, done once at the end (core.search.deferral)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.search.models import IndexEntry

from core import kept
from core.search import deferral, signals
from core.search.index import registered
from directory.models import PlacePage
from directory.search.index import PLACES

pytestmark = pytest.mark.any_database


@pytest.fixture
def announced(monkeypatch):
    calls = []
    monkeypatch.setattr(kept, "new_generation", lambda: calls.append(1) or "generation")
    return calls


@pytest.fixture
def updates(monkeypatch):
    sent = []
    monkeypatch.setattr(signals, "_update", lambda *args: sent.append(args))
    return sent


def test_outside_a_hold_each_change_updates_and_announces(
    db, announced, updates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signals.changed(PLACES, "id", [1])

    assert updates == [(PLACES, "id", [1])]
    assert announced == [1]


def test_inside_a_hold_nothing_is_sent_and_kept_answers_learn_once_at_the_end(
    db, announced, updates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), deferral.indexing_held():
        signals.changed(PLACES, "id", [1])
        signals.changed(PLACES, "id", [2])
        kept.changed()
        assert deferral.holding()
        assert announced == []

    assert not deferral.holding()
    assert updates == []
    assert announced == [1]


def test_a_hold_that_names_nothing_and_hears_of_no_change_indexes_nothing(db, monkeypatch):
    monkeypatch.setattr(deferral, "get_transport", lambda: pytest.fail("rebuilt"))

    with deferral.indexing_held() as held:
        pass

    assert held.changes == 0


def test_a_change_heard_inside_a_hold_rebuilds_every_index_once(db, monkeypatch, updates):
    rebuilt = []
    monkeypatch.setattr(deferral, "get_transport", lambda: "transport")
    monkeypatch.setattr(
        deferral, "rebuild", lambda transport, index: rebuilt.append(index.name) or iter(())
    )

    with deferral.indexing_held() as held:
        signals.changed(PLACES, "id", [1])

    assert held.changes == 1
    assert sorted(rebuilt) == sorted(index.name for index in registered())


def test_the_named_rows_go_into_wagtails_database_index_at_the_end(
    place, announced, django_capture_on_commit_callbacks
):
    place_type = ContentType.objects.get_for_model(PlacePage)
    entries = IndexEntry.objects.filter(content_type=place_type, object_id=str(place.pk))
    entries.delete()
    laps = []

    with (
        django_capture_on_commit_callbacks(execute=True),
        deferral.indexing_held(lap=laps.append) as held,
    ):
        held.add(PlacePage, [place.pk])
        assert not entries.exists()

    assert entries.count() == 1
    assert laps == ["Wagtail PlacePage"]
    assert announced == [1]


def test_a_failed_body_indexes_nothing_and_still_announces(
    place, announced, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(deferral, "index_pages", lambda *args, **kwargs: pytest.fail("indexed"))

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValueError),
        deferral.indexing_held() as held,
    ):
        held.add(PlacePage, [place.pk])
        raise ValueError("the writing failed")

    assert not deferral.holding()
    assert announced == [1]


def test_a_hold_inside_a_hold_is_refused(db):
    with deferral.indexing_held(index=False), pytest.raises(RuntimeError):
        with deferral.indexing_held():
            pass
