"""ONE staff's home panel of this app (core.staff_home): the likely duplicate places waiting,
the likeliest first, with a link to the queue where they are merged or set aside. Two
queries whatever the number of pairs."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from core.staff_home import ROWS_SHOWN, STAFF_HOME_PANELS, StaffPanel, StaffRow
from directory.duplicate_views import can_merge_places, open_pairs
from directory.duplicates import REASONS


@hooks.register(STAFF_HOME_PANELS)
def waiting_duplicates(request) -> StaffPanel | None:
    if not can_merge_places(request.user):
        return None
    pairs = open_pairs()
    count = pairs.count()
    queue = reverse("directory_duplicates")
    rows = [
        StaffRow(
            _("« %(a)s » et « %(b)s »") % {"a": pair.first.title, "b": pair.second.title},
            queue,
            ", ".join(str(REASONS[code]) for code in pair.reasons if code in REASONS),
        )
        for pair in pairs[:ROWS_SHOWN]
    ]
    return StaffPanel(
        key="duplicates",
        title=_("Doublons possibles"),
        order=45,
        count=count,
        summary=ngettext(
            "%(count)s paire de lieux qui se ressemblent, les plus proches d'abord :",
            "%(count)s paires de lieux qui se ressemblent, les plus proches d'abord :",
            count,
        )
        % {"count": count},
        empty=_("Aucun doublon possible à examiner."),
        url=queue,
        url_label=_("Tous les doublons possibles"),
        rows=rows,
    )
