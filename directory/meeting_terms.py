"""How meetings go at a place, as the public reads it (a field of the place's record,
`PlaceRecord.meetings`): its kinds of accompaniment, the documents to bring, the prior
interview, the waiting time as declared on a date, weekend opening, the courts that refer
families to it. The rules are here, once: when a declared waiting time is old (`WAITING_FRESH`),
what the filter `waiting_at_most` keeps, what counts as a weekend opening.

Its terms are the record's own (`directory.place_record.Term`, read in the record's union of terms),
taken duck-typed so that this module needs nothing of the record's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.weekdays import Weekday

# A waiting time declared more than three months ago is shown « à confirmer », and the filter
# `waiting_at_most` does not count on it.
WAITING_FRESH_MONTHS = 3
WEEKEND = (Weekday.SATURDAY, Weekday.SUNDAY)
# From this many weeks, a waiting time is said in months (« environ 3 mois »).
WEEKS_SAID_IN_MONTHS = 8
WEEKS_A_MONTH = 52 / 12


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def fresh_since(today: date) -> date:
    """The oldest declaration date still trusted on `today`: the one rule of old declarations."""
    return months_before(today, WAITING_FRESH_MONTHS)


def opens_at_weekend(slots) -> bool:
    """Whether the opening hours have a Saturday or Sunday slot."""
    return any(slot.weekday in WEEKEND for slot in slots)


def waiting_words(weeks: int) -> str:
    if weeks >= WEEKS_SAID_IN_MONTHS:
        months = round(weeks / WEEKS_A_MONTH)
        return ngettext("environ %(n)d mois", "environ %(n)d mois", months) % {"n": months}
    return ngettext("environ %(n)d semaine", "environ %(n)d semaines", weeks) % {"n": weeks}


@dataclass(frozen=True)
class MeetingTerms:
    accompaniments: tuple = ()
    documents: tuple = ()
    courts: tuple = ()
    prior_interview: bool = False
    waiting_weeks: int | None = None
    waiting_declared_on: date | None = None
    weekend: bool = False

    @property
    def any(self) -> bool:
        """Whether the place says anything of its meetings: its page's section is shown."""
        return bool(
            self.accompaniments
            or self.documents
            or self.courts
            or self.prior_interview
            or self.waiting_weeks is not None
        )

    def waiting_old(self, today: date | None = None) -> bool:
        """The declared waiting time is older than `WAITING_FRESH_MONTHS`: to be confirmed."""
        if self.waiting_declared_on is None:
            return False
        return self.waiting_declared_on < fresh_since(today or timezone.localdate())

    @property
    def waiting_text(self) -> str:
        """« Attente : environ 3 mois (au 2 mars) », « … (au 2 mars, à confirmer) » when old;
        empty when the place declares none."""
        if self.waiting_weeks is None or self.waiting_declared_on is None:
            return ""
        on = formats.date_format(self.waiting_declared_on, "j F")
        if self.waiting_declared_on.year != timezone.localdate().year:
            on = formats.date_format(self.waiting_declared_on, "j F Y")
        if self.waiting_old():
            when = _("au %(date)s, à confirmer") % {"date": on}
        else:
            when = _("au %(date)s") % {"date": on}
        return _("Attente : %(wait)s (%(when)s)") % {
            "wait": waiting_words(self.waiting_weeks),
            "when": when,
        }

    @property
    def documents_text(self) -> str:
        """« À apporter : la décision du juge, une pièce d'identité. »"""
        if not self.documents:
            return ""
        names = ", ".join(term.name[:1].lower() + term.name[1:] for term in self.documents)
        return _("À apporter : %(documents)s.") % {"documents": names}

    @property
    def interview_text(self) -> str:
        if not self.prior_interview:
            return ""
        return _("Un entretien avec chaque parent, séparément, avant la première rencontre.")

    @property
    def card_lines(self) -> tuple[str, ...]:
        """What a result card says, short: the waiting time, weekend opening, the interview."""
        lines = [self.waiting_text] if self.waiting_text else []
        if self.weekend:
            lines.append(_("Ouvert le week-end"))
        if self.prior_interview:
            lines.append(_("Entretien préalable avec chaque parent"))
        return tuple(lines)

    @property
    def accompaniment_slugs(self) -> tuple[str, ...]:
        return tuple(sorted(term.slug for term in self.accompaniments))

    @property
    def court_slugs(self) -> tuple[str, ...]:
        return tuple(sorted(term.slug for term in self.courts))

    def as_json(self) -> dict:
        return {
            "accompaniments": [dict(vars(term)) for term in self.accompaniments],
            "documents": [dict(vars(term)) for term in self.documents],
            "courts": [dict(vars(term)) for term in self.courts],
            "prior_interview": self.prior_interview,
            "waiting_weeks": self.waiting_weeks,
            "waiting_declared_on": (
                self.waiting_declared_on.isoformat() if self.waiting_declared_on else None
            ),
            "weekend": self.weekend,
        }

    @classmethod
    def from_json(cls, document: dict, term) -> MeetingTerms:
        """What `as_json` wrote, its terms made by `term` (the record's `Term`)."""
        declared = document.get("waiting_declared_on")
        return cls(
            accompaniments=tuple(term(**t) for t in document.get("accompaniments", ())),
            documents=tuple(term(**t) for t in document.get("documents", ())),
            courts=tuple(term(**t) for t in document.get("courts", ())),
            prior_interview=document.get("prior_interview", False),
            waiting_weeks=document.get("waiting_weeks"),
            waiting_declared_on=date.fromisoformat(declared) if declared else None,
            weekend=document.get("weekend", False),
        )
