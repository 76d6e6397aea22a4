from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projets santé-parentalité")

    def ready(self) -> None:
        from core.kept import shown_publicly
        from projects.models import HealthParentingProject, ProjectConsultation, ProjectPlace

        # Not the TMS referents nor the territories: staff-only.
        shown_publicly(HealthParentingProject, ProjectConsultation, ProjectPlace)
