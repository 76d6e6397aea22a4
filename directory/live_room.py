"""The live room: what a drop-in session's team last said of the room (places libres, presque
complet, complet, and how many places are left if they said), a fact of the place's public
record (directory.records) while the session lasts, and gone everywhere once it has ended.

The taps are stored above the directory (`activities.models.live_room`, one row per tap, who
and when), which gives the places' rooms through the `places_live_rooms` hook
(directory.extensions): the directory knows only their shape and their words.

Expiry is a filter when a record is read (`current_rooms`), never a job: the record carries
each room with its session's end, and every output that shows one asks for the rooms still
current at that moment. A kept public response (core.kept) showing a room is kept no longer
than the session's end (`core.kept.shown_until`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.kept import shown_until
from directory.extensions import PLACES_LIVE_ROOMS


class RoomState(models.TextChoices):
    FREE = "free", _("Places libres")
    ALMOST_FULL = "almost_full", _("Presque complet")
    FULL = "full", _("Complet")


@dataclass(frozen=True)
class LiveRoom:
    """The last state a team gave of a session's room. `reported_at` is in the place's time
    zone, as it is said ("signalé à 10:40")."""

    session_id: int
    start: datetime
    end: datetime
    state: str
    places_left: int | None
    reported_at: datetime

    @property
    def label(self) -> str:
        return str(RoomState(self.state).label)

    @property
    def time(self) -> str:
        return formats.time_format(self.reported_at, "H:i")

    @property
    def text(self) -> str:
        """« Complet — signalé à 10:40 », « Places libres (3) — signalé à 9:55 »."""
        label = self.label
        if self.places_left is not None and self.state != RoomState.FULL:
            label = f"{label} ({self.places_left})"
        return gettext("%(state)s — signalé à %(time)s") % {"state": label, "time": self.time}

    def in_time_zone(self, tz: tzinfo) -> LiveRoom:
        return replace(
            self,
            start=timezone.localtime(self.start, tz),
            end=timezone.localtime(self.end, tz),
            reported_at=timezone.localtime(self.reported_at, tz),
        )

    def current(self, now: datetime) -> bool:
        return now < self.end

    def as_json(self) -> dict:
        """As the APIs and the search documents write it."""
        return {
            "session_id": self.session_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "state": self.state,
            "places_left": self.places_left,
            "reported_at": self.reported_at.isoformat(),
        }

    def as_api(self) -> dict:
        """As the APIs give it (`LiveRoomOut`): the state, its words, when it was said, and
        the end of the session it holds for."""
        return {
            "session_id": self.session_id,
            "state": self.state,
            "label": self.label,
            "text": self.text,
            "places_left": self.places_left,
            "reported_at": self.reported_at.isoformat(),
            "session_end": self.end.isoformat(),
        }

    @classmethod
    def from_json(cls, value: dict) -> LiveRoom:
        return cls(
            session_id=value["session_id"],
            start=datetime.fromisoformat(value["start"]),
            end=datetime.fromisoformat(value["end"]),
            state=value["state"],
            places_left=value["places_left"],
            reported_at=datetime.fromisoformat(value["reported_at"]),
        )


def current_rooms(rooms: Iterable[LiveRoom], now: datetime | None = None) -> tuple[LiveRoom, ...]:
    """The rooms whose session has not ended at `now` (by start), each announced to a kept
    response as true only until its session's end."""
    now = now or timezone.now()
    found = tuple(sorted((r for r in rooms if r.current(now)), key=lambda r: (r.start, r.end)))
    for room in found:
        shown_until(room.end)
    return found


def live_rooms(place_ids: list[int], now: datetime) -> dict[int, list[LiveRoom]]:
    """Each place's rooms of sessions not ended at `now`, from the apps that store them (one
    query each for the batch)."""
    found: dict[int, list[LiveRoom]] = {}
    for rooms_of in hooks.get_hooks(PLACES_LIVE_ROOMS):
        for place_id, rooms in rooms_of(place_ids, now).items():
            found.setdefault(place_id, []).extend(rooms)
    return found
