"""Examples of the activities API's answers, for its OpenAPI description."""

from __future__ import annotations

from core.openapi import examples
from directory.api_examples import NOTICE

SESSION = {
    "id": 7,
    "start": "2027-03-04T09:30:00+01:00",
    "end": "2027-03-04T11:30:00+01:00",
    "status": "scheduled",
    "cancellation_reason": "",
    "calendar_url": "/lieux/la-maison-des-petits-pas/comptines/seances/7/calendar.ics",
    "distance_km": 1.1,
    "activity": {
        "id": 51,
        "title": "Atelier comptines",
        "url": "https://rencontres.example.org/lieux/la-maison-des-petits-pas/comptines/",
        "objectives": ["passerelles"],
        "languages": ["fr"],
        "age_min_months": 0,
        "age_max_months": 36,
        "price": "Gratuit",
        "registration_required": True,
        "capacity": 8,
        "remaining_places": 3,
    },
    "place": {
        "id": 42,
        "name": "La Maison des Petits Pas",
        "url": "https://rencontres.example.org/lieux/la-maison-des-petits-pas/",
        "commune": "Liège",
        "postcode": "4000",
        "location": {"lat": 50.64, "lon": 5.571, "approximate": False},
    },
    "notices": [NOTICE],
    # Given for drop-in sessions while they last, when their team said how the room is.
    "live_room": None,
}

SESSION_LIST_EXAMPLE = examples(
    {
        "count": 1,
        "results": [SESSION],
        "engine": "database",
        "date_from": "2027-03-01",
        "date_to": "2027-08-31",
    }
)

CALENDAR_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rencontres//FR\r\nBEGIN:VEVENT\r\n"
    "UID:occurrence-7@rencontres\r\nDTSTART:20270304T083000Z\r\nDTEND:20270304T103000Z\r\n"
    "SUMMARY:Atelier comptines\r\nLOCATION:La Maison des Petits Pas\\, Liège\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)

SESSIONS_MAP_EXAMPLE = examples(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 42,
                "geometry": {"type": "Point", "coordinates": [5.571, 50.64]},
                "properties": {
                    "name": "La Maison des Petits Pas",
                    "url": "https://rencontres.example.org/lieux/la-maison-des-petits-pas/",
                    "commune": "Liège",
                    "approximate": False,
                },
            }
        ],
        "count": 3,
        "engine": "database",
    },
    media="application/geo+json",
)
