from django import forms
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin import register_restricted_menu_item
from directory.extensions import PLACE_EDITOR_PANELS, PLACE_PAGE_SECTIONS
from projects import (
    admin_views,
    quality_views,
    staff_panels,  # noqa: F401 (registers ONE staff's home panel)
)
from projects.access import can_view_coverage
from projects.choosers import consultation_chooser_viewset, meeting_place_chooser_viewset
from projects.forms import ProjectForm
from projects.models import HealthParentingProject, ProgrammeTerritory, public_projects_of
from projects.panels import PlaceProjectsPanel


def place_links_panel(relation: str, chooser: FieldPanel, *beside: FieldPanel, **kwargs):
    """A project's links to places, chosen several at a time through `chooser`."""
    panel = FieldRowPanel([chooser, *beside]) if beside else chooser
    return MultipleChooserPanel(
        relation, chooser_field_name=chooser.field_name, panels=[panel], **kwargs
    )


class HealthParentingProjectViewSet(SnippetViewSet):
    """Only ONE staff hold permissions on projects: the menu item, the listing, the editor, the
    history and the revisions are theirs alone."""

    model = HealthParentingProject
    icon = "group"
    menu_label = _("Projets santé-parentalité")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "status", "start_date", "end_date"]
    list_filter = ["status", "objectives"]
    search_fields = ["name"]

    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("objectives", widget=forms.CheckboxSelectMultiple),
            FieldPanel("public_summary"),
            place_links_panel(
                "consultation_links",
                FieldPanel("consultation", widget=consultation_chooser_viewset.widget_class),
                heading=_("Consultations ONE qui portent le projet"),
                label=_("consultation"),
            ),
            place_links_panel(
                "place_links",
                FieldPanel("place", widget=meeting_place_chooser_viewset.widget_class),
                FieldPanel("relation"),
                heading=_("Lieux de rencontre développés ou partenaires"),
                label=_("lieu"),
            ),
            MultiFieldPanel(
                [FieldPanel("activity_year"), FieldPanel("activity_programme")],
                heading=_("Programme d'activités"),
            ),
            InlinePanel(
                "tms_referents",
                heading=_("Référent·es TMS (réservé au personnel ONE)"),
                label=_("référent·e TMS"),
                panels=[
                    FieldRowPanel([FieldPanel("name"), FieldPanel("phone"), FieldPanel("email")]),
                ],
            ),
            FieldPanel("notes"),
        ],
        base_form_class=ProjectForm,
    )


register_snippet(HealthParentingProjectViewSet)


class ProgrammeTerritoryViewSet(SnippetViewSet):
    """Where each programme works, for the coverage dashboard: ONE staff edit it."""

    model = ProgrammeTerritory
    icon = "site"
    menu_label = _("Territoires des programmes")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["programme", "regions"]


register_snippet(ProgrammeTerritoryViewSet)


@hooks.register("register_admin_viewset")
def register_place_choosers():
    return [consultation_chooser_viewset, meeting_place_chooser_viewset]


@hooks.register("register_admin_urls")
def register_projects_admin_urls():
    return [
        path("couverture/", admin_views.CoverageView.as_view(), name="projects_coverage"),
        path(
            "couverture/export/<slug:table>.<slug:fmt>",
            admin_views.coverage_export,
            name="projects_coverage_export",
        ),
        path("qualite-des-fiches/", quality_views.quality_view, name="projects_quality"),
        path(
            "projets-sante-parentalite/<int:pk>/",
            admin_views.ProjectDetailView.as_view(),
            name="projects_project_detail",
        ),
    ]


register_restricted_menu_item(
    _("Couverture des objectifs"), "projects_coverage", can_view_coverage, "table", order=220
)
register_restricted_menu_item(
    _("Qualité des fiches"), "projects_quality", can_view_coverage, "tasks", order=221
)


@hooks.register(PLACE_PAGE_SECTIONS, order=20)
def place_projects(place, request) -> str:
    projects = public_projects_of(place)
    if not projects:
        return ""
    context = {"page": place, "projects": projects}
    return render_to_string("projects/place_projects.html", context, request)


@hooks.register(PLACE_EDITOR_PANELS)
def place_projects_panel():
    return [PlaceProjectsPanel()]
