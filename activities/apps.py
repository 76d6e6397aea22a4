from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activités")

    def ready(self) -> None:
        from activities import signals  # noqa: F401
        from activities.search import signals as search_signals  # noqa: F401
