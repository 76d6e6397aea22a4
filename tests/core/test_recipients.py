"""One mailbox is one person, and one recipient gets at most one message of a kind an hour and
three a day, whoever asks, counted in the cache under a hash (core/recipients.py)."""

from datetime import timedelta

import pytest
import time_machine

from core import cache as core_cache
from core.recipients import mailbox, may_send, recipient, recipient_key, same_mailbox
from rencontres.settings import caches_for


@pytest.mark.parametrize(
    "address, expected",
    [
        ("Name+1@gmail.com", "name@gmail.com"),
        ("n.ame@gmail.com", "name@gmail.com"),
        ("N.A.M.E+ateliers@GoogleMail.com", "name@gmail.com"),
        (" Marie.Dupont@Example.org ", "marie.dupont@example.org"),
        ("marie.dupont+x@example.org", "marie.dupont@example.org"),
        # Elsewhere a dot may part two people: kept.
        ("jean.dupont@one.be", "jean.dupont@one.be"),
        ("+only@example.org", "+only@example.org"),
        ("not an address", "not an address"),
    ],
)
def test_mailbox(address, expected):
    assert mailbox(address) == expected


def test_sub_addresses_and_dots_are_one_mailbox():
    assert same_mailbox("Name+1@gmail.com", "n.ame@gmail.com")
    assert same_mailbox("famille@example.org", "Famille+2@Example.org")
    assert not same_mailbox("jean.dupont@one.be", "jeandupont@one.be")
    assert not same_mailbox("", "")


def test_a_phone_number_is_its_digits():
    assert recipient("+32 470 12 34 56") == recipient("+32470123456") == "tel:32470123456"


def test_the_key_holds_no_address():
    key = recipient_key("registration", "Marie.Dupont+1@gmail.com", 3600)
    assert "marie" not in key.lower() and "gmail" not in key
    assert key == recipient_key("registration", "mariedupont@gmail.com", 3600)
    assert key != recipient_key("alert", "mariedupont@gmail.com", 3600)


@pytest.fixture
def shared(shared_cache):
    """Each test once on each worker's memory and once on the shared Redis cache."""
    return shared_cache


def test_one_an_hour_three_a_day_per_recipient_and_kind(shared):
    with time_machine.travel("2027-03-01 08:00Z", tick=False) as clock:
        assert may_send("registration", "name@gmail.com")
        assert not may_send("registration", "N.ame+2@gmail.com")
        # Another kind, another recipient: their own counts.
        assert may_send("alert", "name@gmail.com")
        assert may_send("registration", "other@example.org")
        if shared == "memory":
            # Redis keeps its own clock: the windows are checked on the memory cache.
            clock.shift(timedelta(hours=1, seconds=1))
            assert may_send("registration", "name@gmail.com")
            clock.shift(timedelta(hours=1, seconds=1))
            assert may_send("registration", "name@gmail.com")
            clock.shift(timedelta(hours=1, seconds=1))
            # The fourth of the day: refused though the hour is new.
            assert not may_send("registration", "name@gmail.com")
            clock.shift(timedelta(hours=21))
            assert may_send("registration", "name@gmail.com")


def test_limits_given_by_the_caller(shared):
    limits = ((3, 86400),)
    assert [may_send("invitation", "x@example.org", limits) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]


def test_counted_in_each_workers_memory_while_the_shared_cache_is_away(settings):
    """The cap does not fail open: with the cache server down, each worker counts itself."""
    settings.CACHES = caches_for("redis://127.0.0.1:9/0")
    try:
        assert may_send("alert", "x@example.org")
        assert not may_send("alert", "x@example.org")
    finally:
        core_cache._away_until.clear()
        core_cache.local_counts.clear()
