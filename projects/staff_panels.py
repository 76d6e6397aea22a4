"""ONE staff's home panels of this app (core.staff_home): the communes where family searches
found nothing within the dashboard's default distance these last weeks (projects.searches),
for the default programme's territory, with a link to the whole table on the dashboard; and
the listings of lowest quality (projects.listing_quality), with a link to the territories'
table."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from core.staff_home import ROWS_SHOWN, STAFF_HOME_PANELS, StaffPanel, StaffRow
from directory.quality import LOW
from projects.access import can_view_coverage
from projects.admin_views import DEFAULT_DISTANCE_KM, default_programme
from projects.listing_quality import low_count, todo_text, worst
from projects.searches import empty_searches

# The home looks at the last four weeks; the dashboard lets staff choose.
HOME_WEEKS = 4


@hooks.register(STAFF_HOME_PANELS)
def searches_that_found_nothing(request) -> StaffPanel | None:
    if not can_view_coverage(request.user):
        return None
    programme = default_programme()
    if programme is None:
        return None
    km = float(DEFAULT_DISTANCE_KM)
    found = empty_searches(programme, km, HOME_WEEKS, timezone.localdate())
    count = sum(item.found_nothing for item in found)
    url = (
        reverse("projects_coverage")
        + f"?programme={programme.slug}&distance_km={km:g}&weeks={HOME_WEEKS}#section-searches"
    )
    rows = [
        StaffRow(
            item.commune,
            detail=ngettext(
                "%(n)s recherche sans résultat sur %(total)s",
                "%(n)s recherches sans résultat sur %(total)s",
                item.found_nothing,
            )
            % {"n": item.found_nothing, "total": item.searches},
        )
        for item in found[:ROWS_SHOWN]
    ]
    return StaffPanel(
        key="searches",
        title=_("Recherches sans résultat"),
        order=30,
        count=count,
        summary=ngettext(
            "%(count)s recherche de familles n'a trouvé aucun lieu à moins de %(km)s km ces "
            "%(weeks)s dernières semaines (%(programme)s) :",
            "%(count)s recherches de familles n'ont trouvé aucun lieu à moins de %(km)s km ces "
            "%(weeks)s dernières semaines (%(programme)s) :",
            count,
        )
        % {"count": count, "km": f"{km:g}", "weeks": HOME_WEEKS, "programme": programme.name_fr},
        empty=_(
            "Aucune recherche de familles sans lieu à moins de %(km)s km ces %(weeks)s "
            "dernières semaines."
        )
        % {"km": f"{km:g}", "weeks": HOME_WEEKS},
        url=url,
        url_label=_("Le tableau complet"),
        rows=rows,
    )


@hooks.register(STAFF_HOME_PANELS)
def listings_to_improve(request) -> StaffPanel | None:
    if not can_view_coverage(request.user):
        return None
    count = low_count()
    rows = [
        StaffRow(
            record.name,
            reverse("wagtailadmin_pages:edit", args=[record.id]),
            f"{record.quality_score}/100 : {todo_text(quality)}",
        )
        for record, quality in worst(shown=ROWS_SHOWN)
        if record.quality_score < LOW
    ]
    return StaffPanel(
        key="quality",
        title=_("Fiches à améliorer"),
        order=15,
        count=count,
        summary=ngettext(
            "%(count)s fiche a une qualité sous %(low)s sur 100, les moins bonnes d'abord :",
            "%(count)s fiches ont une qualité sous %(low)s sur 100, les moins bonnes d'abord :",
            count,
        )
        % {"count": count, "low": LOW},
        empty=_("Toutes les fiches ont une qualité d'au moins %(low)s sur 100.") % {"low": LOW},
        url=reverse("projects_quality"),
        url_label=_("La qualité par province ou département"),
        rows=rows,
    )
