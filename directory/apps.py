from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des lieux")

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from core.kept import shown_publicly
        from core.models import Tombstone
        from core.pages import keep_in_step, present
        from core.search.index import register
        from core.tombstones import follow
        from directory import signals  # noqa: F401
        from directory.changes import place_published, place_removed
        from directory.map_page import PlaceIndexPage
        from directory.models.closures import ClosurePeriod
        from directory.models.meetings import Accompaniment, RequiredDocument
        from directory.models.notices import PlaceNotice
        from directory.models.places import OpeningHours, PlacePage, PlacePhoto
        from directory.models.vocabularies import AccessibilityFeature, Language
        from directory.place_page import place_page_context
        from directory.search.index import PLACES

        register(PLACES)
        follow(PlacePage, "place")
        page_published.connect(place_published, sender=PlacePage, dispatch_uid="place-published")
        page_unpublished.connect(place_removed, sender=PlacePage, dispatch_uid="place-unpublished")
        post_delete.connect(place_removed, sender=PlacePage, dispatch_uid="place-deleted")
        present(PlacePage, place_page_context)
        # A confirmation writes the row without a signal: it announces itself (freshness.py).
        shown_publicly(
            PlacePage,
            PlaceIndexPage,
            ClosurePeriod,
            PlaceNotice,
            OpeningHours,
            PlacePhoto,
            Language,
            AccessibilityFeature,
            Accompaniment,
            RequiredDocument,
            # A merge's tombstone may come after the place's unpublication: the lists' feeds.
            Tombstone,
        )
        keep_in_step(PlacePage, {"slug", "street_address", "postcode", "phone"})
