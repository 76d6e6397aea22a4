"""A place's access modes: among its programmes' (the model and the editor say which one is not),
in its record as terms and in one sentence, in the detail API as slugs and names, and listed
with their programme under /api/v1/access-modes/."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.records import place_records
from tests.admin_forms import place_form_data
from tests.factories import PlacePageFactory, access_mode, programme

pytestmark = pytest.mark.django_db


def test_a_mode_of_another_programme_is_refused_by_name(commune):
    place = PlacePageFactory.build(commune=commune)
    place.programmes.set([programme("lieux-rencontre-enfants-parents")])
    place.access_modes.set([access_mode("accueil-libre"), access_mode("decision-du-juge")])
    with pytest.raises(ValidationError) as caught:
        place.clean()
    assert caught.value.message_dict["access_modes"] == [
        "Le mode d'accès « Sur décision du juge » n'appartient à aucun programme de ce lieu."
    ]


def test_the_editor_shows_the_refused_mode_and_keeps_the_place(admin_client, place):
    data = place_form_data(place, **{"action-publish": "1"})
    data["access_modes"] = [str(access_mode("sur-rendez-vous").pk)]
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[place.pk]), data)
    assert response.status_code == 200
    assert "Sur rendez-vous" in str(response.context["form"].errors["access_modes"])
    place.refresh_from_db()
    assert [m.slug for m in place.access_modes.all()] == ["accueil-libre"]


def test_the_editor_saves_the_modes_of_the_place_programmes(admin_client, commune):
    place = PlacePageFactory(commune=commune, programmes=[programme("espaces-de-rencontre")])
    data = place_form_data(place, **{"action-publish": "1"})
    data["access_modes"] = [str(access_mode("accord-des-parents").pk)]
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[place.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    place.refresh_from_db()
    assert [m.slug for m in place.access_modes.all()] == ["accord-des-parents"]


def test_the_record_carries_the_modes_in_the_programmes_order(commune):
    place = PlacePageFactory(
        commune=commune,
        programmes=[programme("espaces-de-rencontre")],
        access_details="Premier entretien avec les deux parents.",
    )
    [record] = place_records([place.pk], "fr")
    assert [m.slug for m in record.access_modes] == ["decision-du-juge", "accord-des-parents"]
    assert [m.says_free for m in record.access_modes] == [False, False]
    assert record.access_label == "Sur décision du juge ou par accord des parents"
    assert record.access_text == (
        "Sur décision du juge ou par accord des parents — Premier entretien avec les deux parents."
    )
    [english] = place_records([place.pk], "en")
    assert english.access_label == "By court order or by agreement between the parents"


def test_the_detail_api_gives_slugs_and_names(client, commune):
    place = PlacePageFactory(
        commune=commune,
        programmes=[programme("espaces-de-rencontre")],
        access_modes=["decision-du-juge"],
    )
    body = client.get(f"/api/v1/places/{place.pk}/", {"lang": "nl"}).json()
    assert body["access"]["modes"] == [
        {"slug": "decision-du-juge", "name": "Op beslissing van de rechter"}
    ]
    assert body["access"]["label"] == "Op beslissing van de rechter"


def test_access_modes_are_listed_with_their_programme(client):
    body = client.get("/api/v1/access-modes/", {"lang": "fr"}).json()
    assert [(m["slug"], m["programme"]) for m in body] == [
        ("accueil-libre", "lieux-rencontre-enfants-parents"),
        ("decision-du-juge", "espaces-de-rencontre"),
        ("accord-des-parents", "espaces-de-rencontre"),
        ("sur-rendez-vous", "consultations-enfants"),
    ]
    programmes = client.get("/api/v1/programmes/").json()
    ffer = next(p for p in programmes if p["slug"] == "espaces-de-rencontre")
    assert [m["slug"] for m in ffer["access_modes"]] == ["decision-du-juge", "accord-des-parents"]


def test_an_unknown_mode_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/places/", {"access": "sans-rendez-vous"})
    assert response.status_code == 400
    assert "access" in response.json()["errors"]
