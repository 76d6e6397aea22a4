"""What organisers and ONE staff record beside the pages: invitations to organise a place, and
each past session's head-count (numbers only, never names)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Occurrence
from core import models as core_models
from directory.models import PlacePage


class Invitation(core_models.Invitation):
    """An e-mail address asked to join a place's organisers. Revoking it deletes it (the audit
    log keeps the trace), so its link leads nowhere."""

    place = models.ForeignKey(
        PlacePage, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("lieu")
    )

    class Meta(core_models.Invitation.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["place", "accepted_at"])]
        permissions = [("manage_invitations", _("Inviter et retirer des organisateurs"))]

    def __str__(self) -> str:
        return f"{self.email} → {self.place_id}"


# More than this at one session is a typing mistake.
AT_MOST = MaxValueValidator(999)


class HeadCount(models.Model):
    """How many came to a session: numbers only. Kept as long as the session's figures are
    needed for ONE's yearly report; nothing in it is personal."""

    occurrence = models.OneToOneField(
        Occurrence, on_delete=models.CASCADE, related_name="head_count", verbose_name=_("séance")
    )
    children = models.PositiveSmallIntegerField(_("enfants"), validators=[AT_MOST])
    adults = models.PositiveSmallIntegerField(_("adultes"), validators=[AT_MOST])
    first_visits = models.PositiveSmallIntegerField(
        _("premières visites"),
        validators=[AT_MOST],
        help_text=_("Enfants et adultes venus pour la première fois."),
    )
    recorded_at = models.DateTimeField(_("noté le"), auto_now=True)

    class Meta:
        verbose_name = _("fréquentation")
        verbose_name_plural = _("fréquentations")

    def __str__(self) -> str:
        return f"{self.occurrence_id}: {self.children}+{self.adults}"

    def clean(self) -> None:
        if (
            self.first_visits is not None
            and self.children is not None
            and self.adults is not None
            and self.first_visits > self.children + self.adults
        ):
            raise ValidationError(
                {"first_visits": _("Pas plus de premières visites que de personnes venues.")}
            )

    @property
    def total(self) -> int:
        return self.children + self.adults


class FreshnessReminder(models.Model):
    """A reminder e-mailed to a place's organisers that its information is getting old."""

    place = models.ForeignKey(
        PlacePage,
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
        verbose_name=_("lieu"),
    )
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("rappel de mise à jour")
        verbose_name_plural = _("rappels de mise à jour")
        indexes = [models.Index(fields=["place", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.place_id} {self.sent_at:%Y-%m-%d}"


class ReportKind(models.TextChoices):
    CONTACT = "contact", _("Le téléphone ou le courriel est faux")
    HOURS = "hours", _("Les heures sont fausses")
    CLOSED = "closed", _("Le lieu a fermé")
    OTHER = "other", _("Autre chose")


class ReportStatus(models.TextChoices):
    NEW = "new", _("Nouveau")
    HANDLED = "handled", _("Traité")
    REJECTED = "rejected", _("Rejeté")


class ProblemReport(models.Model):
    """A family says something is wrong on a place's or an activity's page. The address they may
    leave serves once, to tell them it was handled: it is deleted when the report is closed."""

    place = models.ForeignKey(
        PlacePage,
        on_delete=models.CASCADE,
        related_name="problem_reports",
        verbose_name=_("lieu"),
    )
    # The page the family was reading: the place's or one of its activities'.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    kind = models.CharField(_("ce qui ne va pas"), max_length=10, choices=ReportKind.choices)
    message = models.TextField(_("précisions"), max_length=1000, blank=True)
    email = models.EmailField(_("courriel de la personne"), blank=True)
    # The language the family wrote in: the answer is written in it.
    language = models.CharField(_("langue"), max_length=10)
    status = models.CharField(
        _("état"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("reçu le"), default=timezone.now)
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("clos par"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        indexes = [models.Index(fields=["place", "status"])]

    def __str__(self) -> str:
        return f"{self.place_id} {self.kind} {self.status}"
