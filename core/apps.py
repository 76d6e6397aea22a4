from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self) -> None:
        from core.kept import shown_publicly
        from core.models import TranslationMark
        from core.search.signals import follow_registered

        # Who translated a page's text is said beside it.
        shown_publicly(TranslationMark)

        # Listed after the apps (settings.INSTALLED_APPS): their `ready()` has registered their
        # indexes.
        follow_registered()
