from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activités")

    def ready(self) -> None:
        from activities import signals  # noqa: F401
        from activities.activity_page import activity_page_context
        from activities.merging import declare
        from activities.models import (
            ActivityAddedDate,
            ActivityExcludedDate,
            ActivityNotice,
            ActivityPage,
            Occurrence,
            Registration,
        )
        from activities.search.index import SESSIONS
        from core.kept import shown_publicly
        from core.pages import keep_in_step, present
        from core.search.index import register

        register(SESSIONS)
        declare()
        present(ActivityPage, activity_page_context)
        # Sessions written in bulk (activities.occurrences) announce themselves through the
        # sessions index they update; a registration changes the places a session has left.
        shown_publicly(
            ActivityPage,
            ActivityExcludedDate,
            ActivityAddedDate,
            ActivityNotice,
            Occurrence,
            Registration,
        )
        keep_in_step(ActivityPage, {"slug", "weekdays"})
