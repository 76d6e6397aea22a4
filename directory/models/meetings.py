"""How meetings go at a place where a child meets a parent (an FFER espace de rencontre, but any
place may say it): the kinds of accompaniment, the documents to bring, the prior interview, the
waiting time as declared on a date, and the courts that refer families to it. Read by the public
through the record (directory.meeting_terms)."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.translated import in_language
from directory.models.vocabularies import Vocabulary
from gazetteer.models import Court


class TranslatedTerm(Vocabulary):
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=120, blank=True)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    slug = models.SlugField(unique=True, max_length=60)

    class Meta(Vocabulary.Meta):
        abstract = True

    @property
    def name(self) -> str:
        return in_language(self, "name")


class Accompaniment(TranslatedTerm):
    """A kind of accompaniment: meetings accompanied on site, handing the child over from one
    parent to the other, accompanied outings…"""

    class Meta(TranslatedTerm.Meta):
        verbose_name = _("type d'accompagnement")
        verbose_name_plural = _("types d'accompagnement")


class RequiredDocument(TranslatedTerm):
    """A document a family brings: the judge's decision, an orientation letter…"""

    class Meta(TranslatedTerm.Meta):
        verbose_name = _("document à apporter")
        verbose_name_plural = _("documents à apporter")


class MeetingFacts(models.Model):
    """The fields a place page gets (`PlacePage`), with their panel."""

    accompaniments = ParentalManyToManyField(
        Accompaniment, related_name="places", blank=True, verbose_name=_("accompagnement")
    )
    required_documents = ParentalManyToManyField(
        RequiredDocument, related_name="places", blank=True, verbose_name=_("documents à apporter")
    )
    prior_interview = models.BooleanField(
        _("entretien préalable avec chaque parent"), default=False
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("attente (en semaines)"),
        null=True,
        blank=True,
        help_text=_("Avant la première rencontre ; 3 mois font environ 13 semaines."),
    )
    waiting_declared_on = models.DateField(
        _("attente déclarée le"),
        null=True,
        blank=True,
        help_text=_("Après trois mois, l'attente est montrée « à confirmer »."),
    )
    courts = ParentalManyToManyField(
        Court,
        related_name="places",
        blank=True,
        verbose_name=_("tribunaux qui orientent vers le lieu"),
    )

    class Meta:
        abstract = True

    def meeting_errors(self) -> dict:
        if (self.waiting_weeks is None) != (self.waiting_declared_on is None):
            return {
                "waiting_declared_on": [
                    _("Donnez l'attente et la date où elle a été déclarée, ou aucune des deux.")
                ]
            }
        return {}


MEETINGS_PANEL = MultiFieldPanel(
    [
        FieldPanel("accompaniments", widget=forms.CheckboxSelectMultiple),
        FieldPanel("required_documents", widget=forms.CheckboxSelectMultiple),
        FieldPanel("prior_interview"),
        FieldRowPanel([FieldPanel("waiting_weeks"), FieldPanel("waiting_declared_on")]),
        FieldPanel("courts"),
    ],
    heading=_("Espace de rencontre"),
)
