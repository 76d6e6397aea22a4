"""One scenario suite for /api/v1/activities/, run on each engine with the same expected
sessions: the database engine on SQLite or PostgreSQL, the cluster engine on the OpenSearch
node."""

from datetime import date

import pytest
import recurring_ical_events
from icalendar import Calendar

WEEK = {"from": "2027-03-01", "to": "2027-03-07"}
MARCH = {"from": "2027-03-01", "to": "2027-03-31"}


def search(client, engine, **params):
    response = client.get("/api/v1/activities/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine"] == engine
    return body


def sessions(body):
    return [(r["start"], r["activity"]["title"]) for r in body["results"]]


def titles(body):
    return [r["activity"]["title"] for r in body["results"]]


WEEK_NEAR_LIEGE = [
    ("2027-03-01T09:30:00+01:00", "Matinée passerelle"),
    ("2027-03-02T18:00:00+01:00", "Atelier cuisine"),
    ("2027-03-03T10:00:00+01:00", "Comptines et jeux de doigts"),
    ("2027-03-04T14:00:00+01:00", "Café des parents"),
    ("2027-03-06T10:00:00+01:00", "Temps d'échange"),
]


@pytest.mark.parametrize("near", ["4000", "liege", "50.6326,5.5797"])
def test_this_week_near_liege_sorted_by_start(client, engine, near):
    body = search(client, engine, near=near, **WEEK)
    assert sessions(body) == WEEK_NEAR_LIEGE
    assert body["count"] == 5
    distances = {r["activity"]["title"]: r["distance_km"] for r in body["results"]}
    assert distances["Temps d'échange"] == 0.0  # a discreet place: its commune's point
    assert distances["Atelier cuisine"] == pytest.approx(6.8, abs=0.2)


def test_whole_week_everywhere(client, engine):
    body = search(client, engine, **WEEK)
    assert sessions(body) == [
        WEEK_NEAR_LIEGE[0],
        WEEK_NEAR_LIEGE[1],
        WEEK_NEAR_LIEGE[2],
        # 15:00 in Lille (Europe/Paris) is 14:00 UTC, after 10:00 in Liège (09:00 UTC).
        ("2027-03-03T15:00:00+01:00", "Goûter des familles"),
        WEEK_NEAR_LIEGE[3],
        ("2027-03-05T09:30:00+01:00", "Yoga bébé"),
        WEEK_NEAR_LIEGE[4],
    ]
    assert all(r["distance_km"] is None for r in body["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # A session under way at that time of day (in the site's time zone), any day…
        (
            {"time": "10:15"},
            [
                WEEK_NEAR_LIEGE[0],
                WEEK_NEAR_LIEGE[2],
                ("2027-03-05T09:30:00+01:00", "Yoga bébé"),
                WEEK_NEAR_LIEGE[4],
            ],
        ),
        # …or on that day only: day and time hold for the same session.
        ({"day": "wed", "time": "15:30"}, [("2027-03-03T15:00:00+01:00", "Goûter des familles")]),
        ({"day": "mon", "time": "15:30"}, []),
        ({"day": "sat", "time": "10h"}, [WEEK_NEAR_LIEGE[4]]),
    ],
)
def test_sessions_at_a_day_and_time(client, engine, params, expected):
    assert sessions(search(client, engine, **WEEK, **params)) == expected


def test_defaults_from_today_over_the_window(client, engine):
    body = search(client, engine, page_size="100", q="cuisine")
    assert (body["date_from"], body["date_to"]) == ("2027-03-01", "2027-08-31")
    # The first Tuesday of each month, March to August.
    assert [r["start"][:10] for r in body["results"]] == [
        "2027-03-02",
        "2027-04-06",
        "2027-05-04",
        "2027-06-01",
        "2027-07-06",
        "2027-08-03",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"radius_km": "1.5", "near": "4000"},
            ["Matinée passerelle", "Café des parents", "Temps d'échange"],
        ),
        ({"objective": "integration-culturelle"}, ["Café des parents", "Yoga bébé"]),
        ({"programme": "espaces-de-rencontre"}, ["Goûter des familles", "Temps d'échange"]),
        # The session's place's access modes: Le Passage takes both, Arc-en-ciel one.
        ({"access": "decision-du-juge"}, ["Temps d'échange"]),
        ({"access": "accord-des-parents"}, ["Goûter des familles", "Temps d'échange"]),
        (
            {"age_months": "6"},
            [
                "Comptines et jeux de doigts",
                "Goûter des familles",
                "Café des parents",
                "Yoga bébé",
                "Temps d'échange",
            ],
        ),
        ({"day": "wed"}, ["Comptines et jeux de doigts", "Goûter des familles"]),
        ({"language": "ar"}, ["Café des parents"]),
        (
            {"accessible": "true"},
            ["Matinée passerelle", "Atelier cuisine", "Café des parents", "Yoga bébé"],
        ),
        ({"q": "comptines"}, ["Comptines et jeux de doigts"]),
        ({"q": "café nid"}, ["Café des parents"]),
        ({"q": "yoga namur"}, []),
        (
            {"near": "Namur", "radius_km": "80", "objective": "passerelles"},
            ["Matinée passerelle", "Comptines et jeux de doigts"],
        ),
    ],
)
def test_filters(client, engine, params, expected):
    assert titles(search(client, engine, **WEEK, **params)) == expected


