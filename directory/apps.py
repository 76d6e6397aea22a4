from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des lieux")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from core.search.index import register
        from directory import signals
        from directory.search.index import PLACES

        post_migrate.connect(signals.ensure_roles_after_migrate)
        register(PLACES)
