"""ONE staff's list of undelivered e-mails (core.mail): the messages that finally failed (a
permanent refusal, or 24 hours of transient failures), each with a resend button, and those
whose attempt never finished (the worker lost mid-send: perhaps delivered, never sent again by
itself). What is shown is what a resend needs judging: the kind, the recipients, the dates,
the attempts and the error's class and code. Nothing else of the message."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.mail import resend
from core.models import MailDelivery, MailState
from core.pagination import linked_page

RESEND_PERMISSION = "core.resend_maildelivery"
DELIVERIES_PER_PAGE = 50
# An attempt still "sending" this long after it started was cut short.
UNFINISHED_AFTER = timedelta(hours=1)


def can_resend(user) -> bool:
    return user.is_active and user.has_perm(RESEND_PERMISSION)


def undelivered():
    unfinished = timezone.now() - UNFINISHED_AFTER
    return MailDelivery.objects.filter(state=MailState.FAILED) | MailDelivery.objects.filter(
        state=MailState.SENDING, last_attempt_at__lt=unfinished
    )


def delivery_list(request):
    if not can_resend(request.user):
        raise PermissionDenied
    deliveries = undelivered().order_by("-last_attempt_at", "-pk")
    page = linked_page(deliveries, DELIVERIES_PER_PAGE, request)
    context = {
        "page_title": _("E-mails non remis"),
        "header_icon": "mail",
        "deliveries": page,
    }
    return TemplateResponse(request, "rencontres/admin/undelivered_mail.html", context)


@require_POST
def delivery_resend(request, pk: int):
    if not can_resend(request.user):
        raise PermissionDenied
    delivery = get_object_or_404(MailDelivery, pk=pk)
    if resend(delivery):
        messages.success(request, _("E-mail renvoyé."))
    else:
        messages.error(request, _("Cet e-mail ne peut plus être renvoyé."))
    return redirect("rencontres_undelivered_mail")
