"""Orientations: a professional (a TMS of ONE, a social worker, a PMI nurse, a lawyer…) asks a
place that takes them to receive a family. What is kept of the family is the minimum the place
needs to reach them, cleared after the retention period (`anonymise_orientations`); the
professional is an account of the « Professionnels » group with a small profile."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import models as core_models
from directory.models import PlacePage

NOTE_LENGTH = 500
FAMILY_LANGUAGES = [("fr", _("français")), ("nl", _("néerlandais")), ("en", _("anglais"))]


class ProfessionalProfile(models.Model):
    """What a place is told of who orients a family: their organisation and profession."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="professional_profile",
        verbose_name=_("compte"),
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    profession = models.CharField(_("profession"), max_length=200)

    class Meta:
        verbose_name = _("profil de professionnel")
        verbose_name_plural = _("profils de professionnels")

    def __str__(self) -> str:
        return f"{self.profession}, {self.organisation}"


class ProfessionalInvitation(core_models.Invitation):
    """An address asked to open a professional account, by ONE staff or by a place's
    organiser (`place`, for the record). An address that has an account accepts with a
    button."""

    organisation = models.CharField(_("organisation"), max_length=200)
    profession = models.CharField(_("profession"), max_length=200)
    place = models.ForeignKey(
        PlacePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("depuis le lieu"),
    )

    class Meta(core_models.Invitation.Meta):
        verbose_name = _("invitation de professionnel")
        verbose_name_plural = _("invitations de professionnels")
        indexes = [models.Index(fields=["invited_by", "created_at"])]
        permissions = [("invite_professionals", _("Inviter des professionnels"))]

    def __str__(self) -> str:
        return f"{self.pk}"


class PlaceOrientationSettings(models.Model):
    """Whether a place takes orientations, and the reasons it lists, one per line (French;
    Dutch and English at the same lines, when written)."""

    place = models.OneToOneField(
        PlacePage,
        on_delete=models.CASCADE,
        related_name="orientation_settings",
        verbose_name=_("lieu"),
    )
    takes_orientations = models.BooleanField(_("reçoit des orientations"), default=False)
    reasons = models.TextField(
        _("motifs (en français)"),
        blank=True,
        help_text=_("Un motif par ligne, par exemple « maintien du lien parent-enfant »."),
    )
    reasons_nl = models.TextField(_("motifs (en néerlandais)"), blank=True)
    reasons_en = models.TextField(_("motifs (en anglais)"), blank=True)

    class Meta:
        verbose_name = _("réglage des orientations")
        verbose_name_plural = _("réglages des orientations")

    def __str__(self) -> str:
        return f"{self.place_id}"

    def reason_list(self, language: str = "fr") -> list[str]:
        """The reasons in `language`, each line falling back on the French one."""
        french = [line.strip() for line in self.reasons.splitlines() if line.strip()]
        other = {"nl": self.reasons_nl, "en": self.reasons_en}.get(language, "")
        translated = [line.strip() for line in other.splitlines() if line.strip()]
        return [translated[i] if i < len(translated) else reason for i, reason in enumerate(french)]


class Status(models.TextChoices):
    SENT = "sent", _("Envoyée")
    ACCEPTED = "accepted", _("Acceptée")
    REFUSED = "refused", _("Refusée")
    WAITING = "waiting", _("Sur liste d'attente")
    EXPIRED = "expired", _("Expirée sans réponse")


# What the place still has to answer; what is over.
OPEN_STATUSES = (Status.SENT, Status.WAITING)
ANSWERED_STATUSES = (Status.ACCEPTED, Status.REFUSED)


class RefusalReason(models.TextChoices):
    FULL = "full", _("Plus de place pour l'instant")
    NOT_FOR_US = "not_for_us", _("La demande ne correspond pas à ce que le lieu propose")
    TOO_FAR = "too_far", _("Le lieu est trop loin de la famille")
    ALREADY = "already", _("La famille est déjà suivie par le lieu")
    OTHER = "other", _("Autre raison")


class OrientationQuerySet(models.QuerySet):
    def for_places(self, place_ids):
        return self.filter(place_id__in=place_ids)

    def unanswered(self):
        return self.filter(status=Status.SENT)


class Orientation(models.Model):
    """A professional's request that a place receive a family. The family's fields are the only
    personal ones; `anonymised_at` says they were cleared."""

    place = models.ForeignKey(
        PlacePage, on_delete=models.CASCADE, related_name="orientations", verbose_name=_("lieu")
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="orientations_sent",
        verbose_name=_("professionnel"),
    )
    # The professional's language when they sent it: their e-mails are written in it.
    professional_language = models.CharField(max_length=10, default="fr")

    family_name = models.CharField(_("prénom ou initiales du parent"), max_length=60, blank=True)
    family_email = models.EmailField(_("courriel de la famille"), blank=True)
    family_phone = models.CharField(_("téléphone de la famille"), max_length=40, blank=True)
    children_ages = models.CharField(_("âge des enfants"), max_length=100, blank=True)
    languages_spoken = models.CharField(_("langues parlées"), max_length=100, blank=True)
    family_language = models.CharField(
        _("langue des messages à la famille"), max_length=2, choices=FAMILY_LANGUAGES
    )
    reason = models.CharField(_("motif"), max_length=200)
    note = models.TextField(
        _("un mot pour le lieu"), blank=True, validators=[MaxLengthValidator(NOTE_LENGTH)]
    )
    consent = models.BooleanField(
        _("la famille est d'accord pour que ces informations soient transmises")
    )
    contact_consent = models.BooleanField(
        _("la famille accepte que le lieu la contacte directement"), default=False
    )

    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.SENT)
    refusal_reason = models.CharField(
        _("raison du refus"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    answer_note = models.TextField(
        _("un mot du lieu"), blank=True, validators=[MaxLengthValidator(NOTE_LENGTH)]
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    answered_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expirée le"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)

    objects = OrientationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        indexes = [
            models.Index(fields=["place", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]
        permissions = [("view_orientation_counts", _("Voir les chiffres des orientations"))]

    def __str__(self) -> str:
        # Never the family's name: this string reaches the admin's history and the logs.
        return f"orientation {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def family_may_be_told(self) -> bool:
        return self.contact_consent and bool(self.family_email)
