"""Wagtail's reports are ONE staff's. They span the whole site: every place's drafts and who
last edited them, every workflow, every translation. An organiser keeps to their own places, so
the reports menu is empty for them and the reports' views refuse them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

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


class StaffReportsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and is_report(match.view_name) and not sees_reports(request.user):
            raise PermissionDenied
        return None
