from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import AccessibilityFeature, Language


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["name_fr", "code"]
    search_fields = ["name_fr", "code"]


class AccessibilityFeatureViewSet(SnippetViewSet):
    model = AccessibilityFeature
    icon = "user"
    list_display = ["name_fr", "slug", "step_free"]


class PlaceVocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabulaire des lieux")
    menu_icon = "list-ul"
    items = (LanguageViewSet, AccessibilityFeatureViewSet)


register_snippet(PlaceVocabularyGroup)
