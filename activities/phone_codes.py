"""A family who chose text messages confirms their number with the 6-digit code texted to them.

Registered by phone alone (no e-mail), their registration holds its seat until then, for
settings.SMS["hold_minutes"] (15); a wrong code five times, or the time past, and the
registration goes (its seat to the first waiting family): they start again. With an e-mail
address, the registration stays and only the texts are dropped. `release_expired` frees what
waited too long: run by `manage.py expire_phone_holds` (rencontres/periodic.py, every 5
minutes) and before each registration to a session, so that a seat is never kept past its
time even between two runs.

Codes are stored as a keyed hash (`salted_hmac`, the site's secret key): never the code.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from activities.models import Occurrence, PhoneCheck, Registration
from activities.offers import offer_freed_seats
from activities.texts import code_text, send_text, text_registration
from core.texting import forget_registrations

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SALT = "activities.phone_codes"


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    WRONG = "wrong"
    RELEASED = "released"  # too many wrong codes, or too late: start again


def code_hash(registration_id: int, code: str) -> str:
    return salted_hmac(SALT, f"{registration_id}:{code}", algorithm="sha256").hexdigest()


def start_check(registration: Registration, now: datetime | None = None) -> PhoneCheck:
    """A new code for the registration's number, texted once the transaction commits."""
    now = now or timezone.now()
    code = f"{secrets.randbelow(10**6):06d}"
    minutes = settings.SMS["hold_minutes"]
    check = PhoneCheck.objects.create(
        registration=registration,
        code_hash=code_hash(registration.pk, code),
        expires_at=now + timedelta(minutes=minutes),
        holds_seat=not registration.email,
    )
    text = code_text(code, minutes, registration.language)
    transaction.on_commit(lambda: send_text(registration, "registration-code", text))
    return check


def pending_check(registration: Registration) -> PhoneCheck | None:
    return PhoneCheck.objects.filter(registration=registration).first()


def release(check: PhoneCheck, base_url: str | None = None) -> None:
    """The code not typed in time, or wrong too often: a held seat is freed (the registration
    deleted, its seats offered to the waiting families: activities.offers), an e-mailed family
    keeps its registration without texts. Call inside a transaction."""
    registration = check.registration
    if not check.holds_seat:
        check.delete()
        Registration.objects.filter(pk=registration.pk).update(texts=False)
        return
    occurrence = (
        Occurrence.objects.select_for_update()
        .select_related("activity")
        .get(pk=registration.occurrence_id)
    )
    forget_registrations([registration.pk])
    registration.delete()
    offer_freed_seats(occurrence, base_url)


def check_code(registration: Registration, typed: str, base_url: str) -> tuple[Outcome, int]:
    """The typed code against the registration's; (outcome, attempts left)."""
    with transaction.atomic():
        check = (
            PhoneCheck.objects.select_for_update()
            .select_related("registration")
            .filter(registration=registration)
            .first()
        )
        if check is None:
            return Outcome.RELEASED, 0
        if check.expires_at <= timezone.now():
            release(check, base_url)
            logger.info("Registration %s: phone code expired", registration.pk)
            return Outcome.RELEASED, 0
        if constant_time_compare(check.code_hash, code_hash(registration.pk, typed.strip())):
            check.delete()
            text_registration(registration, "registered", base_url)
            logger.info("Registration %s: phone confirmed", registration.pk)
            return Outcome.CONFIRMED, 0
        check.attempts += 1
        if check.attempts >= MAX_ATTEMPTS:
            release(check, base_url)
            logger.info("Registration %s: phone code wrong too often", registration.pk)
            return Outcome.RELEASED, 0
        check.save(update_fields=["attempts"])
        return Outcome.WRONG, MAX_ATTEMPTS - check.attempts


def release_expired(now: datetime | None = None, occurrence_id: int | None = None) -> int:
    """Every check past its time released; how many."""
    now = now or timezone.now()
    expired = PhoneCheck.objects.filter(expires_at__lte=now).select_related("registration")
    if occurrence_id is not None:
        expired = expired.filter(registration__occurrence_id=occurrence_id)
    count = 0
    for check_id in list(expired.values_list("pk", flat=True)):
        with transaction.atomic():
            check = (
                PhoneCheck.objects.select_for_update()
                .select_related("registration")
                .filter(pk=check_id, expires_at__lte=now)
                .first()
            )
            if check is not None:
                release(check)
                count += 1
    return count
