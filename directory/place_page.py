"""What the public place page shows of its place, from the place's public record
(directory.records): its facts, its JSON-LD, its map and how fresh it is. Registered as the
`place_page_context` hook (directory.wagtail_hooks), so that the page model imports none of it."""

from __future__ import annotations

from core.maps import map_config, map_point
from directory.freshness import is_flagged
from directory.records import place_records
from directory.structured_data import json_ld_script_text, place_json_ld


def place_context(page, request) -> dict:
    [place] = place_records([page.pk])
    return {
        "place": place,
        "json_ld_text": json_ld_script_text(place_json_ld(place, page, request)),
        "place_map": map_config(
            points=[map_point(place.location, name=place.name)], fit_max_zoom=15
        ),
        "freshness_flagged": is_flagged(place.verified_on),
    }
