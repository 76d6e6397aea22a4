"""The place editor's « Qualité de la fiche »: the published listing's score and what would
make it more useful, in the organiser's words (directory.quality). Read-only; the score follows
each publication."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from directory.quality import graded


class PlaceQualityPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Qualité de la fiche"))
        kwargs.setdefault(
            "help_text",
            _(
                "Calculée sur la fiche publiée, selon des règles écrites : elle change à "
                "chaque publication."
            ),
        )
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/panels/place_quality.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            found = graded([self.instance.pk]) if self.instance.pk and self.instance.live else []
            quality = found[0][1] if found else None
            context["quality"] = quality
            return context
