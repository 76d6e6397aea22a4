"""Place pages: the meeting places families look for."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.ages import AgeRange
from core.countries import TIME_ZONES, Country
from core.fees import Fee
from core.geo import coordinate_field
from core.location import PublicLocation, public_location
from core.pages import TranslatedTreeMixin, presented
from core.text import single_line_errors
from core.weekdays import WEEKDAY_SLUGS, Weekday
from directory.extensions import RegisteredPlacePanels
from directory.forms import PlacePageForm
from directory.models.meetings import MEETINGS_PANEL, MeetingFacts
from directory.models.permissions import PlacePermissionTester
from directory.models.vocabularies import AccessibilityFeature, Language
from directory.panels import PointPickerPanel
from directory.validation import (
    access_modes_outside_programmes_errors,
    objectives_outside_programmes_errors,
)
from gazetteer.models import Commune
from objectives.models import TERM_NAMES, AccessMode, Objective, Programme


class PlacePage(TranslatedTreeMixin, AgeRange, Fee, MeetingFacts, Page):
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul", "ol"])
    street_address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="places",
        verbose_name=_("commune"),
    )
    country = models.CharField(
        _("pays"), max_length=2, choices=Country.choices, default=Country.BELGIUM
    )
    latitude = coordinate_field(_("latitude"), bound=90)
    longitude = coordinate_field(_("longitude"), bound=180)
    is_discreet = models.BooleanField(
        _("lieu discret"),
        default=False,
        help_text=_(
            "Le public ne voit jamais l'adresse ni la position exacte : seulement la commune. "
            "Le contact passe par le téléphone."
        ),
    )
    # How families reach the place by bus, tram or train. Hidden with the address for a
    # discreet place: a nearby stop tells where it is.
    public_transport = models.TextField(
        _("en transports en commun"),
        blank=True,
        help_text=_("Les lignes et l'arrêt le plus proche : « Bus 4, arrêt Place du Marché »."),
    )
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    # A note beside the fee (`core.fees.Fee`): "par visite", "goûter compris"…
    price = models.CharField(_("prix"), max_length=120, default=_("Gratuit"))
    access_details = models.TextField(_("précisions sur l'accès"), blank=True)
    programmes = ParentalManyToManyField(
        Programme, related_name="places", verbose_name=_("programmes")
    )
    objectives = ParentalManyToManyField(
        Objective, related_name="places", blank=True, verbose_name=_("objectifs")
    )
    # How a family reaches the place, among its programmes' modes (objectives.AccessMode).
    access_modes = ParentalManyToManyField(
        AccessMode, related_name="places", blank=True, verbose_name=_("modes d'accès")
    )
    languages = ParentalManyToManyField(
        Language, related_name="places", blank=True, verbose_name=_("langues parlées")
    )
    accessibility = ParentalManyToManyField(
        AccessibilityFeature,
        related_name="places",
        blank=True,
        verbose_name=_("accessibilité"),
    )
    # The id the place has in the list it was imported from (`manage.py import_places`): a
    # second import of the same list updates the place instead of adding a twin. Not editable
    # in the page editor, so an organiser cannot break the link by accident.
    external_id = models.CharField(
        _("identifiant externe"), max_length=100, blank=True, default="", editable=False
    )
    # When someone last said the listing is right: each publication, and an organiser's "still
    # correct" (directory/freshness.py). Shown publicly, and the date modified of the API.
    verified_at = models.DateTimeField(
        _("informations vérifiées le"), null=True, blank=True, editable=False
    )
    # Set when ONE staff merged this place, a duplicate, into another (directory/merging.py):
    # its page is unpublished, its address redirects there, and the APIs name the kept place.
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="replaced_places",
        verbose_name=_("remplacé par"),
    )
    # Out of 100, from the written rules of directory/quality.py (docs/quality.md), read from
    # the place's public record: stored so that both search engines filter on it
    # (`quality_min`), refreshed whenever the record changes and each night (time passes).
    quality_score = models.PositiveSmallIntegerField(
        _("qualité de la fiche"), default=0, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("objectives", widget=forms.CheckboxSelectMultiple),
                FieldPanel("access_modes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("access_details"),
                FieldRowPanel([FieldPanel("fee_kind"), FieldPanel("fee_amount")]),
                FieldPanel("price"),
                FieldRowPanel([FieldPanel("age_min_months"), FieldPanel("age_max_months")]),
            ],
            heading=_("Programmes et accueil"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldPanel("country"),
                FieldPanel("is_discreet"),
                PointPickerPanel(),
                FieldPanel("public_transport"),
            ],
            heading=_("Adresse et position"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        InlinePanel("opening_hours", heading=_("Heures d'ouverture"), label=_("créneau")),
        MultiFieldPanel(
            [
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("accessibility", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Langues et accessibilité"),
        ),
        MEETINGS_PANEL,
        InlinePanel("photos", heading=_("Photos"), label=_("photo")),
        InlinePanel(
            "closures",
            heading=_("Fermetures (congés)"),
            label=_("fermeture"),
            help_text=_("Les séances des activités tombant pendant une fermeture sont annulées."),
        ),
        RegisteredPlacePanels(),
    ]

    # Only what Wagtail's own search needs (the admin's search, the database engine's text
    # search, which filters on the page's own fields alone): the family's criteria live in the
    # family index (directory.search.index). No street address or coordinates: a cluster backend
    # would store them, and a discreet place's position must never reach any index.
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.RelatedFields(
            "commune", [index.SearchField("name_fr"), index.SearchField("name_nl")]
        ),
        index.RelatedFields("objectives", TERM_NAMES),
        index.RelatedFields("programmes", TERM_NAMES),
    ]

    base_form_class = PlacePageForm
    parent_page_types = ["directory.PlaceIndexPage"]
    subpage_types = ["activities.ActivityPage"]
    # A copy is another place: it must not take over the original's line in the import list.
    exclude_fields_in_copy = ["external_id", "replaced_by", "quality_score"]

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_place_external_id",
            )
        ]
        permissions = [("import_places", _("Importer des lieux"))]
        # The family search's box (core.search.near): both coordinates read in the index.
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_point")]

    def clean(self) -> None:
        super().clean()
        errors = {
            **self.age_range_errors(),
            **self.fee_errors(),
            **self.meeting_errors(),
            **single_line_errors(title=self.title, street_address=self.street_address),
        }
        foreign = objectives_outside_programmes_errors(self.programmes.all(), self.objectives.all())
        if foreign:
            errors["objectives"] = foreign
        foreign_modes = access_modes_outside_programmes_errors(
            self.programmes.all(), self.access_modes.all()
        )
        if foreign_modes:
            errors["access_modes"] = foreign_modes
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = [_("Donnez la latitude et la longitude, ou aucune des deux.")]
        if errors:
            raise ValidationError(errors)

    @cached_property
    def public_location(self) -> PublicLocation:
        return public_location(
            discreet=self.is_discreet,
            latitude=self.latitude,
            longitude=self.longitude,
            commune_latitude=self.commune.latitude,
            commune_longitude=self.commune.longitude,
        )

    @property
    def time_zone(self) -> ZoneInfo:
        return ZoneInfo(TIME_ZONES.get(self.country, "Europe/Brussels"))

    def permissions_for_user(self, user):
        return PlacePermissionTester(user, self)

    @property
    def public_street_address(self) -> str:
        return self.street_address if self.public_location.shows_address else ""

    @property
    def public_postcode(self) -> str:
        return self.postcode if self.public_location.shows_address else ""

    @property
    def public_email(self) -> str:
        return self.email if self.public_location.shows_address else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The place page's presentation (directory.place_page) reads this model.
        context.update(presented(self, request))
        return context


class OpeningHours(Orderable):
    """One opening slot; a day may have several (morning and afternoon)."""

    place = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens = models.TimeField(_("ouverture"))
    closes = models.TimeField(_("fermeture"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        ordering = ["weekday", "opens"]
        verbose_name = _("créneau d'ouverture")
        verbose_name_plural = _("heures d'ouverture")

    def clean(self) -> None:
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("La fermeture doit suivre l'ouverture.")})

    @property
    def weekday_slug(self) -> str:
        return WEEKDAY_SLUGS[self.weekday]


class PlacePhoto(Orderable):
    place = ParentalKey(PlacePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(_("texte alternatif"), max_length=200)
    caption = models.CharField(_("légende"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
