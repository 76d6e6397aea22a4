from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from gazetteer.choosers import commune_chooser_viewset
from gazetteer.models import Court


# Registering it also makes it the widget of every admin form field that points at a commune.
@hooks.register("register_admin_viewset")
def register_commune_chooser():
    return commune_chooser_viewset


class CourtViewSet(SnippetViewSet):
    """Staff keep the courts (the real ones ship in data/courts.csv)."""

    model = Court
    icon = "site"
    list_display = ["name_fr", "slug", "commune"]
    search_fields = ["name_fr", "name_nl", "slug"]


register_snippet(CourtViewSet)
