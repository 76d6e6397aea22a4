from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des lieux")

    def ready(self) -> None:
        from core.pages import keep_in_step, present
        from core.search.index import register
        from directory import signals  # noqa: F401
        from directory.models.places import PlacePage
        from directory.place_page import place_page_context
        from directory.search.index import PLACES

        register(PLACES)
        present(PlacePage, place_page_context)
        keep_in_step(PlacePage, {"slug", "street_address", "postcode", "phone"})
