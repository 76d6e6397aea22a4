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


class _PlaceColumnsMixin:
    ordering = ["title", "pk"]

    @property
    def columns(self):
        return [*super().columns, Column("commune", label=_("Commune"), accessor="commune")]


class _ConsultationsMixin(_PlaceColumnsMixin):
    def get_object_list(self):
        return consultation_places().select_related("commune")


class _MeetingPlacesMixin(_PlaceColumnsMixin):
    def get_object_list(self):
        return meeting_places().select_related("commune")


class ConsultationChooseView(_ConsultationsMixin, ChooseView):
    pass


class ConsultationChooseResultsView(_ConsultationsMixin, ChooseResultsView):
    pass


class MeetingPlaceChooseView(_MeetingPlacesMixin, ChooseView):
    pass


class MeetingPlaceChooseResultsView(_MeetingPlacesMixin, ChooseResultsView):
    pass


class ConsultationChooserViewSet(ChooserViewSet):
    model = "directory.PlacePage"
    icon = "doc-full-inverse"
    choose_one_text = _("Choisir une consultation")
    choose_another_text = _("Choisir une autre consultation")
    edit_item_text = _("Modifier la consultation")
    choose_view_class = ConsultationChooseView
    choose_results_view_class = ConsultationChooseResultsView
    # Only the project form uses it: every other link to a place keeps Wagtail's page chooser.
    register_widget = False


class MeetingPlaceChooserViewSet(ChooserViewSet):
    model = "directory.PlacePage"
    icon = "home"
    choose_one_text = _("Choisir un lieu de rencontre")
    choose_another_text = _("Choisir un autre lieu")
    edit_item_text = _("Modifier le lieu")
    choose_view_class = MeetingPlaceChooseView
    choose_results_view_class = MeetingPlaceChooseResultsView
    register_widget = False


consultation_chooser_viewset = ConsultationChooserViewSet("consultation_chooser")
meeting_place_chooser_viewset = MeetingPlaceChooserViewSet("meeting_place_chooser")
