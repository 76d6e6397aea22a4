"""ONE staff's report of the texts sent, per programme and month (core.texting): parts billed,
texts delivered, failed, and those not sent because the programme's monthly cap was reached;
each programme's own cap beside them. Counts only: no number, no text."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import TextDelivery, TextState
from objectives.models import Programme

REPORT_PERMISSION = "core.view_text_report"
MONTHS_SHOWN = 12


def can_see(user) -> bool:
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def monthly_rows(now=None) -> list[dict]:
    """One row per programme and month, the latest month first (two queries)."""
    now = now or timezone.now()
    since = (timezone.localtime(now) - timedelta(days=31 * MONTHS_SHOWN)).replace(day=1)
    counted = ~Q(state=TextState.CAPPED)
    rows = list(
        TextDelivery.objects.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "programme_id")
        .annotate(
            parts=Sum("parts", filter=counted),
            texts=Count("pk", filter=counted),
            delivered=Count("pk", filter=Q(state=TextState.DELIVERED)),
            failed=Count("pk", filter=Q(state=TextState.FAILED)),
            capped=Count("pk", filter=Q(state=TextState.CAPPED)),
        )
        .order_by("-month", "programme_id")
    )
    programmes = {
        pk: (name, cap)
        for pk, name, cap in Programme.objects.filter(
            pk__in={r["programme_id"] for r in rows}
        ).values_list("pk", "name_fr", "sms_monthly_cap")
    }
    for row in rows:
        name, cap = programmes.get(row["programme_id"], ("", settings.SMS["monthly_cap"]))
        row["programme"] = name or _("Sans programme")
        # Each programme's own cap (objectives.Programme.sms_monthly_cap, core.texting).
        row["cap"] = cap
        row["parts"] = row["parts"] or 0
    return rows


def text_report(request):
    if not can_see(request.user):
        raise PermissionDenied
    context = {
        "page_title": _("SMS envoyés"),
        "header_icon": "mail",
        "rows": monthly_rows(),
        "backend": settings.SMS["backend"],
    }
    return TemplateResponse(request, "rencontres/admin/text_report.html", context)
