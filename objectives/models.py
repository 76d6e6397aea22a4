"""Programmes (public frameworks places belong to), their objective taxonomies, and the
santé-parentalité projects that link ONE consultations to meeting places."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from core.countries import Country
from core.translated import in_language


class TranslatedNameMixin(models.Model):
    """One row per term, its names and its explanation for families in each of the site's
    languages (docs/languages-content.md: why not one row per language)."""

    name_fr = models.CharField(_("nom (français)"), max_length=150)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=150, blank=True)
    name_en = models.CharField(_("nom (anglais)"), max_length=150)
    explanation_fr = models.TextField(
        _("explication pour les familles (français)"),
        blank=True,
        help_text=_("Deux ou trois phrases simples, pour un parent qui découvre le lieu."),
    )
    explanation_nl = models.TextField(_("explication pour les familles (néerlandais)"), blank=True)
    explanation_en = models.TextField(_("explication pour les familles (anglais)"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name_fr

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def explanation(self) -> str:
        return in_language(self, "explanation")


NAME_FIELDS = ("name_fr", "name_nl", "name_en")
DESCRIPTION_FIELDS = ("description_fr", "description_nl", "description_en")
EXPLANATION_FIELDS = ("explanation_fr", "explanation_nl", "explanation_en")

# A term's names, as the pages tagged with it are searched by.
TERM_NAMES = [index.SearchField(name) for name in NAME_FIELDS]


class TaxonomyTerm(RevisionMixin, TranslatedNameMixin, index.Indexed):
    """A term of the closed taxonomy: a programme, or one of a programme's objectives."""

    slug = models.SlugField(unique=True, max_length=80)
    description_fr = models.TextField(_("description (français)"))
    description_nl = models.TextField(_("description (néerlandais)"), blank=True)
    description_en = models.TextField(_("description (anglais)"), blank=True)
    colour = models.CharField(_("couleur"), max_length=7, default="#1d4e89")
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("name_fr", boost=2),
        index.SearchField("name_nl"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_fr"),
        *(index.SearchField(name) for name in DESCRIPTION_FIELDS),
        index.FilterField("slug"),
    ]

    class Meta:
        abstract = True

    @property
    def description(self) -> str:
        return in_language(self, "description")


class Programme(TaxonomyTerm):
    # A choice among the countries the gazetteer knows (core.countries): a place's commune, time
    # zone and far-search territory come from there, so a country without communes could hold
    # no place. A new programme in a covered country needs no code.
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    # Text messages cost per part: each programme pays its own (core.texting).
    sms_monthly_cap = models.PositiveIntegerField(
        _("SMS par mois"),
        default=2000,
        help_text=_(
            "Parties de SMS que les lieux du programme peuvent envoyer aux familles en un mois "
            "civil ; au-delà, les SMS ne partent plus."
        ),
    )

    panels = [
        FieldPanel(name)
        for name in (
            *NAME_FIELDS,
            "slug",
            "country",
            *DESCRIPTION_FIELDS,
            *EXPLANATION_FIELDS,
        )
    ] + [FieldPanel("colour"), FieldPanel("sort_order"), FieldPanel("sms_monthly_cap")]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("country")]

    class Meta:
        ordering = ["sort_order", "name_fr"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_absolute_url(self) -> str:
        return reverse("objectives:programme", kwargs={"slug": self.slug})


class Objective(TaxonomyTerm):
    """One entry of a programme's closed taxonomy; slugs are unique across programmes."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="objectives", verbose_name=_("programme")
    )
    icon = models.CharField(_("icône"), max_length=40, blank=True)

    panels = [
        FieldPanel(name)
        for name in (
            "programme",
            *NAME_FIELDS,
            "slug",
            *DESCRIPTION_FIELDS,
            *EXPLANATION_FIELDS,
            "icon",
        )
    ] + [FieldPanel("colour"), FieldPanel("sort_order")]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("programme")]

    class Meta:
        ordering = ["programme__sort_order", "sort_order", "name_fr"]
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")

    def get_absolute_url(self) -> str:
        return reverse("objectives:objective", kwargs={"slug": self.slug})


class ReachedBy(models.TextChoices):
    """Who takes the first step under an access mode, in the open-data formats' terms
    (data·inclusion's `modes_mobilisation` and `mobilisable_par`): not a mode, the same three
    for every programme."""

    WALK_IN = "walk_in", _("La famille vient sans prévenir")
    FAMILY_ASKS = "family_asks", _("La famille prend contact avec le lieu")
    PROFESSIONAL = "professional", _("Un juge ou un professionnel adresse la famille")


class AccessMode(RevisionMixin, TranslatedNameMixin, index.Indexed):
    """One way a family reaches the places of a programme ("Sur décision du juge", "Accueil libre
    et anonyme"): a programme's own vocabulary, which its places choose from, and which a card
    says in one sentence (objectives.getting_in)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="access_modes",
        verbose_name=_("programme"),
    )
    slug = models.SlugField(unique=True, max_length=80)
    says_free = models.BooleanField(
        _("la phrase peut dire « gratuit »"),
        default=False,
        help_text=_(
            "Cochez si, pour un lieu gratuit, la carte peut ajouter « gratuit » après ce mode "
            "d'accès (« Sur rendez-vous, gratuit »)."
        ),
    )
    reached_by = models.CharField(
        _("qui fait le premier pas"),
        max_length=20,
        choices=ReachedBy.choices,
        default=ReachedBy.FAMILY_ASKS,
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel(name)
        for name in (
            "programme",
            *NAME_FIELDS,
            "slug",
            *EXPLANATION_FIELDS,
            "says_free",
            "reached_by",
        )
    ] + [FieldPanel("sort_order")]
    search_fields = [
        *TERM_NAMES,
        index.AutocompleteField("name_fr"),
        index.FilterField("slug"),
        index.FilterField("programme"),
    ]

    class Meta:
        ordering = ["programme__sort_order", "sort_order", "name_fr"]
        verbose_name = _("mode d'accès")
        verbose_name_plural = _("modes d'accès")
