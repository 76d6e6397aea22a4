"""Activity pages: a workshop or a recurring group session under its place, and the dates
added to or removed from its schedule."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from activities.choices import CapacityUnit, Ends, MonthWeek, Repeat
from activities.forms import ActivityPageForm
from activities.panels import SchedulePreviewPanel
from activities.recurrence import Schedule
from core.ages import AgeRange
from core.fees import Fee
from core.pages import TranslatedTreeMixin, presented
from core.text import single_line_errors
from core.weekdays import Weekday, parse_weekdays
from directory.models import Language, PlacePage
from directory.models.permissions import PlacePermissionTester
from objectives.models import TERM_NAMES, Objective

MAX_DURATION_MINUTES = 24 * 60


class ActivityPage(TranslatedTreeMixin, AgeRange, Fee, Page):
    """A workshop or a recurring group session, under its place."""

    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )
    objectives = ParentalManyToManyField(
        Objective,
        related_name="activities",
        blank=True,
        verbose_name=_("objectifs"),
        help_text=_("Parmi les objectifs du lieu."),
    )
    languages = ParentalManyToManyField(
        Language, related_name="activities", blank=True, verbose_name=_("langues")
    )
    capacity = models.PositiveSmallIntegerField(
        _("places par séance"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Nombre d'enfants ou de personnes accueillis à chaque séance. Vide : sans limite."
        ),
    )
    capacity_unit = models.CharField(
        _("les places comptent"),
        max_length=10,
        choices=CapacityUnit.choices,
        default=CapacityUnit.CHILDREN,
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("délai pour répondre à une place libérée (heures)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_(
            "Une place libérée est proposée à la famille suivante sur la liste d'attente pendant "
            "ce temps, moins quand la séance est proche."
        ),
    )
    # A note beside the fee (`core.fees.Fee`): "par visite", "goûter compris"…
    price = models.CharField(_("prix"), max_length=120, default=_("Gratuit"))
    registration_required = models.BooleanField(
        _("inscription demandée"),
        default=False,
        help_text=_("Les familles s'inscrivent à une séance sur le site."),
    )
    phone_registration = models.BooleanField(
        _("inscription par téléphone seul"),
        default=False,
        help_text=_(
            "Les familles peuvent s'inscrire avec un numéro de téléphone, sans courriel : "
            "vous les prévenez vous-même des changements."
        ),
    )
    # One registration for every session (six « massage bébé » sessions): the family comes to
    # the whole series, so a seat is taken once, on its first session (activities.cycles).
    is_cycle = models.BooleanField(
        _("cycle de séances"),
        default=False,
        help_text=_(
            "Une seule inscription pour toutes les séances (par exemple six séances de massage "
            "bébé). La répétition doit avoir une fin."
        ),
    )
    what_to_bring = models.CharField(
        _("à apporter"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple : des chaussettes antidérapantes, un lange, une gourde."),
    )

    start_date = models.DateField(_("première date"), help_text=_("Le jour de la première séance."))
    start_time = models.TimeField(
        _("heure de début"), help_text=_("Heure locale du lieu, toute l'année.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"),
        default=120,
        validators=[MinValueValidator(5), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    repeat = models.CharField(
        _("répétition"), max_length=10, choices=Repeat.choices, default=Repeat.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(
        _("toutes les … semaines ou mois"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("1 : chaque semaine (ou chaque mois) ; 2 : une sur deux ; etc."),
    )
    # Weekdays (0 = Monday) as "0,2"; the form shows them as checkboxes.
    weekdays = models.CharField(
        _("jours de la semaine"),
        max_length=20,
        blank=True,
        help_text=_("Pour une répétition chaque semaine."),
    )
    month_week = models.SmallIntegerField(
        _("quel jour du mois"),
        choices=MonthWeek.choices,
        null=True,
        blank=True,
        help_text=_("Pour une répétition chaque mois."),
    )
    month_weekday = models.PositiveSmallIntegerField(
        _("jour de la semaine (chaque mois)"), choices=Weekday.choices, null=True, blank=True
    )
    ends = models.CharField(
        _("fin de la répétition"), max_length=10, choices=Ends.choices, default=Ends.NEVER
    )
    until = models.DateField(_("jusqu'au (inclus)"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(
        _("nombre de séances"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("objectives", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("age_min_months"), FieldPanel("age_max_months")]),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("fee_kind"), FieldPanel("fee_amount")]),
                FieldPanel("price"),
                FieldRowPanel(
                    [
                        FieldPanel("capacity"),
                        FieldPanel("capacity_unit"),
                        FieldPanel("registration_required"),
                    ]
                ),
                FieldPanel("offer_hours"),
                FieldPanel("phone_registration"),
                FieldPanel("is_cycle"),
                FieldPanel("what_to_bring"),
            ],
            heading=_("Pour qui"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("start_date"),
                        FieldPanel("start_time"),
                        FieldPanel("duration_minutes"),
                    ]
                ),
                FieldPanel("repeat"),
                FieldPanel("interval"),
                FieldPanel("weekdays"),
                FieldRowPanel([FieldPanel("month_week"), FieldPanel("month_weekday")]),
                FieldPanel("ends"),
                FieldRowPanel([FieldPanel("until"), FieldPanel("count")]),
            ],
            heading=_("Quand"),
        ),
        InlinePanel("excluded_dates", heading=_("Dates sans séance"), label=_("date")),
        InlinePanel("added_dates", heading=_("Séances supplémentaires"), label=_("date")),
        SchedulePreviewPanel(),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.RelatedFields("objectives", TERM_NAMES),
        # The place's name and commune, so that "passerelle liège" finds a session of a
        # "Matinée passerelle" in Liège, as the cluster's cross-field search does.
        index.SearchField("place_text"),
        index.FilterField("registration_required"),
    ]

    base_form_class = ActivityPageForm
    parent_page_types = ["directory.PlacePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")

    # -- the place and the schedule --------------------------------------------------------

    @cached_property
    def place(self) -> PlacePage:
        return self.get_parent().specific

    @property
    def time_zone(self) -> ZoneInfo:
        return self.place.time_zone

    def place_text(self) -> str:
        place = self.place
        return " ".join(
            part for part in (place.title, place.commune.name_fr, place.commune.name_nl) if part
        )

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    def schedule(self, tz: ZoneInfo | None = None) -> Schedule:
        return Schedule(
            start_date=self.start_date,
            start_time=self.start_time,
            duration=self.duration,
            tz=tz or self.time_zone,
            repeat=self.repeat,
            interval=self.interval or 1,
            weekdays=parse_weekdays(self.weekdays),
            month_week=self.month_week,
            month_weekday=self.month_weekday,
            ends=self.ends,
            until=self.until,
            count=self.count,
            excluded=frozenset(d.date for d in self.excluded_dates.all()),
            added=frozenset(d.date for d in self.added_dates.all()),
        )

    def clean(self) -> None:
        super().clean()
        errors = {
            **self.age_range_errors(),
            **self.fee_errors(),
            **single_line_errors(title=self.title),
        }
        if self.repeat == Repeat.WEEKLY and not parse_weekdays(self.weekdays):
            errors["weekdays"] = [_("Cochez au moins un jour de la semaine.")]
        if self.repeat == Repeat.MONTHLY:
            if self.month_week is None:
                errors["month_week"] = [_("Choisissez quel jour du mois (le premier, …).")]
            if self.month_weekday is None:
                errors["month_weekday"] = [_("Choisissez le jour de la semaine.")]
        if self.repeat != Repeat.NONE:
            if self.ends == Ends.UNTIL:
                if self.until is None:
                    errors["until"] = [_("Donnez la date de fin.")]
                elif self.start_date and self.until < self.start_date:
                    errors["until"] = [_("La date de fin doit suivre la première date.")]
            if self.ends == Ends.COUNT and not self.count:
                errors["count"] = [_("Donnez le nombre de séances.")]
            if self.is_cycle and self.ends == Ends.NEVER:
                errors["ends"] = [_("Un cycle a un nombre de séances ou une date de fin.")]
        if errors:
            raise ValidationError(errors)

    # -- what families see -----------------------------------------------------------------

    def permissions_for_user(self, user):
        # Its place's rules, and on a translation the rights held on the French activity.
        return PlacePermissionTester(user, self)

    def upcoming_occurrences(self):
        return self.source_page.occurrences.filter(end__gte=timezone.now()).order_by("start")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The activity page's presentation (activities.activity_page) reads this model.
        context.update(presented(self, request))
        return context


class ScheduleDate(models.Model):
    """A date the editor adds to or removes from the rule, at the usual time."""

    date = models.DateField(_("date"))

    panels = [FieldPanel("date")]

    class Meta:
        abstract = True
        ordering = ["date"]

    def __str__(self) -> str:
        return self.date.isoformat()


class ActivityExcludedDate(ScheduleDate):
    """A day the rule would give but without a session (a bank holiday, a trip)."""

    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="excluded_dates")

    class Meta(ScheduleDate.Meta):
        verbose_name = _("date sans séance")
        verbose_name_plural = _("dates sans séance")


class ActivityAddedDate(ScheduleDate):
    """A session outside the rule, at the usual time."""

    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="added_dates")

    class Meta(ScheduleDate.Meta):
        verbose_name = _("séance supplémentaire")
        verbose_name_plural = _("séances supplémentaires")
