"""Background work of the activities: the registration e-mails leave through the task queue
(django-tasks; its database backend by default, run by `manage.py db_worker`), so a mail
server that is down or refuses never fails the family's request: the registration is saved,
the task fails and is recorded, nothing else."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from activities.choices import RegistrationStatus
from activities.models import Registration
from core.text import single_line

logger = logging.getLogger(__name__)

SUBJECTS = {
    ("registered", RegistrationStatus.CONFIRMED): _("Inscription confirmée : %(title)s, %(date)s"),
    ("registered", RegistrationStatus.WAITING): _("Liste d'attente : %(title)s, %(date)s"),
    ("promoted", RegistrationStatus.CONFIRMED): _("Une place s'est libérée : %(title)s, %(date)s"),
    ("cancelled", RegistrationStatus.CANCELLED): _("Inscription annulée : %(title)s, %(date)s"),
    ("reminded", RegistrationStatus.CONFIRMED): _("Votre inscription : %(title)s, %(date)s"),
    ("reminded", RegistrationStatus.WAITING): _("Votre inscription : %(title)s, %(date)s"),
}


@task()
def send_registration_email(registration_id: int, event: str, status: str, base_url: str) -> None:
    """`status` is the registration's when the e-mail was asked for: the subject says what
    happened then, even if the worker runs later."""
    from activities.registrations import manage_url

    registration = (
        Registration.objects.select_related("occurrence__activity", "occurrence__place__commune")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:  # deleted meanwhile (retention): nothing to say
        return
    occurrence = registration.occurrence
    start = occurrence.local_start
    subject = str(SUBJECTS[(event, status)]) % {
        "title": occurrence.activity.title,
        "date": start.strftime("%d/%m/%Y %H:%M"),
    }
    body = render_to_string(
        "activities/emails/registration.txt",
        {
            "event": event,
            "status": status,
            "registration": registration,
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "place": occurrence.place,
            "start": start,
            "end": occurrence.local_end,
            "manage_url": manage_url(registration, base_url),
            "activity_url": base_url.rstrip("/") + (occurrence.activity.url or ""),
            "retention_days": settings.ACTIVITIES["retention_days"],
        },
    )
    send_mail(single_line(subject), body, None, [registration.email])
    logger.info("Registration %s: %s e-mail sent", registration.pk, event)
