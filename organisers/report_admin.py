"""Admin screens for problem reports: the queue (new / handled / rejected, by place) and one
report, closed with a note. An organiser sees their own places' reports; ONE staff see all.
Another place's report is a 403, an unknown one a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.pagination import linked_page
from organisers.forms import CloseReportForm
from organisers.models import ProblemReport, ReportStatus
from organisers.reports import can_handle, can_see_reports, close, visible_reports

REPORTS_PER_PAGE = 50


def report_list(request):
    if not can_see_reports(request.user):
        raise PermissionDenied
    status = request.GET.get("status", ReportStatus.NEW)
    if status not in ReportStatus.values:
        status = ReportStatus.NEW
    reports = (
        visible_reports(request.user)
        .filter(status=status)
        .select_related("place", "page")
        .order_by("-created_at", "-pk")
    )
    page = linked_page(reports, REPORTS_PER_PAGE, request)
    context = {
        "page_title": _("Signalements"),
        "header_icon": "warning",
        "reports": page,
        "status": status,
        "statuses": ReportStatus.choices,
    }
    return TemplateResponse(request, "organisers/admin/reports.html", context)


@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    report = get_object_or_404(ProblemReport.objects.select_related("place", "page"), pk=pk)
    if not can_handle(request.user, report):
        raise PermissionDenied
    is_open = report.status == ReportStatus.NEW
    form = CloseReportForm(request.POST if request.method == "POST" and is_open else None)
    if request.method == "POST" and not is_open:
        messages.error(request, _("Ce signalement est déjà clos."))
        return redirect("organisers_report", report.pk)
    if form.is_valid():
        mailed = close(
            report,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        if mailed:
            messages.success(request, _("Signalement clos ; la personne en est avertie."))
        else:
            messages.success(request, _("Signalement clos."))
        return redirect("organisers_reports")
    context = {
        "page_title": _("Signalement"),
        "header_icon": "warning",
        "report": report,
        "form": form if is_open else None,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "organisers/admin/report.html", context, status=status)
