from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin import register_restricted_menu_item
from directory import staff_panels  # noqa: F401 (registers ONE staff's home panel)
from directory.admin_views import ImportPlacesView, can_import_places
from directory.api import router as places_router
from directory.duplicate_views import DuplicateQueueView, can_merge_places
from directory.extensions import PLACE_EDITOR_PANELS
from directory.models.meetings import Accompaniment, RequiredDocument
from directory.models.places import PlacePage
from directory.models.vocabularies import AccessibilityFeature, Language
from directory.quality_panel import PlaceQualityPanel


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["name_fr", "code"]
    search_fields = ["name_fr", "code"]


class AccessibilityFeatureViewSet(SnippetViewSet):
    model = AccessibilityFeature
    icon = "user"
    list_display = ["name_fr", "slug", "step_free"]


class AccompanimentViewSet(SnippetViewSet):
    model = Accompaniment
    icon = "group"
    list_display = ["name_fr", "slug"]


class RequiredDocumentViewSet(SnippetViewSet):
    model = RequiredDocument
    icon = "doc-full"
    list_display = ["name_fr", "slug"]


class PlaceVocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabulaire des lieux")
    menu_icon = "list-ul"
    items = (
        LanguageViewSet,
        AccessibilityFeatureViewSet,
        AccompanimentViewSet,
        RequiredDocumentViewSet,
    )


register_snippet(PlaceVocabularyGroup)


# A place saved with a street address and no point: the geocoder could not place it (down, or
# the address unknown). Saving went through; the editor is asked to set the point on the map.
def _warn_if_place_has_no_point(request, page):
    place = page.specific if hasattr(page, "specific") else page
    if not isinstance(place, PlacePage):
        return
    if place.street_address.strip() and (place.latitude is None or place.longitude is None):
        messages.warning(request, gettext("Adresse non localisée : placez le point sur la carte."))


hooks.register("after_create_page", _warn_if_place_has_no_point)
hooks.register("after_edit_page", _warn_if_place_has_no_point)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("lieux/import/", ImportPlacesView.as_view(), name="directory_import_places"),
        path("lieux/doublons/", DuplicateQueueView.as_view(), name="directory_duplicates"),
    ]


register_restricted_menu_item(
    _("Importer des lieux"), "directory_import_places", can_import_places, "upload", order=230
)
register_restricted_menu_item(
    _("Doublons possibles"), "directory_duplicates", can_merge_places, "duplicate", order=231
)


@hooks.register("register_api_router")
def places_api():
    return "", places_router


@hooks.register(PLACE_EDITOR_PANELS, order=-10)
def place_quality_panel():
    return [PlaceQualityPanel()]
