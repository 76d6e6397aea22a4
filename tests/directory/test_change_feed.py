"""The places' change feed (`cursor`, directory/sync.py): a client that follows it, page after
page, while places are published, changed, unpublished, deleted and merged between its calls,
ends with exactly the public places (no duplicate, no miss), on both engines; tombstones say
what left and what replaced it; a change committed after a later one was read still reaches
the follower, because the feed gives changes once they have settled; a bad cursor is a 400
naming `cursor`."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from core.change_feed import SETTLE
from core.models import Tombstone
from core.search.indexing import rebuild
from core.search.transport import Transport
from core.tombstones import record_removal
from directory.models import PlacePage
from directory.search.criteria import public_places
from directory.search.index import PLACES
from tests.factories import PlacePageFactory, publish
from tests.search_world import use_cluster, use_database


def read(client, **params):
    response = client.get("/api/v1/places/", params)
    assert response.status_code == 200, response.content
    return response.json()


class Follower:
    """A partner's copy: what it read, upserted by id, removed on a tombstone."""

    def __init__(self, engine: str = "database"):
        self.cursor = "start"
        self.places: dict[int, str] = {}
        self.engine = engine

    def page(self, client, size: int) -> bool:
        body = read(client, cursor=self.cursor, page_size=size)
        assert body["engine"] == self.engine
        ids = [r["id"] for r in body["results"]] + [t["id"] for t in body["tombstones"]]
        assert len(ids) == len(set(ids)), body
        assert len(ids) <= size
        for result in body["results"]:
            self.places[result["id"]] = result["name"]
        for tombstone in body["tombstones"]:
            self.places.pop(tombstone["id"], None)
        self.cursor = body["next_cursor"]
        return bool(ids)

    def catch_up(self, client, size: int = 2) -> None:
        for _call in range(200):
            if not self.page(client, size):
                return
        raise AssertionError("the feed never ends")


def public_ids() -> set[int]:
    return set(public_places().values_list("pk", flat=True))


def test_a_bad_cursor_is_a_400_naming_it(client, place):
    for bad in ("abc", "1-2.forged-signature-forged-signature", "x" * 500):
        response = client.get("/api/v1/places/", {"cursor": bad})
        assert response.status_code == 400, bad
        assert set(response.json()["errors"]) == {"cursor"}


