"""How meetings go at a place (directory.meeting_terms) in HSDS: the documents to bring as the
service's `required_documents`, the communes of the courts that refer families to it as its
`service_areas`, and its eligibility in words (the prior interview, the referring courts)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from directory.meeting_terms import MeetingTerms
from opendata.ids import record_id


def required_documents(place_id: int, meetings: MeetingTerms) -> list[dict]:
    service_id = record_id("service", place_id)
    return [
        {
            "id": record_id("required_document", place_id, position),
            "service_id": service_id,
            "document": document.name_fr,
        }
        for position, document in enumerate(meetings.documents, start=1)
    ]


def service_areas(place_id: int, meetings: MeetingTerms) -> list[dict]:
    """Each referring court's commune, once, described by the court."""
    service_id = record_id("service", place_id)
    seats: dict[str, list[str]] = {}
    for court in meetings.courts:
        seats.setdefault(court.seat, []).append(court.name_fr)
    return [
        {
            "id": record_id("service_area", place_id, position),
            "service_id": service_id,
            "name": seat,
            "description": _("Familles orientées par : %(courts)s.") % {"courts": ", ".join(names)},
        }
        for position, (seat, names) in enumerate(seats.items(), start=1)
    ]


def eligibility(meetings: MeetingTerms) -> str:
    """What the eligibility description adds to the children's ages."""
    parts = []
    if meetings.courts:
        names = ", ".join(court.name_fr for court in meetings.courts)
        parts.append(_("Familles orientées par : %(courts)s.") % {"courts": names})
    parts.append(meetings.interview_text)
    return " ".join(part for part in parts if part)
