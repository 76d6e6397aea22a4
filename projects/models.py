"""Santé-parentalité projects (Annexe 1, "promotion de la santé et bientraitance"): a ONE
consultation's project, the meeting places it develops or works with, its TMS referents.

The tables keep the names they had when projects belonged to the objectives app.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from directory.models import PlacePage
from gazetteer.models import Commune
from objectives.models import Objective, Programme

CONSULTATIONS_PROGRAMME = "consultations-enfants"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Prévu")
    ACTIVE = "active", _("En cours")
    ENDED = "ended", _("Terminé")


# The statuses a place page shows: an ended project is history, not something a family can join.
PUBLIC_PROJECT_STATUSES = (ProjectStatus.PLANNED, ProjectStatus.ACTIVE)


def consultation_places():
    """Places that are ONE consultations: the only ones that can carry a project."""
    return PlacePage.objects.filter(programmes__slug=CONSULTATIONS_PROGRAMME)


def meeting_places():
    """Places a project can develop or work with: any place of a programme other than the
    consultations' (a place that is both a consultation and a meeting place qualifies)."""
    # A subquery rather than a join: a place of two such programmes stays one row, without
    # DISTINCT (which the admin's search over the chooser's queryset does not accept).
    memberships = PlacePage.programmes.through.objects.exclude(
        programme__slug=CONSULTATIONS_PROGRAMME
    )
    return PlacePage.objects.filter(pk__in=memberships.values("placepage_id"))


class HealthParentingProject(RevisionMixin, index.Indexed, ClusterableModel):
    """A consultation's santé-parentalité project and the meeting places it develops.

    Staff-only: the TMS referents and `notes`. They never reach a public page, the API, the
    sitemap or a search index; organisers of a linked place see the project without them.
    """

    name = models.CharField(_("nom"), max_length=200)
    status = models.CharField(
        _("statut"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    objectives = ParentalManyToManyField(
        Objective, related_name="projects", blank=True, verbose_name=_("objectifs")
    )
    public_summary = models.TextField(
        _("résumé public"),
        blank=True,
        help_text=_("Affiché sur la page des lieux liés. Sans nom ni contact de personne."),
    )
    activity_year = models.PositiveSmallIntegerField(
        _("année du programme d'activités"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    activity_programme = RichTextField(
        _("programme d'activités de l'année"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
    )
    notes = models.TextField(
        _("notes internes"), blank=True, help_text=_("Réservées au personnel ONE.")
    )

    # The editor's panels live with its viewset (objectives/wagtail_hooks.py): the consultation
    # and place choosers are built there, from the admin's chooser viewsets.

    # The name only: a search backend must hold no contact of a TMS.
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.FilterField("status"),
    ]

    class Meta:
        db_table = "objectives_healthparentingproject"
        ordering = ["name", "pk"]
        verbose_name = _("projet santé-parentalité")
        verbose_name_plural = _("projets santé-parentalité")
        permissions = [("view_coverage", _("Voir les tableaux de couverture"))]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin doit suivre le début.")})


class ProjectConsultation(Orderable):
    project = ParentalKey(
        HealthParentingProject, on_delete=models.CASCADE, related_name="consultation_links"
    )
    consultation = models.ForeignKey(
        "directory.PlacePage",
        on_delete=models.CASCADE,
        related_name="consultation_project_links",
        verbose_name=_("consultation"),
    )

    class Meta(Orderable.Meta):
        db_table = "objectives_projectconsultation"
        verbose_name = _("consultation du projet")
        verbose_name_plural = _("consultations du projet")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "consultation"], name="unique_project_consultation"
            )
        ]

    def clean(self) -> None:
        super().clean()
        if (
            self.consultation_id
            and not consultation_places().filter(pk=self.consultation_id).exists()
        ):
            raise ValidationError(
                {"consultation": _("Ce lieu n'est pas une consultation pour enfants de l'ONE.")}
            )


class PlaceRelation(models.TextChoices):
    DEVELOPS = "develops", _("développé par le projet")
    PARTNER = "partner", _("partenaire")


class ProjectPlace(Orderable):
    project = ParentalKey(
        HealthParentingProject, on_delete=models.CASCADE, related_name="place_links"
    )
    place = models.ForeignKey(
        "directory.PlacePage",
        on_delete=models.CASCADE,
        related_name="project_links",
        verbose_name=_("lieu de rencontre"),
    )
    relation = models.CharField(
        _("lien"), max_length=10, choices=PlaceRelation.choices, default=PlaceRelation.DEVELOPS
    )

    class Meta(Orderable.Meta):
        db_table = "objectives_projectplace"
        verbose_name = _("lieu du projet")
        verbose_name_plural = _("lieux du projet")
        constraints = [
            models.UniqueConstraint(fields=["project", "place"], name="unique_project_place")
        ]

    def clean(self) -> None:
        super().clean()
        if self.place_id and not meeting_places().filter(pk=self.place_id).exists():
            raise ValidationError({"place": _("Ce lieu n'est pas un lieu de rencontre.")})


class TMSReferent(Orderable):
    """A TMS (travailleur·euse médico-social·e) of the project: staff-only contact data."""

    project = ParentalKey(
        HealthParentingProject, on_delete=models.CASCADE, related_name="tms_referents"
    )
    name = models.CharField(_("nom"), max_length=150)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("courriel"), blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("phone"), FieldPanel("email")])]

    class Meta(Orderable.Meta):
        db_table = "objectives_tmsreferent"
        verbose_name = _("référent·e TMS")
        verbose_name_plural = _("référent·es TMS")

    def __str__(self) -> str:
        return self.name