def test_a_change_stamped_before_one_already_read_is_not_skipped(
    client, commune, django_capture_on_commit_callbacks
):
    # A publication's moment is stamped before its transaction commits: `late` is stamped
    # first but commits after `early` was already there to read.
    stamped = timezone.now()
    with (
        time_machine.travel(stamped + timedelta(seconds=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        early = publish(PlacePageFactory(commune=commune))
    follower = Follower()
    with time_machine.travel(stamped + timedelta(seconds=3)):
        follower.catch_up(client)
    assert follower.places == {}, "a change younger than the settling time is not given yet"
    with time_machine.travel(stamped), django_capture_on_commit_callbacks(execute=True):
        late = publish(PlacePageFactory(commune=commune))
    with time_machine.travel(stamped + timedelta(seconds=3) + SETTLE):
        follower.catch_up(client)
    assert set(follower.places) == {late.pk, early.pk}


@pytest.mark.usefixtures("feed_settled_at_once")
def test_the_feed_pages_in_the_order_of_changes_with_tombstones(
    client, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (publish(PlacePageFactory(commune=commune)) for _n in range(3))
    follower = Follower()
    follower.catch_up(client, size=2)
    assert set(follower.places) == {first.pk, second.pk, third.pk}
    # A moment later than the follower's last read: the feed orders by the moment changed,
    # and a clean-clone run once found the clock standing still in its worker.
    with time_machine.travel(timezone.now() + timedelta(seconds=1), tick=True):
        with django_capture_on_commit_callbacks(execute=True):
            first.unpublish()
            record_removal(first, replaced_by=second)
            publish(third)
        body = read(client, cursor=follower.cursor)
    assert [r["id"] for r in body["results"]] == [third.pk]
    assert body["tombstones"] == [
        {
            "id": first.pk,
            "deleted_at": Tombstone.objects.get(object_id=first.pk).deleted_at.isoformat(),
            "replaced_by": second.pk,
        }
    ]
    assert read(client, cursor=body["next_cursor"])["results"] == []


class FollowingTheFeed(RuleBasedStateMachine):
    """Places published, changed, unpublished, deleted and merged (unpublished, with a
    tombstone naming the place kept) between a follower's calls of any size."""

    def __init__(self, client, commune, callbacks, transport=None):
        super().__init__()
        self.client, self.commune, self.callbacks = client, commune, callbacks
        # Each example starts from no place: its changes are undone at its end, and the
        # cluster's documents (when it answers) made again from none.
        self.savepoint = transaction.savepoint()
        if transport is not None:
            for _progress in rebuild(transport, PLACES):
                pass
        self.follower = Follower("cluster" if transport is not None else "database")
        self.made: list[PlacePage] = []
        self.ever: set[int] = set()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def _live(self) -> list[PlacePage]:
        return [p for p in self.made if p.pk in public_ids()]

    def _gone(self) -> list[PlacePage]:
        return [p for p in self.made if p.pk not in public_ids() and p.pk is not None]

    @initialize(count=st.integers(0, 3))
    def some_places(self, count):
        for _n in range(count):
            self.publish_new()

    @rule()
    def publish_new(self):
        with self.callbacks(execute=True):
            self.made.append(publish(PlacePageFactory(commune=self.commune)))
        self.ever.add(self.made[-1].pk)

    @rule(which=st.integers(0, 50))
    def change(self, which):
        live = self._live()
        if live:
            with self.callbacks(execute=True):
                publish(live[which % len(live)])

    @rule(which=st.integers(0, 50))
    def unpublish(self, which):
        live = self._live()
        if live:
            with self.callbacks(execute=True):
                live[which % len(live)].unpublish()

    @rule(which=st.integers(0, 50))
    def publish_again(self, which):
        gone = [p for p in self._gone() if PlacePage.objects.filter(pk=p.pk).exists()]
        if gone:
            with self.callbacks(execute=True):
                publish(gone[which % len(gone)])

    @rule(which=st.integers(0, 50))
    def delete(self, which):
        live = self._live()
        if live:
            place = live[which % len(live)]
            with self.callbacks(execute=True):
                PlacePage.objects.get(pk=place.pk).delete()
            self.made.remove(place)

    @rule(absorbed=st.integers(0, 50), kept=st.integers(0, 50))
    def merge(self, absorbed, kept):
        live = self._live()
        if len(live) < 2:
            return
        gone = live[absorbed % len(live)]
        others = [p for p in live if p.pk != gone.pk]
        with self.callbacks(execute=True):
            gone.unpublish()
            record_removal(gone, replaced_by=others[kept % len(others)])

    @rule(size=st.integers(1, 4))
    def read_a_page(self, size):
        self.follower.page(self.client, size)

    @invariant()
    def never_holds_a_place_that_never_was(self):
        assert set(self.follower.places) <= self.ever

    @rule(size=st.integers(1, 4))
    def catch_up(self, size):
        self.follower.catch_up(self.client, size)
        assert set(self.follower.places) == public_ids()
        assert len(self.follower.places) == len(public_ids())


@pytest.mark.usefixtures("feed_settled_at_once")
@pytest.mark.parametrize("engine", ["database", "cluster"])
def test_a_follower_ends_with_exactly_the_public_places(
    client, commune, django_capture_on_commit_callbacks, engine, settings, request
):
    transport = None
    if engine == "cluster":
        config = request.getfixturevalue("cluster_config")
        use_cluster(settings, config)
        transport = Transport(config)
    else:
        use_database(settings)

    def machine():
        return FollowingTheFeed(client, commune, django_capture_on_commit_callbacks, transport)

    run_state_machine_as_test(
        machine,
        settings=hypothesis_settings(
            max_examples=12,
            stateful_step_count=10,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
