"""Registrations for a session, within its capacity counted in children or people (the overflow
waits), and the places trusted to publish without review."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from activities.choices import OfferAnswer, RegistrationStatus
from activities.models.seats import seats_of
from activities.models.sessions import Occurrence
from directory.models import PlacePage


class TrustedPlace(models.Model):
    """A place whose organisers publish their activities without ONE's approval."""

    place = models.OneToOneField(
        PlacePage, on_delete=models.CASCADE, related_name="trust", verbose_name=_("lieu")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    panels = [FieldPanel("place"), FieldPanel("note")]

    class Meta:
        verbose_name = _("lieu de confiance")
        verbose_name_plural = _("lieux de confiance")

    def __str__(self) -> str:
        return self.place.title


class Registration(models.Model):
    """A family's registration to one session. Personal data: deleted a set number of days
    after the session (`purge_registrations`), never written to logs."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("nom"), max_length=120)
    # Empty when the family registered by phone (where the activity allows it).
    email = models.EmailField(_("courriel"), blank=True)
    # In E.164 (« +32470123456 ») when typed on the public form (core.phones).
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    # The family chose text messages, to `phone` (activities.texts).
    texts = models.BooleanField(_("SMS"), default=False)
    children_count = models.PositiveSmallIntegerField(
        _("nombre d'enfants"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    # As the family typed them; `children_months` as read (activities.child_ages), one a child.
    children_ages = models.CharField(_("âges des enfants"), max_length=120)
    children_months = models.JSONField(_("âges des enfants (mois)"), default=list, blank=True)
    adults_count = models.PositiveSmallIntegerField(
        _("nombre d'adultes"), default=1, validators=[MaxValueValidator(12)]
    )
    consent_at = models.DateTimeField(_("consentement donné le"))
    status = models.CharField(
        _("statut"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("inscrite le"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("passée de l'attente le"), null=True, blank=True)
    # The language the family used when registering: every e-mail to them is written in it.
    language = models.CharField(_("langue"), max_length=10, blank=True)
    # Set when the day-before reminder was queued: a family is reminded once.
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    # Added by an organiser (a family who phoned), not through the public form.
    added_by_organiser = models.BooleanField(_("ajoutée par l'organisateur"), default=False)
    # A freed seat offered to this waiting family (activities.offers): until when, and its answer.
    offered_at = models.DateTimeField(_("place proposée le"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("place proposée jusqu'au"), null=True, blank=True)
    offer_answer = models.CharField(
        _("réponse"), max_length=10, choices=OfferAnswer.choices, blank=True
    )
    offer_answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        indexes = [models.Index(fields=["occurrence", "status", "created_at"])]

    def __str__(self) -> str:
        # No personal data: this string can reach logs and the admin's history.
        return f"{_('Inscription')} #{self.pk}"

    def waiting_rank(self) -> int | None:
        """1 for the first on the waiting list; None when not waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        ahead = Registration.objects.filter(
            occurrence_id=self.occurrence_id, status=RegistrationStatus.WAITING
        ).filter(
            models.Q(created_at__lt=self.created_at)
            | models.Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1

    def seats(self, unit: str) -> int:
        """The seats the family takes, in the activity's unit."""
        return seats_of(unit, self.children_count, self.adults_count)
