"""The directory's root page, which is the map page: the places' search, its form and its map.

In its own module, above the search page it serves (`directory.search.page`) and the place model
that page reads. `directory.models`, where other apps find every directory model, imports it.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.pages import IntroPage
from directory.search.page import map_page_context, said_by_the_form


class PlaceIndexPage(IntroPage):
    """The directory root: every place lives under it."""

    parent_page_types = ["rencontres.HomePage"]
    subpage_types = ["directory.PlacePage"]

    class Meta:
        verbose_name = _("annuaire des lieux")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(map_page_context(request))
        return context

    def serve(self, request, *args, **kwargs):
        said = said_by_the_form(request.GET)
        if said is not None:
            return redirect(f"{request.path}?{said.urlencode()}" if said else request.path)
        response = super().serve(request, *args, **kwargs)
        # A search with a bad parameter still shows the form with its errors, as a 400.
        if response.context_data["search"].result is None:
            response.status_code = 400
        return response
