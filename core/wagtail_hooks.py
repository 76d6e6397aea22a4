"""Who made each translation of a place's or an activity's page (core.models.TranslationMark):
ONE staff set it in Fragments > Origines des traductions, and families read it beside the text
(templates/includes/text_languages.html)."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import TranslationMark


class TranslationMarkViewSet(SnippetViewSet):
    model = TranslationMark
    icon = "globe"
    list_display = ["page", "origin"]
    list_filter = ["origin"]
    panels = [FieldPanel("page"), FieldPanel("origin")]


register_snippet(TranslationMarkViewSet)
