"""Public responses (search API answers, place pages) are kept until a page changes, per address
and language, and only when they are the same for every visitor."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import reverse

from core.kept import generation, kept, new_generation
from directory.models import PlacePage
from objectives.models import AccessMode
from tests.factories import PlacePageFactory, programme, publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/places/?near=50.64,5.57&radius_km=20"


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
    settings.KEPT_RESPONSES_SECONDS = 0
    PlacePageFactory(title="La Marelle")
    assert names(client) == ["La Marelle"]
    PlacePageFactory(title="Le Nid")
    assert sorted(names(client)) == ["La Marelle", "Le Nid"]


def test_a_change_makes_a_new_generation():
    before = generation()
    assert generation() == before
    assert new_generation() != before
    assert generation() != before


def test_a_place_page_is_kept_until_it_is_published_again(
    keeping, client, django_capture_on_commit_callbacks
):
    place = PlacePageFactory(title="La Marelle")
    url = place.url
    assert "La Marelle" in client.get(url).text
    PlacePage.objects.filter(pk=place.pk).update(title="La Marelle (fermée)")
    assert "fermée" not in client.get(url).text

    place.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        publish(place)
    assert "La Marelle (fermée)" in client.get(url).text


def test_an_access_mode_added_in_the_admin_leaves_the_kept_pages(
    keeping, client, django_capture_on_commit_callbacks
):
    """The map page's filters offer every access mode: a new one, which no place has yet,
    shows at once."""
    PlacePageFactory(title="La Marelle")
    assert "Sur orientation de la PMI" not in client.get("/lieux/").text
    with django_capture_on_commit_callbacks(execute=True):
        AccessMode.objects.create(
            programme=programme(),
            slug="orientation-pmi",
            name_fr="Sur orientation de la PMI",
            name_en="Referred by the PMI",
        )
    assert "Sur orientation de la PMI" in client.get("/lieux/").text


def test_a_signed_in_visitor_neither_gets_nor_leaves_a_kept_page(keeping, client, admin_client):
    place = PlacePageFactory(title="La Marelle")
    assert "La Marelle" in admin_client.get(place.url).text
    PlacePage.objects.filter(pk=place.pk).update(title="Le Nid")
    # The editor's request kept nothing: the family's is answered afresh, then kept.
    assert "Le Nid" in client.get(place.url).text
    PlacePage.objects.filter(pk=place.pk).update(title="Les Petits Pas")
    assert "Le Nid" in client.get(place.url).text
    assert "Les Petits Pas" in admin_client.get(place.url).text


def test_a_kept_place_page_carries_no_visitor_s_token(keeping, client):
    place = PlacePageFactory(title="La Marelle")
    page = client.get(place.url)
    assert "csrfmiddlewaretoken" not in page.text
    assert not page.cookies.get("csrftoken")


def test_its_forms_work_without_a_token(keeping, django_capture_on_commit_callbacks):
    place = PlacePageFactory(title="La Marelle")
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(place.url).status_code == 200
    chosen = strict.post("/langue/", {"language": "nl", "next": "/nl/"})
    assert chosen.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        report = strict.post(
            reverse("report_problem", args=[place.pk]),
            {"kind": "hours", "message": "Fermé le mercredi matin.", "email": ""},
        )
    assert report.status_code == 302, report.content


def test_a_response_with_a_csrf_token_or_a_cookie_is_not_kept(keeping, rf):
    answers = iter(range(100))

    @kept
    def with_token(request):
        get_token(request)
        return HttpResponse(str(next(answers)))

    @kept
    def with_cookie(request):
        response = HttpResponse(str(next(answers)))
        response.set_cookie("seen", "1")
        return response

    for view in (with_token, with_cookie):
        first, second = (view(rf.get("/")).content for _ in range(2))
        assert first != second


def test_a_visitor_with_a_session_neither_gets_nor_leaves_a_kept_response(keeping, rf):
    answers = iter(range(100))

    @kept
    def count(request):
        return HttpResponse(str(next(answers)))

    assert count(rf.get("/")).content == count(rf.get("/")).content == b"0"
    with_session = rf.get("/")
    with_session.COOKIES["sessionid"] = "x"
    assert count(with_session).content == b"1"
    assert count(rf.get("/")).content == b"0"
