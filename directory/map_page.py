"""The directory's root page, which is the map page: the places' search, its form and its map.

In its own module, above the search page it serves (`directory.search.page`) and the place model
that page reads. `directory.models`, where other apps find every directory model, imports it.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.pages import IntroPage
from core.search.events import note
from directory.search.events import place_search_event
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
        search = response.context_data["search"]
        if search.result is None:
            response.status_code = 400
        elif response.context_data["view"] == "places" and not response.context_data.get(
            "near_question"
        ):
            # Where families look (core.search.events); not while asking which homonym.
            note(response, place_search_event(search.query, search.result))
        return response
