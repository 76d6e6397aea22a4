"""The public side of "report a problem": the form each place and activity page carries (a
section registered through their page hooks), and the page it posts to. Nothing here shows
more of a place than its public page does: its title, never its address (discreet places)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from activities.models import ActivityPage
from core.clients import held_back
from directory.models import PlacePage
from organisers.forms import ProblemReportForm
from organisers.reports import submit

RATE_SCOPE = "problem-report"


def reported_page(page_id: int) -> tuple[Page, PlacePage]:
    """The live, public place or activity page `page_id`, and its place; else a 404."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if isinstance(page, PlacePage):
        return page, page
    if isinstance(page, ActivityPage) and page.place.live:
        return page, page.place
    raise Http404


def section(page, request) -> str:
    """The form, folded under its heading (a `<details>`: no script needed)."""
    if getattr(request, "is_preview", False):
        return ""
    context = {"form": ProblemReportForm(), "reported": page, "folded": True}
    return render_to_string("organisers/report_section.html", context, request)


# No CSRF token: the form is on every place's page, which is then the same for every visitor
# and kept (core.kept). A forged report could only say what anyone may say here; the rate limit
# and the honeypot stand.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_problem(request: HttpRequest, page_id: int) -> HttpResponse:
    page, place = reported_page(page_id)
    form = ProblemReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if held_back(request, form, RATE_SCOPE, settings.ORGANISERS["report_rate"]):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            # A bot fills the hidden field: answered as a family would be, and nothing is kept.
            if not data["website"]:
                report = submit(
                    place=place,
                    page=page,
                    kind=data["kind"],
                    message=data["message"].strip(),
                    email=data["email"],
                    language=get_language(),
                )
                if report is None:
                    context = {"reported": page, "already_sent": True}
                    return TemplateResponse(request, "organisers/report_thanks.html", context)
            return redirect("report_problem_thanks", page_id=page.pk)
        else:
            status = 400
    context = {"form": form, "reported": page, "folded": False}
    return TemplateResponse(request, "organisers/report_problem.html", context, status=status)


@require_http_methods(["GET"])
def report_thanks(request: HttpRequest, page_id: int) -> HttpResponse:
    page, _place = reported_page(page_id)
    return TemplateResponse(request, "organisers/report_thanks.html", {"reported": page})
