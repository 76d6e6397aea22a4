"""ONE staff's home panels of this app (core.staff_home): the stale listings, the oldest first,
and the open problem reports, the oldest first. Two queries each."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from core.staff_home import ROWS_SHOWN, STAFF_HOME_PANELS, StaffPanel, StaffRow
from directory.freshness import freshness_months
from organisers.access import is_invitation_manager
from organisers.freshness import age_in_months, stale_places
from organisers.models import ProblemReport, ReportStatus
from organisers.reports import sees_every_report


@hooks.register(STAFF_HOME_PANELS)
def stale_listings(request) -> StaffPanel | None:
    if not is_invitation_manager(request.user):
        return None
    places = stale_places()
    count = places.count()
    rows = []
    for place in places.only("pk", "title", "verified_at")[:ROWS_SHOWN]:
        months = age_in_months(place.verified_at)
        detail = (
            _("jamais vérifiée")
            if months is None
            else ngettext("vérifiée il y a %(n)s mois", "vérifiée il y a %(n)s mois", months)
            % {"n": months}
        )
        edit = reverse("wagtailadmin_pages:edit", args=[place.pk])
        rows.append(StaffRow(place.title, edit, detail))
    return StaffPanel(
        key="stale",
        title=_("Fiches à vérifier"),
        order=10,
        count=count,
        summary=ngettext(
            "%(count)s fiche non vérifiée depuis %(months)s mois, les plus anciennes d'abord :",
            "%(count)s fiches non vérifiées depuis %(months)s mois, les plus anciennes d'abord :",
            count,
        )
        % {"count": count, "months": freshness_months()},
        empty=_("Toutes les fiches ont été vérifiées ces %(months)s derniers mois.")
        % {"months": freshness_months()},
        url=reverse("organisers_stale"),
        url_label=_("Toutes les fiches à vérifier"),
        rows=rows,
    )


@hooks.register(STAFF_HOME_PANELS)
def open_reports(request) -> StaffPanel | None:
    if not sees_every_report(request.user):
        return None
    reports = ProblemReport.objects.filter(status=ReportStatus.NEW)
    count = reports.count()
    rows = [
        StaffRow(
            report.place.title,
            reverse("organisers_report", args=[report.pk]),
            _("%(kind)s, reçu le %(day)s")
            % {
                "kind": report.get_kind_display(),
                "day": formats.date_format(report.created_at, "SHORT_DATE_FORMAT"),
            },
        )
        for report in reports.select_related("place").order_by("created_at", "pk")[:ROWS_SHOWN]
    ]
    return StaffPanel(
        key="reports",
        title=_("Signalements des familles"),
        order=20,
        count=count,
        summary=ngettext(
            "%(count)s signalement à traiter, les plus anciens d'abord :",
            "%(count)s signalements à traiter, les plus anciens d'abord :",
            count,
        )
        % {"count": count},
        empty=_("Aucun signalement à traiter."),
        url=reverse("organisers_reports"),
        url_label=_("Tous les signalements"),
        rows=rows,
    )