def test_cancelled_sessions_are_listed_as_cancelled(client, engine):
    body = search(client, engine, objective="passerelles", **MARCH)
    found = [(r["start"][:10], r["activity"]["title"], r["status"]) for r in body["results"]]
    assert found == [
        ("2027-03-01", "Matinée passerelle", "scheduled"),
        ("2027-03-03", "Comptines et jeux de doigts", "scheduled"),
        ("2027-03-08", "Matinée passerelle", "cancelled"),
        ("2027-03-15", "Matinée passerelle", "scheduled"),
        ("2027-03-17", "Comptines et jeux de doigts", "cancelled"),
        ("2027-03-22", "Matinée passerelle", "scheduled"),
        ("2027-03-29", "Matinée passerelle", "scheduled"),
        ("2027-03-31", "Comptines et jeux de doigts", "scheduled"),
    ]
    reasons = {r["start"][:10]: r["cancellation_reason"] for r in body["results"]}
    assert reasons["2027-03-08"] == "Grève"
    assert reasons["2027-03-17"] == "Lieu fermé (Vacances)"


def test_local_times_across_the_change(client, engine):
    body = search(
        client,
        engine,
        day="mon",
        objective="passerelles",
        **{"from": "2027-03-22", "to": "2027-04-04"},
    )
    assert [r["start"] for r in body["results"]] == [
        "2027-03-22T09:30:00+01:00",
        "2027-03-29T09:30:00+02:00",
    ]
    assert [r["end"] for r in body["results"]] == [
        "2027-03-22T11:00:00+01:00",
        "2027-03-29T11:00:00+02:00",
    ]


def test_hidden_activities_never_appear(client, engine):
    body = search(client, engine, page_size="100", **MARCH)
    assert not {"Brouillon d'atelier", "Atelier caché"} & set(titles(body))


def test_session_fields_and_discreet_place(client, engine, activity_world):
    body = search(client, engine, near="4000", **WEEK)
    first, *_rest, discreet = body["results"]
    assert first["activity"] == {
        "id": activity_world["matinee"].pk,
        "title": "Matinée passerelle",
        "url": activity_world["matinee"].url,
        "objectives": ["passerelles"],
        "languages": ["fr"],
        "age_min_months": 24,
        "age_max_months": 36,
        "price": "Gratuit",
        "registration_required": True,
        "capacity": 10,
        "remaining_places": 10,
    }
    assert first["place"]["name"] == "Le Nid"
    assert first["place"]["location"] == {"lat": 50.64, "lon": 5.57, "approximate": False}
    assert first["calendar_url"].endswith("/calendar.ics")
    assert discreet["place"]["name"] == "Le Passage"
    assert discreet["place"]["postcode"] == ""
    assert discreet["place"]["location"] == {"lat": 50.6326, "lon": 5.5797, "approximate": True}
    assert "50.61" not in str(discreet) and "5.53" not in str(discreet)


def test_paging(client, engine):
    body = search(client, engine, page="2", page_size="3", **WEEK)
    assert body["count"] == 7
    assert titles(body) == ["Goûter des familles", "Café des parents", "Yoga bébé"]


def test_a_cursor_pages_through_every_session_once(client, engine):
    every = {r["id"] for r in search(client, engine, page_size="100", **WEEK)["results"]}
    seen, cursor = [], "start"
    for _call in range(10):
        body = search(client, engine, cursor=cursor, page_size="3", **WEEK)
        if not body["results"]:
            break
        seen += [r["id"] for r in body["results"]]
        cursor = body["next_cursor"]
    assert len(seen) == len(set(seen)) and set(seen) == every
    assert search(client, engine, cursor=cursor, **WEEK)["next_cursor"] == cursor


def test_search_calendar_feed_has_the_same_sessions(client, engine):
    body = search(client, engine, near="4000", objective="passerelles", page_size="100", **MARCH)
    response = client.get(
        "/api/v1/activities/calendar.ics", {"near": "4000", "objective": "passerelles", **MARCH}
    )
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = recurring_ical_events.of(calendar).between(date(2027, 3, 1), date(2027, 4, 1))
    expanded = sorted((e["DTSTART"].dt.isoformat(), str(e.get("STATUS"))) for e in events)
    assert expanded == sorted(
        (r["start"], "CANCELLED" if r["status"] == "cancelled" else "CONFIRMED")
        for r in body["results"]
    )


def test_places_api_gives_each_place_its_next_session(client, engine, activity_world):
    response = client.get("/api/v1/places/", {"near": "4000"})
    assert response.json()["engine"] == engine
    by_name = {r["name"]: r["next_activity"] for r in response.json()["results"]}
    assert by_name["Le Nid"] == {
        "id": activity_world["matinee"].occurrences.order_by("start").first().pk,
        "title": "Matinée passerelle",
        "url": activity_world["matinee"].url,
        "start": "2027-03-01T09:30:00+01:00",
    }
    assert by_name["Consultation ONE Liège-Centre"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # The activity's fee, not its place's: the Café des parents costs 1,50 € at Le Nid,
        # a free place; Comptines is free at La Maison des Petits Pas, a paying place.
        (
            {"free": "true"},
            [
                "Matinée passerelle",
                "Atelier cuisine",
                "Comptines et jeux de doigts",
                "Goûter des familles",
                "Temps d'échange",
            ],
        ),
        ({"free": "false"}, ["Café des parents", "Yoga bébé"]),
        (
            {"free": "1", "near": "4000", "radius_km": "1.5"},
            ["Matinée passerelle", "Temps d'échange"],
        ),
    ],
)
def test_free_only(client, engine, params, expected):
    assert titles(search(client, engine, **WEEK, **params)) == expected
