"""Closures: the periods a place is closed (holidays). Activities cancel the sessions inside
them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from directory.models.places import PlacePage


def closure_label(reason: str) -> str:
    """A closure as the public reads it (its record's and the admin's label)."""
    text = _("Lieu fermé")
    return f"{text} ({reason})" if reason else str(text)


class ClosurePeriod(models.Model):
    """A period the place is closed (holidays): its activities' sessions then are cancelled."""

    place = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au (inclus)"))
    reason = models.CharField(
        _("motif"), max_length=200, blank=True, help_text=_("Par exemple : congés d'été.")
    )

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), "reason"]

    class Meta:
        # The table keeps the name it had when closures belonged to the activities app.
        db_table = "activities_closureperiod"
        ordering = ["start_date"]
        verbose_name = _("fermeture")
        verbose_name_plural = _("fermetures")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return closure_label(self.reason)

    def covers(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin doit suivre le début.")})
