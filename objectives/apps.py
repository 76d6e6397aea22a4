from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = _("Programmes et objectifs")

    def ready(self) -> None:
        from core.kept import shown_publicly
        from objectives.models import AccessMode, Objective, Programme

        shown_publicly(Programme, Objective, AccessMode)
