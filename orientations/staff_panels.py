"""ONE staff's home panel of this app (core.staff_home): the orientations sent and not answered
yet across all places, and how many of them the place was already reminded of, per place (the
most waiting first). Place names and numbers only, never a family. Two queries whatever the
number of places and orientations."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from core.staff_home import ROWS_SHOWN, STAFF_HOME_PANELS, StaffPanel, StaffRow
from orientations.access import sees_counts
from orientations.models import Orientation

# Reminded (orientations.flow.remind_and_expire) and still not answered.
REMINDED = Q(reminded_at__isnull=False)


@hooks.register(STAFF_HOME_PANELS)
def waiting_orientations(request) -> StaffPanel | None:
    if not sees_counts(request.user):
        return None
    waiting = Orientation.objects.unanswered()
    totals = waiting.aggregate(count=Count("pk"), reminded=Count("pk", filter=REMINDED))
    count, reminded = totals["count"], totals["reminded"]
    places = (
        waiting.values("place_id", "place__title")
        .annotate(n=Count("pk"), reminded=Count("pk", filter=REMINDED))
        .order_by("-n", "place__title", "place_id")[:ROWS_SHOWN]
    )
    rows = [
        StaffRow(
            place["place__title"],
            detail=ngettext(
                "%(n)s sans réponse, dont %(reminded)s après rappel",
                "%(n)s sans réponse, dont %(reminded)s après rappel",
                place["n"],
            )
            % {"n": place["n"], "reminded": place["reminded"]},
        )
        for place in places
    ]
    return StaffPanel(
        key="orientations",
        title=_("Orientations sans réponse"),
        order=50,
        count=count,
        summary=ngettext(
            "%(count)s orientation attend la réponse d'un lieu, dont %(reminded)s après le "
            "rappel ; les lieux qui en ont le plus d'abord :",
            "%(count)s orientations attendent la réponse d'un lieu, dont %(reminded)s après le "
            "rappel ; les lieux qui en ont le plus d'abord :",
            count,
        )
        % {"count": count, "reminded": reminded},
        empty=_("Aucune orientation n'attend de réponse."),
        url=reverse("orientations_counts"),
        url_label=_("Orientations en chiffres"),
        rows=rows,
    )
