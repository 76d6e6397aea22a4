"""The public place page's context, from the place's public record (directory.records): its
facts, the way back to the directory, its JSON-LD, its map and photos, the sections other apps
add, how fresh it is. Above the model it reads: `DirectoryConfig.ready()` registers it as
`PlacePage`'s presenter (`core.pages.present`), so that the model imports none of it.

A phone shows first what a family needs to go (`essentials` and the facts beside them: how to
get in, open today or when next, the address with its map links, the phone, the next sessions);
the description, objectives, full hours, sessions and photos follow."""

from __future__ import annotations

from django.utils import timezone

from core.content_languages import content_of
from core.location import PublicLocation
from core.maps import map_config, map_point
from core.pages import visitor_language
from core.translated_texts import text_language_context
from directory.extensions import render_place_essentials, render_place_sections
from directory.freshness import is_flagged
from directory.models.places import PlacePage
from directory.opening import closures_ahead, opening_status
from directory.records import place_records
from directory.structured_data import json_ld_script_text, place_json_ld
from objectives.getting_in import how_to_get_in


def geo_uri(location: PublicLocation) -> str:
    """A `geo:` URI (RFC 5870) that opens the phone's own map application at the place, for an
    exact point only: a discreet place's, or one without coordinates, is its commune's."""
    if location.approximate:
        return ""
    return f"geo:{location.latitude:.6f},{location.longitude:.6f}"


def place_page_context(page: PlacePage, request) -> dict:
    content = content_of(request)
    [place] = place_records([page.pk], content=content)
    directory = page.get_parent()
    # Served in another language than its own (a French place under /nl/): the way back
    # leads to the directory in the visitor's language.
    if page.tree_language != visitor_language():
        directory = directory.localized
    # Sessions and projects belong to the French place a translation translates.
    source = page.source_page
    return {
        "place": place,
        "directory": directory,
        "json_ld_text": json_ld_script_text(place_json_ld(place, page, request)),
        "place_map": map_config(
            points=[map_point(place.location, name=place.name)], fit_max_zoom=15
        ),
        "photos": page.photos.select_related("image"),
        # Today's status, in the place's own time zone (templates/directory/includes/
        # place_status.html).
        "opening": opening_status(
            place.opening_hours,
            place.closures,
            timezone.localtime(timezone=place.time_zone),
        ),
        "getting_in": how_to_get_in(place.access_modes, free=place.free),
        "geo_uri": geo_uri(place.location),
        "essentials": render_place_essentials(source, request),
        "sections": render_place_sections(source, request),
        "freshness_flagged": is_flagged(place.verified_on),
        # The record's closures in progress and those soon to come, in words.
        "closures": closures_ahead(place.closures, timezone.localdate(timezone=place.time_zone)),
        **text_language_context(place.text, content),
    }
