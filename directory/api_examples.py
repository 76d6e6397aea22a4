"""Examples of the places API's answers, for its OpenAPI description."""

from __future__ import annotations

from core.openapi import NOT_FOUND_EXAMPLE, examples, named_examples

NOTICE = {
    "kind": "moved",
    "label": "Déplacé temporairement",
    "start_date": "2027-03-01",
    "end_date": "2027-03-12",
    "message": "Travaux : l'accueil a lieu à la maison de quartier, rue du Parc 3.",
}

PLACE = {
    "id": 42,
    "name": "La Maison des Petits Pas",
    "url": "https://rencontres.example.org/lieux/la-maison-des-petits-pas/",
    "programmes": ["lieux-rencontre-enfants-parents"],
    "objectives": ["passerelles"],
    "commune": "Liège",
    "postcode": "4000",
    "location": {"lat": 50.64, "lon": 5.571, "approximate": False},
    "distance_km": 1.1,
    "next_activity": {
        "id": 7,
        "title": "Atelier comptines",
        "url": "https://rencontres.example.org/lieux/la-maison-des-petits-pas/comptines/",
        "start": "2027-03-04T09:30:00+01:00",
    },
    "notices": [NOTICE],
    # What the team of a drop-in session under way says of the room, until the session's end.
    "live_room": {
        "session_id": 6,
        "state": "almost_full",
        "label": "Presque complet",
        "text": "Presque complet (2) — signalé à 10:40",
        "places_left": 2,
        "reported_at": "2027-03-03T10:40:00+01:00",
        "session_end": "2027-03-03T11:30:00+01:00",
    },
}

NO_FACETS = {"objectives": {}, "programmes": {}}

PLACE_LIST = named_examples(
    found=(
        "Places found near a commune",
        {
            "count": 1,
            "results": [PLACE],
            "facets": {
                "objectives": {"passerelles": 1},
                "programmes": {"lieux-rencontre-enfants-parents": 1},
            },
            "engine": "database",
            "near": {
                "label": "Liège (Liège, Belgique)",
                "kind": "commune",
                "key": "BE-62063",
                "lat": 50.6412,
                "lon": 5.5718,
                "ambiguous": False,
            },
            "near_alternatives": [],
        },
    ),
    homonyms=(
        "A name places far apart bear: a guess by the documented rule, the others offered",
        {
            "count": 0,
            "results": [],
            "facets": NO_FACETS,
            "engine": "database",
            "near": {
                "label": "Saint-Denis (La Réunion, France)",
                "kind": "commune",
                "key": "FR-97411",
                "lat": -20.8789,
                "lon": 55.4481,
                "ambiguous": True,
            },
            "near_alternatives": [
                {"value": "FR-93066", "label": "Saint-Denis (Seine-Saint-Denis, France)"}
            ],
        },
    ),
    nothing_in_reach=(
        "Nothing even at the widest radius: the nearest in the territory searched",
        {
            "count": 0,
            "results": [],
            "facets": NO_FACETS,
            "engine": "database",
            "near": {
                "label": "Ajaccio (Corse-du-Sud, France)",
                "kind": "commune",
                "key": "FR-2A004",
                "lat": 41.9267,
                "lon": 8.7369,
                "ambiguous": False,
            },
            "near_alternatives": [],
            "nearest_beyond": None,
            "nearest_in_territory": {
                "territory": "Corse",
                "radius_km": 200,
                "nearest_km": None,
                "no_place_yet": True,
                "results": [],
            },
        },
    ),
)

PLACE_GEOJSON = examples(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 42,
                "geometry": {"type": "Point", "coordinates": [5.571, 50.64]},
                "properties": {
                    **{k: v for k, v in PLACE.items() if k != "location"},
                    "approximate": False,
                },
            }
        ],
        "count": 1,
        "engine": "database",
    },
    media="application/geo+json",
)

PLACE_MAP = examples(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 42,
                "geometry": {"type": "Point", "coordinates": [5.571, 50.64]},
                "properties": {
                    "name": PLACE["name"],
                    "url": PLACE["url"],
                    "commune": PLACE["commune"],
                    "approximate": False,
                },
            }
        ],
        "count": 1,
        "engine": "database",
    },
    media="application/geo+json",
)

PLACE_DETAIL = examples(
    {
        "id": 42,
        "name": "La Maison des Petits Pas",
        "url": PLACE["url"],
        "description": "<p>Un espace de jeu pour les tout-petits et leurs parents.</p>",
        "text": {
            "language": "fr",
            "direction": "ltr",
            "origin": "",
            "stale": False,
            "languages": ["fr", "nl", "ar"],
        },
        "discreet": False,
        "address": {
            "street_address": "Rue Haute 12",
            "postcode": "4000",
            "commune": "Liège",
            "commune_code": "62063",
            "country": "BE",
        },
        "location": {"lat": 50.64, "lon": 5.571, "approximate": False},
        "contact": {
            "phone": "+32 4 222 33 44",
            "email": "accueil@petitspas.example",
            "website": "https://petitspas.example",
        },
        "opening_hours": [{"day": "mon", "opens": "09:00", "closes": "12:00"}],
        "closures": [{"start_date": "2027-07-15", "end_date": "2027-08-15", "reason": "Été"}],
        "notices": [NOTICE],
        "ages": {"min_months": 0, "max_months": 48},
        "languages": [{"code": "fr", "name": "français"}, {"code": "ar", "name": "arabe"}],
        "accessibility": [{"slug": "plain-pied", "name": "De plain-pied", "step_free": True}],
        "fee": {
            "kind": "paid",
            "amount": "2.50",
            "note": "par visite",
            "text": "2,50 € — par visite",
        },
        "access": {
            "modes": [{"slug": "accueil-libre", "name": "Accueil libre et anonyme"}],
            "label": "Accueil libre et anonyme",
            "details": "",
        },
        "programmes": [
            {
                "slug": "lieux-rencontre-enfants-parents",
                "name": "Lieux de rencontre enfants-parents",
            }
        ],
        "objectives": [{"slug": "passerelles", "name": "Socialisation douce « passerelles »"}],
        "upcoming_sessions": [
            {
                "id": 7,
                "title": "Atelier comptines",
                "url": PLACE["next_activity"]["url"],
                "start": "2027-03-04T09:30:00+01:00",
                "end": "2027-03-04T11:30:00+01:00",
                "status": "scheduled",
                "calendar_url": "/lieux/la-maison-des-petits-pas/comptines/seances/7/calendar.ics",
            }
        ],
        "date_modified": "2027-02-01T10:00:00+00:00",
    },
    # A place merged into another (docs/duplicates.md): the kept place, also in `Location`.
    s301={
        "replaced_by": {
            "id": 42,
            "url": "https://rencontres.example.org/api/v1/places/42/",
            "page_url": PLACE["url"],
        }
    },
    s404=NOT_FOUND_EXAMPLE,
)

SUGGESTIONS = examples(
    [{"value": "4000", "label": "4000 Liège", "kind": "postcode"}],
    s400={"errors": {"q": ["Texte trop long."]}},
)
