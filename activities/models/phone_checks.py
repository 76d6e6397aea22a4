"""The code texted to a family who chose text messages, until they type it on the site: their
number is theirs. A registration by phone alone holds its seat meanwhile, for a short time
(settings.SMS["hold_minutes"]); activities.phone_codes frees what is not confirmed in time."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models.registrations import Registration


class PhoneCheck(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="phone_check"
    )
    # A keyed hash of the code, never the code.
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # No e-mail address: the registration itself waits for the code, its seat held.
    holds_seat = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("code envoyé par SMS")
        verbose_name_plural = _("codes envoyés par SMS")

    def __str__(self) -> str:
        return f"{_('Code')} #{self.pk}"
