"""Presence per session of a cycle's registration: one registration for the whole series, and a
row per session the organiser ticked on the register (activities.cycles). Numbers of a family,
never more names than the registration already holds; deleted with it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models.registrations import Registration
from activities.models.sessions import Occurrence


class Presence(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="presences"
    )
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="presences")
    present = models.BooleanField(_("présente"), default=True)
    noted_at = models.DateTimeField(_("notée le"), default=timezone.now)

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "occurrence"], name="one_presence_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.occurrence_id}"
