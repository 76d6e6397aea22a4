"""The countries the platform covers, and the time zone each one's activities are held in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    BELGIUM = "BE", _("Belgique")
    FRANCE = "FR", _("France")


# Activities are scheduled in their place's local time.
TIME_ZONES = {Country.BELGIUM: "Europe/Brussels", Country.FRANCE: "Europe/Paris"}
