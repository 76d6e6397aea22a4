"""The public place page's context: its hours, the way back to the directory, its JSON-LD, its
map and photos, the sections other apps add, how fresh it is. Above the model it reads:
`DirectoryConfig.ready()` registers it as `PlacePage`'s presenter (`core.pages.present`)."""

from __future__ import annotations

from core.maps import map_config, map_point
from core.pages import visitor_language
from directory.extensions import render_place_sections
from directory.freshness import is_flagged, verified_on
from directory.models.places import PlacePage
from directory.structured_data import json_ld_script_text, place_json_ld


def place_page_context(place: PlacePage, request) -> dict:
    context = {}
    opening_hours = list(place.opening_hours.all())
    context["opening_hours"] = opening_hours
    directory = place.get_parent()
    # Served in another language than its own (a French place under /nl/): the way back
    # leads to the directory in the visitor's language.
    if place.tree_language != visitor_language():
        directory = directory.localized
    context["directory"] = directory
    context["json_ld_text"] = json_ld_script_text(place_json_ld(place, request, opening_hours))
    context["place_map"] = map_config(
        points=[map_point(place.public_location, name=place.title)], fit_max_zoom=15
    )
    context["photos"] = place.photos.select_related("image")
    # Sessions and projects belong to the French place a translation translates.
    context["sections"] = render_place_sections(place.source_page, request)
    context["verified_on"] = verified_on(place.source_page)
    context["freshness_flagged"] = is_flagged(place.source_page)
    return context
