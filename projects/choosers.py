"""Choosers for a project's consultations and meeting places.

Wagtail's page chooser offers every page of a type; a project may only be carried by a ONE
consultation and may only develop a meeting place, so each relation gets a chooser of its own
over the right places (the form checks the choice again: a chooser is a convenience, not a
rule).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from projects.models import consultation_places, meeting_places


def place_chooser(name: str, places, icon: str, texts: tuple[str, str, str]) -> ChooserViewSet:
    """A chooser over `places()` only, each title with its commune. `texts`: choose one,
    choose another, edit the chosen one."""

    class Places:
        ordering = ["title", "pk"]

        def get_object_list(self):
            return places().select_related("commune")

        @property
        def columns(self):
            return [*super().columns, Column("commune", label=_("Commune"), accessor="commune")]

    choose_one, choose_another, edit_item = texts
    viewset = type(
        "PlaceChooserViewSet",
        (ChooserViewSet,),
        {
            "model": "directory.PlacePage",
            "icon": icon,
            "choose_one_text": choose_one,
            "choose_another_text": choose_another,
            "edit_item_text": edit_item,
            "choose_view_class": type("ChoosePlaceView", (Places, ChooseView), {}),
            "choose_results_view_class": type(
                "ChoosePlaceResultsView", (Places, ChooseResultsView), {}
            ),
            # Only the project form uses it: other links to a place keep Wagtail's page chooser.
            "register_widget": False,
        },
    )
    return viewset(name)


consultation_chooser_viewset = place_chooser(
    "consultation_chooser",
    consultation_places,
    "doc-full-inverse",
    (
        _("Choisir une consultation"),
        _("Choisir une autre consultation"),
        _("Modifier la consultation"),
    ),
)
meeting_place_chooser_viewset = place_chooser(
    "meeting_place_chooser",
    meeting_places,
    "home",
    (_("Choisir un lieu de rencontre"), _("Choisir un autre lieu"), _("Modifier le lieu")),
)
