from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des lieux")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from directory import signals
        from directory.search import signals as search_signals  # noqa: F401

        post_migrate.connect(signals.ensure_roles_after_migrate)
