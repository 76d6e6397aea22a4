"""Search answers are kept until a page they may have found changes, per address and language."""

import pytest

from core.search.kept_answers import content_changed, generation
from tests.factories import PlacePageFactory, publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/places/?near=50.64,5.57&radius_km=20"


@pytest.fixture
def keeping(settings):
    settings.SEARCH_ANSWERS_SECONDS = 60
    content_changed()


def names(client, url=URL, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content
    return [place["name"] for place in response.json()["results"]]


def test_an_answer_is_kept_until_a_page_is_published(
    keeping, client, django_capture_on_commit_callbacks
):
    PlacePageFactory(title="La Marelle")
    assert names(client) == ["La Marelle"]
    # Written without the signals a publication sends: the kept answer still stands.
    PlacePageFactory(title="Le Nid")
    assert names(client) == ["La Marelle"]

    with django_capture_on_commit_callbacks(execute=True):
        publish(PlacePageFactory(title="Les Petits Pas"))
    assert sorted(names(client)) == ["La Marelle", "Le Nid", "Les Petits Pas"]


def test_an_unpublished_place_leaves_the_answers(
    keeping, client, django_capture_on_commit_callbacks
):
    place = PlacePageFactory(title="La Marelle")
    assert names(client) == ["La Marelle"]
    with django_capture_on_commit_callbacks(execute=True):
        place.unpublish()
    assert names(client) == []


def test_each_address_and_language_has_its_own_answer(keeping, client):
    PlacePageFactory(title="La Marelle")
    assert names(client) == ["La Marelle"]
    PlacePageFactory(title="Le Nid")
    # Another query string, another language: answered afresh.
    assert sorted(names(client, URL + "&page_size=10")) == ["La Marelle", "Le Nid"]
    english = client.get(URL, headers={"accept-language": "en"})
    assert english["Content-Language"] == "en"
    assert len(english.json()["results"]) == 2


def test_a_bad_request_is_not_kept(keeping, client):
    assert client.get(URL + "&age_months=x").status_code == 400
    PlacePageFactory(title="La Marelle")
    response = client.get(URL + "&age_months=x")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["age_months"]


def test_nothing_is_kept_when_keeping_is_off(client, settings):
    settings.SEARCH_ANSWERS_SECONDS = 0
    PlacePageFactory(title="La Marelle")
    assert names(client) == ["La Marelle"]
    PlacePageFactory(title="Le Nid")
    assert sorted(names(client)) == ["La Marelle", "Le Nid"]


def test_a_change_makes_a_new_generation():
    before = generation()
    assert generation() == before
    assert content_changed() != before
    assert generation() != before
