"""How meetings go at a place (directory.meeting_terms) as the places APIs say it: in full in a
place's detail, in short (waiting time, weekend, interview) in a list's results."""

from __future__ import annotations

from datetime import date

from ninja import Schema

from directory.meeting_terms import MeetingTerms


class MeetingTermOut(Schema):
    slug: str
    name: str


class WaitingOut(Schema):
    """The waiting time as the place declared it on `declared_on`; `old` once the declaration
    is more than three months old (to be confirmed), `text` in the request's language."""

    weeks: int
    declared_on: date
    old: bool
    text: str


class MeetingsOut(Schema):
    accompaniments: list[MeetingTermOut]
    required_documents: list[MeetingTermOut]
    courts: list[MeetingTermOut]
    prior_interview: bool
    weekend: bool
    waiting: WaitingOut | None


class MeetingsShortOut(Schema):
    prior_interview: bool
    weekend: bool
    waiting: WaitingOut | None


def waiting_out(meetings: MeetingTerms) -> dict | None:
    if meetings.waiting_weeks is None or meetings.waiting_declared_on is None:
        return None
    return {
        "weeks": meetings.waiting_weeks,
        "declared_on": meetings.waiting_declared_on,
        "old": meetings.waiting_old(),
        "text": meetings.waiting_text,
    }


def meetings_short_out(meetings: MeetingTerms) -> dict:
    return {
        "prior_interview": meetings.prior_interview,
        "weekend": meetings.weekend,
        "waiting": waiting_out(meetings),
    }


def meetings_out(meetings: MeetingTerms) -> dict:
    def terms(found) -> list[dict]:
        return [{"slug": term.slug, "name": term.name} for term in found]

    return {
        "accompaniments": terms(meetings.accompaniments),
        "required_documents": terms(meetings.documents),
        "courts": terms(meetings.courts),
        **meetings_short_out(meetings),
    }
