"""Weekdays as stored (0 = Monday, Python's and dateutil's numbering) and as the public
contract spells them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")


WEEKDAY_SLUGS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def django_week_day(weekday: int) -> int:
    """Our weekday (0 = Monday) as Django's `week_day` lookup counts (1 = Sunday)."""
    return (weekday + 1) % 7 + 1


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Weekdays as a page stores them ("0,2,4"), in order, each once."""
    return tuple(sorted({int(part) for part in text.split(",") if part.strip().isdigit()}))
