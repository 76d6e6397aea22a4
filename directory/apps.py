from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des lieux")

    def ready(self) -> None:
        from core.kept import shown_publicly
        from core.pages import keep_in_step
        from core.search.index import register
        from directory import signals  # noqa: F401
        from directory.models import (
            AccessibilityFeature,
            ClosurePeriod,
            Language,
            OpeningHours,
            PlaceIndexPage,
            PlacePage,
            PlacePhoto,
        )
        from directory.search.index import PLACES

        register(PLACES)
        # A confirmation writes the row without a signal: it announces itself (freshness.py).
        shown_publicly(
            PlacePage,
            PlaceIndexPage,
            ClosurePeriod,
            OpeningHours,
            PlacePhoto,
            Language,
            AccessibilityFeature,
        )
        keep_in_step(PlacePage, {"slug", "street_address", "postcode", "phone"})
