from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projets santé-parentalité")

    def ready(self) -> None:
        from core.kept import shown_publicly
        from directory.merging import MOVE, declare_place_relations
        from projects.models import HealthParentingProject, ProjectConsultation, ProjectPlace

        # Not the TMS referents nor the territories: staff-only.
        shown_publicly(HealthParentingProject, ProjectConsultation, ProjectPlace)
        # A merged place's project links follow the kept place (directory.merging); a project
        # linked to both keeps its link to the kept place, the other stays on the merged one.
        declare_place_relations(
            {"projects.ProjectPlace.place": MOVE, "projects.ProjectConsultation.consultation": MOVE}
        )