def project_links_of(place) -> list[tuple[HealthParentingProject, str]]:
    """Every project linked to `place`, with how: carried by it, developing it, or partner.
    Two queries whatever the number of projects."""
    links = [
        (link.project, _("porté par ce lieu"))
        for link in ProjectConsultation.objects.filter(consultation=place).select_related("project")
    ]
    links += [
        (link.project, link.get_relation_display())
        for link in ProjectPlace.objects.filter(place=place).select_related("project")
    ]
    return sorted(links, key=lambda item: (item[0].name, item[0].pk))


def public_projects_of(place) -> list[HealthParentingProject]:
    """The planned or running projects a place page names, with their public consultations
    and places: one query for a place without project, five with projects, whatever their
    number. Only public fields are meant to be read from them."""
    projects = list(
        HealthParentingProject.objects.filter(status__in=PUBLIC_PROJECT_STATUSES)
        .filter(
            models.Q(place_links__place=place) | models.Q(consultation_links__consultation=place)
        )
        .distinct()
    )
    if not projects:
        return projects
    public_places = PlacePage.objects.live().public().values("pk")
    models.prefetch_related_objects(
        projects,
        models.Prefetch(
            "consultation_links",
            queryset=ProjectConsultation.objects.filter(consultation__in=public_places)
            .select_related("consultation")
            .order_by("consultation__title", "pk"),
            to_attr="public_consultation_links",
        ),
        models.Prefetch(
            "place_links",
            queryset=ProjectPlace.objects.filter(place__in=public_places)
            .select_related("place")
            .order_by("place__title", "pk"),
            to_attr="public_place_links",
        ),
    )
    return projects


class ProgrammeTerritory(models.Model):
    """Where a programme works, for coverage planning: regions of its country, or all of it. The
    gap list, the coverage map and the area tables stay inside it (ONE: Wallonia and Brussels;
    FFER: France)."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="territory",
        verbose_name=_("programme"),
    )
    regions = models.TextField(
        _("régions"),
        blank=True,
        help_text=_(
            "Une région par ligne, nommée comme dans le gazetier (« Région wallonne », "
            "« Hauts-de-France »…). Vide : tout le pays du programme."
        ),
    )

    panels = [FieldPanel("programme"), FieldPanel("regions")]

    class Meta:
        verbose_name = _("territoire d'un programme")
        verbose_name_plural = _("territoires des programmes")

    def __str__(self) -> str:
        return str(self.programme)

    def region_names(self) -> list[str]:
        return [line.strip() for line in self.regions.splitlines() if line.strip()]

    def clean(self):
        known = set(
            Commune.objects.filter(country=self.programme.country)
            .order_by()
            .values_list("region", flat=True)
            .distinct()
        )
        unknown = [name for name in self.region_names() if name not in known]
        if unknown:
            raise ValidationError(
                {
                    "regions": _("Région inconnue du gazetier pour ce pays : %(names)s.")
                    % {"names": ", ".join(unknown)}
                }
            )
