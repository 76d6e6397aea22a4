"""/api/v1/activities/ answers 400 (never 500) naming the parameter for bad dates and ranges."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/activities/"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"from": "2027-13-01"}, "from"),
        ({"from": "01/03/2027"}, "from"),
        ({"from": "demain"}, "from"),
        ({"to": "2027-02-30"}, "to"),
        ({"to": "2027-3-1x"}, "to"),
        ({"from": "2027-03-10", "to": "2027-03-09"}, "to"),
        ({"from": "2027-01-01", "to": "2028-01-03"}, "to"),
        ({"near": "nulle-part-xyz"}, "near"),
        ({"objective": "inconnu"}, "objective"),
        ({"day": "lundi"}, "day"),
        ({"free": "peut-être"}, "free"),
    ],
)
def test_bad_parameters_answer_400_naming_them(client, params, parameter):
    for url in (URL, URL + "calendar.ics"):
        response = client.get(url, params)
        assert response.status_code == 400, (url, response.content)
        assert parameter in response.json()["errors"]


def test_paging_is_checked(client):
    assert "page_size" in client.get(URL, {"page_size": "1000"}).json()["errors"]
    assert "page" in client.get(URL, {"page": "0"}).json()["errors"]


def test_messages_say_why(client):
    errors = client.get(URL, {"from": "2027-03-10", "to": "2027-03-09"}).json()["errors"]
    assert errors == {"to": ["La date de fin précède la date de début (from)."]}
    errors = client.get(URL, {"from": "2027-01-01", "to": "2028-01-03"}).json()["errors"]
    assert errors == {"to": ["Période trop longue : 366 jours au plus."]}
    errors = client.get(URL, {"from": "01/03/2027"}).json()["errors"]
    assert errors == {"from": ["Date attendue au format AAAA-MM-JJ."]}


def test_a_year_is_allowed(client):
    response = client.get(URL, {"from": "2027-01-01", "to": "2028-01-01"})
    assert response.status_code == 200
    assert response.json() == {
        "count": 0,
        "results": [],
        "engine": "database",
        "date_from": "2027-01-01",
        "date_to": "2028-01-01",
        # The last page: nothing to follow (docs/partners-sync.md).
        "next_cursor": None,
    }


def test_defaults_are_today_and_the_window(clock, client):
    body = client.get(URL).json()
    assert (body["date_from"], body["date_to"]) == ("2027-03-01", "2027-08-31")


def test_described_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/activities/"]["get"]["parameters"]}
    assert {"from", "to", "q", "near", "objective"} <= parameters
