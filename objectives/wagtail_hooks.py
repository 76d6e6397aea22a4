from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from objectives.api import router as taxonomy_router
from objectives.models import AccessMode, Objective, Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "folder-open-inverse"
    list_display = ["name_fr", "country", "slug"]
    list_filter = ["country"]


class ObjectiveViewSet(SnippetViewSet):
    model = Objective
    icon = "tag"
    list_display = ["name_fr", "programme", "slug"]
    list_filter = ["programme"]


class AccessModeViewSet(SnippetViewSet):
    """How families reach each programme's places: the modes its places choose from."""

    model = AccessMode
    icon = "key"
    list_display = ["name_fr", "programme", "slug", "says_free"]
    list_filter = ["programme"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Programmes, objectifs et accès")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ProgrammeViewSet, ObjectiveViewSet, AccessModeViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("register_api_router")
def taxonomy_api():
    return "", taxonomy_router
