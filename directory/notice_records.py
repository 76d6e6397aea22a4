"""A dated message on a place or an activity as the public reads it: the value the public
records (directory.records, activities.notices) carry, and the rule of which notices the public
reads today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from directory.models.notices import NoticeKind, announced, message_in, notice_label


@dataclass(frozen=True)
class Notice:
    """A dated message on a place or an activity (directory.models.notices), its message in the
    record's language. The record keeps every notice not yet ended, so that a stored record
    (the cluster's documents) does not go stale at midnight: what to show is asked with the
    day (`announced_on`, `current_on`, and the record's `announced_notices`)."""

    kind: str
    start_date: date
    end_date: date
    message: str

    @property
    def label(self) -> str:
        return notice_label(self.kind)

    @property
    def closed(self) -> bool:
        return self.kind == NoticeKind.CLOSED

    def announced_on(self, today: date) -> bool:
        return announced(self.start_date, self.end_date, today)

    def current_on(self, today: date) -> bool:
        return self.start_date <= today <= self.end_date

    @property
    def current(self) -> bool:
        """In effect today (an announced notice may start later)."""
        return self.current_on(timezone.localdate())

    @property
    def when(self) -> str:
        """Its dates as the public reads them today: "jusqu'au 3 mars" once it has begun,
        "du 3 au 10 mars" or "le 3 mars" before."""
        end = date_format(self.end_date, "j F")
        if self.current:
            return _("jusqu'au %(end)s") % {"end": end}
        if self.start_date == self.end_date:
            return _("le %(day)s") % {"day": end}
        return _("du %(start)s au %(end)s") % {
            "start": date_format(self.start_date, "j F"),
            "end": end,
        }

    @property
    def summary(self) -> str:
        """Its kind and dates: "Fermé temporairement, jusqu'au 3 mars"."""
        return _("%(label)s, %(when)s") % {"label": self.label, "when": self.when}

    @property
    def text(self) -> str:
        """Its summary and its message, on one line (a map's popup, HSDS's alert)."""
        if not self.message:
            return self.summary
        return _("%(summary)s : %(message)s") % {"summary": self.summary, "message": self.message}


def notices_from_rows(rows: Iterable[tuple], language: str) -> tuple[Notice, ...]:
    """Notices from rows of (kind, start, end, message_fr, message_nl, message_en), by start."""
    found = [
        Notice(kind, start, end, message_in({"fr": fr, "nl": nl, "en": en}, language))
        for kind, start, end, fr, nl, en in rows
    ]
    return tuple(sorted(found, key=lambda n: (n.start_date, n.end_date)))


def announced_today(notices: Iterable[Notice]) -> tuple[Notice, ...]:
    """The notices the public reads today: from their announcement to their end."""
    today = timezone.localdate()
    return tuple(notice for notice in notices if notice.announced_on(today))
