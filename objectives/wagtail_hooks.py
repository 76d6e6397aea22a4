from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from objectives import admin_views
from objectives.access import can_view_coverage
from objectives.api import router as taxonomy_router
from objectives.choosers import consultation_chooser_viewset, meeting_place_chooser_viewset
from objectives.forms import ProjectForm
from objectives.models import HealthParentingProject, Objective, Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "folder-open-inverse"
    list_display = ["name_fr", "country", "access_mode"]
    list_filter = ["country", "access_mode"]


class ObjectiveViewSet(SnippetViewSet):
    model = Objective
    icon = "tag"
    list_display = ["name_fr", "programme", "slug"]
    list_filter = ["programme"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Programmes et objectifs")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ProgrammeViewSet, ObjectiveViewSet)


register_snippet(TaxonomyGroup)


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
            MultipleChooserPanel(
                "consultation_links",
                chooser_field_name="consultation",
                heading=_("Consultations ONE qui portent le projet"),
                label=_("consultation"),
                panels=[
                    FieldPanel("consultation", widget=consultation_chooser_viewset.widget_class),
                ],
            ),
            MultipleChooserPanel(
                "place_links",
                chooser_field_name="place",
                heading=_("Lieux de rencontre développés ou partenaires"),
                label=_("lieu"),
                panels=[
                    FieldRowPanel(
                        [
                            FieldPanel("place", widget=meeting_place_chooser_viewset.widget_class),
                            FieldPanel("relation"),
                        ]
                    )
                ],
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


@hooks.register("register_admin_viewset")
def register_place_choosers():
    return [consultation_chooser_viewset, meeting_place_chooser_viewset]


@hooks.register("register_admin_urls")
def register_objectives_admin_urls():
    return [
        path("couverture/", admin_views.CoverageView.as_view(), name="objectives_coverage"),
        path(
            "couverture/export/<slug:table>.<slug:fmt>",
            admin_views.coverage_export,
            name="objectives_coverage_export",
        ),
        path(
            "projets-sante-parentalite/<int:pk>/",
            admin_views.ProjectDetailView.as_view(),
            name="objectives_project_detail",
        ),
    ]


class StaffOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_coverage(request.user)


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return StaffOnlyMenuItem(
        _("Couverture des objectifs"),
        reverse("objectives_coverage"),
        name="coverage",
        icon_name="table",
        order=220,
    )


@hooks.register("register_api_router")
def taxonomy_api():
    return "", taxonomy_router
