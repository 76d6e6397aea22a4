"""The organiser's point picker: a small Leaflet map beside the latitude and longitude fields.

django-leaflet's own form widget needs GeoDjango, so the map is ours and only writes into the two
plain decimal fields.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.maps import map_config


class PointPickerPanel(MultiFieldPanel):
    def __init__(self, children=(), *args, **kwargs):
        children = children or [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])]
        kwargs.setdefault("heading", _("Position sur la carte"))
        kwargs.setdefault(
            "help_text",
            _(
                "Cliquez sur la carte ou déplacez le repère pour placer le lieu. Sans position, "
                "l'adresse est géolocalisée à l'enregistrement quand c'est possible."
            ),
        )
        super().__init__(children, *args, **kwargs)

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "directory/panels/point_picker.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["map"] = map_config(picker=True)
            return context

        @property
        def media(self):
            return super().media + forms.Media(
                css={"all": ["leaflet/leaflet.css", "css/admin-maps.css"]},
                js=[
                    "leaflet/leaflet.js",
                    # The map's control labels in the editor's language.
                    reverse("javascript_catalog"),
                    "js/map.js",
                    "directory/js/point_picker.js",
                ],
            )
