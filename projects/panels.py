"""The place editor's read-only list of the place's santé-parentalité projects.

From a place, editors see which projects develop it (or which projects it carries, for a
consultation) and follow a link: ONE staff to the project's editor, organisers to the
project's read-only page.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class PlaceProjectsPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Projets santé-parentalité"))
        kwargs.setdefault(
            "help_text",
            _("Les projets sont tenus par le personnel ONE, qui les lie au lieu depuis le projet."),
        )
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "projects/admin/place_projects_panel.html"

        def get_context_data(self, parent_context=None):
            from projects.access import can_edit_projects
            from projects.models import project_links_of

            context = super().get_context_data(parent_context)
            staff = can_edit_projects(self.request.user)
            rows = []
            if self.instance.pk:
                for project, role in project_links_of(self.instance):
                    url = (
                        reverse(
                            "wagtailsnippets_projects_healthparentingproject:edit",
                            args=[project.pk],
                        )
                        if staff
                        else reverse("projects_project_detail", args=[project.pk])
                    )
                    rows.append({"project": project, "role": role, "url": url})
            context["rows"] = rows
            context["staff"] = staff
            return context
