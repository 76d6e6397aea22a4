from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self) -> None:
        from core.search.signals import follow_registered

        # Listed after the apps (settings.INSTALLED_APPS): their `ready()` has registered their
        # indexes.
        follow_registered()
