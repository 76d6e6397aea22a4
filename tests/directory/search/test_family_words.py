"""Families' words in the filters (issue 27): a child's age in years or months, several
languages at once, a day and a time of day; their 400s name the parameters, the OpenAPI
description lists them, and the map page's form asks for them without a script."""

import re

import pytest
from bs4 import BeautifulSoup

from core.ages import MAX_CHILD_AGE_MONTHS
from core.search.fields import AgeField, TimeOfDayField, number_up_to
from core.search.openapi import field_schema

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/places/", "/api/v1/places.geojson", "/api/v1/activities/"]
BOXES = "input[type=checkbox][name=language]"


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"age": "3 semaines"}, ["age"]),
        ({"age": "19"}, ["age"]),
        ({"age": "19 ans"}, ["age"]),
        ({"age": "217 mois"}, ["age"]),
        ({"age": "-1"}, ["age"]),
        ({"age": "2,5 ans"}, ["age"]),
        ({"age_years": "19"}, ["age_years"]),
        ({"age_years": "-1"}, ["age_years"]),
        ({"age_years": "2.5"}, ["age_years"]),
        ({"age_months": "217"}, ["age_months"]),
        ({"age_years": "3", "age_months": "36"}, ["age_months", "age_years"]),
        ({"age": "3 ans", "age_months": "36"}, ["age", "age_months"]),
        ({"age": "3", "age_years": "3", "age_months": "36"}, ["age", "age_months", "age_years"]),
        ({"time": "25:00"}, ["time"]),
        ({"time": "midi"}, ["time"]),
        ({"time": "10:60"}, ["time"]),
        ({"time": "10:00:00"}, ["time"]),
        ({"time": "10"}, ["time"]),
        ({"day": "mon", "time": "1000"}, ["time"]),
        ({"language": ["ar", "zz"]}, ["language"]),
    ],
)
def test_bad_words_answer_400_naming_the_parameters(client, params, named):
    for url in URLS:
        response = client.get(url, params)
        assert response.status_code == 400, (url, response.content)
        assert sorted(response.json()["errors"]) == named


def test_an_age_given_twice_says_which(client):
    errors = client.get(URLS[0], {"age_years": "3", "age_months": "36"}).json()["errors"]
    assert errors["age_years"] == ["Donnez l'âge une seule fois : age_years, age_months."]


def test_an_unreadable_age_says_how_to_write_it(client):
    [message] = client.get(URLS[0], {"age": "trois"}).json()["errors"]["age"]
    assert "« 3 ans »" in message
    assert "18 ans ou 216 mois au plus" in message


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("3", 36),
        ("3 ans", 36),
        ("3ans", 36),
        ("1 an", 12),
        ("3 Ans", 36),
        (" 3 ans ", 36),
        ("18", 216),
        ("0", 0),
        ("18 mois", 18),
        ("18 Mois", 18),
        ("216 mois", 216),
        ("4 jaar", 48),
        ("18 maanden", 18),
        ("1 maand", 1),
        ("2 years", 24),
        ("7 months", 7),
    ],
)
def test_an_age_in_a_familys_words(text, months):
    assert AgeField(maximum_months=MAX_CHILD_AGE_MONTHS).clean(text) == months


def test_the_described_age_pattern_is_what_is_accepted():
    field = AgeField(maximum_months=MAX_CHILD_AGE_MONTHS)
    pattern = field_schema(field)["pattern"]
    for number in range(300):
        for text in (str(number), f"{number} ans", f"{number} mois", f"0{number}"):
            try:
                field.clean(text)
                accepted = True
            except Exception:  # noqa: BLE001 (any refusal)
                accepted = False
            assert accepted == bool(re.search(pattern, text)), text


@pytest.mark.parametrize("maximum", [0, 7, 9, 10, 18, 19, 99, 100, 216, 305])
def test_number_up_to(maximum):
    pattern = number_up_to(maximum)
    found = [n for n in range(1200) if re.fullmatch(pattern, str(n))]
    assert found == list(range(maximum + 1))


@pytest.mark.parametrize(
    ("text", "minute"), [("14:30", 870), ("9:05", 545), ("14h", 840), ("14H30", 870), ("0:00", 0)]
)
def test_a_time_of_day(text, minute):
    field = TimeOfDayField()
    assert field.clean(text) == minute
    assert re.search(field_schema(field)["pattern"], text)


@pytest.mark.parametrize("path", URLS)
def test_the_openapi_description_lists_the_new_parameters(client, path):
    schema = client.get("/api/v1/schema/").json()
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
    assert parameters["age_years"]["schema"] == {"type": "integer", "minimum": 0, "maximum": 18}
    assert parameters["age_months"]["schema"]["maximum"] == MAX_CHILD_AGE_MONTHS
    assert parameters["age"]["schema"]["type"] == "string"
    assert "age_years" in parameters["age_months"]["description"]
    assert parameters["time"]["schema"]["pattern"].startswith("^")
    assert parameters["language"]["schema"]["type"] == "array"
    assert parameters["language"]["explode"] is True


def soup_of(client, query=""):
    response = client.get(f"/lieux/?{query}")
    return response, BeautifulSoup(response.content, "html.parser")


def label_of(soup, name):
    return soup.select_one(f'label[for="field-{name}"]').get_text(strip=True)


@pytest.mark.parametrize(
    ("language", "age", "languages", "time"),
    [
        ("fr", "Âge de l'enfant", "Langues parlées", "Ouvert à"),
        ("nl", "Leeftijd van het kind", "Gesproken talen", "Open om"),
        ("en", "Child's age", "Languages spoken", "Open at"),
    ],
)
def test_the_form_speaks_in_years(client, place, language, age, languages, time):
    prefix = "" if language == "fr" else f"/{language}"
    response = client.get(f"{prefix}/lieux/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one("#field-age")
    assert field["type"] == "text"
    assert label_of(soup, "age") == age
    assert "18" in soup.select_one(f"#{field['aria-describedby']}").get_text()
    legend = soup.select_one("#field-language").find_parent("fieldset").legend
    assert legend.get_text(strip=True) == languages
    assert soup.select_one("#field-time")["type"] == "time"
    assert label_of(soup, "time") == time
    assert soup.select_one("#field-age_months") is None


def test_the_form_searches_without_a_script(client, place):
    query = "age=3+ans&language=ar&language=nl&day=mon&time=10%3A00"
    response, soup = soup_of(client, query)
    assert response.status_code == 200
    assert soup.select_one("#field-age")["value"] == "3 ans"
    ticked = [box["value"] for box in soup.select(BOXES) if box.has_attr("checked")]
    assert ticked == ["ar", "nl"]
    # Each language named in itself, in its own language.
    assert all(box.find_next("span").has_attr("lang") for box in soup.select(BOXES))
    assert soup.select_one("#field-time")["value"] == "10:00"
    assert soup.select_one("#field-day option[selected]")["value"] == "mon"


def test_the_form_tells_a_bad_age_beside_its_input(client, place):
    response, soup = soup_of(client, "age=trois")
    assert response.status_code == 400
    field = soup.select_one("#field-age")
    assert field["aria-invalid"] == "true"
    assert "age-error" in field["aria-describedby"]
    assert "« 3 ans »" in soup.select_one("#age-error").get_text()
