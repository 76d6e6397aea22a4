"""The map's features as a map page's map draws them: those the page writes, or those of the
API's answer it names (every match: `/api/v1/places/map.geojson`)."""

from __future__ import annotations

import html


def map_features(response) -> list[dict]:
    url = response.context["map_points_url"]
    if not url:
        return response.context["map_features"]
    assert url in html.unescape(response.content.decode())
    collection = response.client.get(url).json()
    return [
        {
            **({"id": feature["id"]} if "id" in feature else {}),
            **feature["properties"],
            "lat": feature["geometry"]["coordinates"][1],
            "lon": feature["geometry"]["coordinates"][0],
        }
        for feature in collection["features"]
    ]
