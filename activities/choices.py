"""Choices of activities: the editor's plain-language schedule (never raw RRULE text), a
registration's status, what a capacity counts and a waiting family's answer to a seat offered."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Repeat(models.TextChoices):
    NONE = "none", _("Une seule fois")
    WEEKLY = "weekly", _("Chaque semaine, ou toutes les N semaines")
    MONTHLY = "monthly", _("Chaque mois, un jour de la semaine donné (ex. le premier mardi)")


class Ends(models.TextChoices):
    NEVER = "never", _("Sans date de fin")
    UNTIL = "until", _("Jusqu'à une date")
    COUNT = "count", _("Après un nombre de séances")


class MonthWeek(models.IntegerChoices):
    FIRST = 1, _("le premier")
    SECOND = 2, _("le deuxième")
    THIRD = 3, _("le troisième")
    FOURTH = 4, _("le quatrième")
    LAST = -1, _("le dernier")


class SessionStatus(models.TextChoices):
    """A session's public status (`Occurrence.public_status`), as the API says it."""

    SCHEDULED = "scheduled", _("prévue")
    RESCHEDULED = "rescheduled", _("déplacée")
    CANCELLED = "cancelled", _("annulée")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmée")
    WAITING = "waiting", _("sur liste d'attente")
    # A freed seat offered to a waiting family until its answer or its deadline: held for them.
    OFFERED = "offered", _("place proposée")
    CANCELLED = "cancelled", _("annulée")


# The statuses whose seats are taken: nobody else may have them.
HOLDING_SEATS = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
# The statuses of families still expecting the session: told of its changes.
EXPECTING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.WAITING)


class CapacityUnit(models.TextChoices):
    CHILDREN = "children", _("enfants")
    PEOPLE = "people", _("personnes (enfants et adultes)")
    # What every capacity meant before families were counted as groups (migration 0010).
    FAMILIES = "families", _("familles (une place par famille)")


class OfferAnswer(models.TextChoices):
    ACCEPTED = "accepted", _("acceptée")
    DECLINED = "declined", _("refusée")
    EXPIRED = "expired", _("sans réponse à temps")
