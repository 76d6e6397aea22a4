from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des lieux")

    def ready(self) -> None:
        from core.search.index import register
        from directory import signals  # noqa: F401
        from directory.search.index import PLACES

        register(PLACES)
