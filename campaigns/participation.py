"""A campaign's participation, for staff: each place asked and its answer (by its organisers,
by staff, none yet), and the counts per province or département; the same rows as a CSV."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns.models import Answer, Campaign, CampaignRequest, Section
from gazetteer.points import area_label

PENDING = "pending"


def status_label(answer: str) -> str:
    return str(Answer(answer).label) if answer else _("Sans réponse")


def requests_of(campaign: Campaign):
    """Every request of the campaign with its place, commune and who answered (one query)."""
    return (
        CampaignRequest.objects.filter(campaign=campaign)
        .select_related("place", "place__commune", "answered_by")
        .order_by("place__commune__province", "place__title", "pk")
    )


@dataclass
class Territory:
    name: str
    organiser: int = 0
    staff: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.organiser + self.staff + self.pending


def by_territory(requests) -> list[Territory]:
    counts: dict[str, Counter] = {}
    for request in requests:
        name = area_label(request.place.commune.province) or "—"
        counts.setdefault(name, Counter())[request.answer or PENDING] += 1
    return [
        Territory(
            name,
            organiser=count[Answer.ORGANISER],
            staff=count[Answer.STAFF],
            pending=count[PENDING],
        )
        for name, count in sorted(counts.items())
    ]


def header() -> list[str]:
    return [
        _("Lieu"),
        _("Commune"),
        _("Province ou département"),
        _("État"),
        _("Répondu le"),
        _("Par"),
        _("Rubriques corrigées"),
        _("Relancé le"),
    ]


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def row(request: CampaignRequest) -> list[str]:
    by = request.answered_by
    return [
        request.place.title,
        request.place.commune.name_fr,
        area_label(request.place.commune.province),
        status_label(request.answer),
        _when(request.answered_at),
        (by.get_full_name() or by.get_username()) if by else "",
        ", ".join(str(Section(s).label) for s in request.edited if s in Section.values),
        _when(request.reminded_at),
    ]
