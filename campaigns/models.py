"""Update campaigns: ONE staff ask every place of a territory (and of some programmes) to check
a few sections of its listing between two dates (holiday hours and closures before summer).
Each place in scope gets one `CampaignRequest` when the campaign starts; its organisers answer
it through a signed link (campaigns/links.py), or staff mark it done after a phone call."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from directory.models import PlacePage
from gazetteer.models import Commune
from objectives.models import Programme


class Section(models.TextChoices):
    """The fixed list of what a campaign asks to check; each has its small form (forms.py)."""

    HOURS = "hours", _("Heures d'ouverture")
    CLOSURES = "closures", _("Fermetures (congés)")
    CONTACTS = "contacts", _("Téléphone et courriel")
    DESCRIPTION = "description", _("Description")
    ACCESS = "access", _("Précisions sur l'accès")


class CampaignQuerySet(models.QuerySet):
    def open_on(self, day: date):
        """Started, not ended, and `day` inside its dates: its links work."""
        return self.filter(
            started_at__isnull=False, ended_at__isnull=True, starts_on__lte=day, ends_on__gte=day
        )


class Campaign(ClusterableModel):
    name = models.CharField(_("nom"), max_length=200)
    programmes = models.ManyToManyField(
        Programme,
        blank=True,
        related_name="+",
        verbose_name=_("programmes"),
        help_text=_("Aucun : les lieux de tous les programmes."),
    )
    # Codes of the gazetteer's provinces or départements (`Commune.province_code`); communes
    # beside them are `CampaignCommune` rows. Neither: everywhere.
    provinces = models.JSONField(_("provinces ou départements"), default=list, blank=True)
    sections = models.JSONField(_("à vérifier"), default=list)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    started_at = models.DateTimeField(_("lancée le"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("terminée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("créée par"),
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("campagne de mise à jour")
        verbose_name_plural = _("campagnes de mise à jour")
        default_permissions = ()
        permissions = [("manage_campaigns", _("Gérer les campagnes de mise à jour"))]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La fin doit suivre le début.")})
        if not self.sections:
            raise ValidationError({"sections": _("Choisissez au moins une rubrique à vérifier.")})

    @property
    def section_labels(self) -> list[str]:
        return [str(Section(value).label) for value in self.sections if value in Section.values]

    def is_open(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.started_at is not None
            and self.ended_at is None
            and self.starts_on <= day <= self.ends_on
        )


class CampaignCommune(Orderable):
    """A commune a campaign asks, beside its provinces (a city, not its whole province)."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="communes")
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")


class Answer(models.TextChoices):
    ORGANISER = "organiser", _("Répondu par l'organisateur")
    STAFF = "staff", _("Fait par le personnel")


class CampaignRequest(models.Model):
    """One place asked by one campaign: answered by an organiser (confirmed or edited through
    the link), done by staff (after a phone call), or not answered yet (`answer` empty)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="requests", verbose_name=_("campagne")
    )
    place = models.ForeignKey(
        PlacePage,
        on_delete=models.CASCADE,
        related_name="campaign_requests",
        verbose_name=_("lieu"),
    )
    answer = models.CharField(_("réponse"), max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    # What the organiser changed through the link (section values), for staff reading the table.
    edited = models.JSONField(_("rubriques modifiées"), default=list, blank=True)
    reminded_at = models.DateTimeField(_("relancé le"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "place__title", "pk"]
        verbose_name = _("demande de mise à jour")
        verbose_name_plural = _("demandes de mise à jour")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["campaign", "place"], name="one_request_per_place")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.place}"
