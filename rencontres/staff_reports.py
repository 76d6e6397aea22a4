"""Wagtail's reports are ONE staff's. They span the whole site: every place's drafts and who
last edited them, every workflow, every translation. An organiser keeps to their own places, so
the reports menu is empty for them and the reports' views refuse them."""

from __future__ import annotations

from core.guards import ViewGuardMiddleware
from rencontres.roles import ONE_STAFF_GROUP

REPORT_NAMESPACE = "wagtailadmin_reports"
# wagtail-localize's report sits in that app's namespace, beside its translation views.
OTHER_REPORT_VIEWS = {
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
}


def is_report(view_name: str) -> bool:
    return view_name.startswith(REPORT_NAMESPACE + ":") or view_name in OTHER_REPORT_VIEWS


def sees_reports(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=ONE_STAFF_GROUP).exists()
    )


class StaffReportsMiddleware(ViewGuardMiddleware):
    def guards(self, view_name: str) -> bool:
        return is_report(view_name)

    def allows(self, request, view_kwargs: dict) -> bool:
        return sees_reports(request.user)
