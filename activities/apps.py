from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activités")

    def ready(self) -> None:
        from activities import signals  # noqa: F401
        from activities.models import ActivityPage
        from activities.search.index import SESSIONS
        from activities.views import activity_page_context
        from core.pages import keep_in_step, present
        from core.search.index import register

        register(SESSIONS)
        present(ActivityPage, activity_page_context)
        keep_in_step(ActivityPage, {"slug", "weekdays"})
