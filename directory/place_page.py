"""The public place page's context, from the place's public record (directory.records): its
facts, the way back to the directory, its JSON-LD, its map and photos, the sections other apps
add, how fresh it is. Above the model it reads: `DirectoryConfig.ready()` registers it as
`PlacePage`'s presenter (`core.pages.present`), so that the model imports none of it."""

from __future__ import annotations

from django.utils import timezone

from core.maps import map_config, map_point
from core.pages import visitor_language
from directory.extensions import render_place_sections
from directory.freshness import is_flagged
from directory.models.places import PlacePage
from directory.opening import closures_ahead
from directory.records import place_records
from directory.structured_data import json_ld_script_text, place_json_ld


def place_page_context(page: PlacePage, request) -> dict:
    [place] = place_records([page.pk])
    directory = page.get_parent()
    # Served in another language than its own (a French place under /nl/): the way back
    # leads to the directory in the visitor's language.
    if page.tree_language != visitor_language():
        directory = directory.localized
    return {
        "place": place,
        "directory": directory,
        "json_ld_text": json_ld_script_text(place_json_ld(place, page, request)),
        "place_map": map_config(
            points=[map_point(place.location, name=place.name)], fit_max_zoom=15
        ),
        "photos": page.photos.select_related("image"),
        # Sessions and projects belong to the French place a translation translates.
        "sections": render_place_sections(page.source_page, request),
        "freshness_flagged": is_flagged(place.verified_on),
        # The record's closures in progress and those soon to come, in words.
        "closures": closures_ahead(place.closures, timezone.localdate(timezone=place.time_zone)),
    }
