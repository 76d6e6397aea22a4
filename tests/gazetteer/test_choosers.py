"""The communes' chooser: the place editor no longer lists every commune; an organiser finds
one by name, postcode or official code, and the editor saves the one chosen."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page

from gazetteer.models import PlaceName
from tests.admin_forms import place_form_data
from tests.factories import CommuneFactory, PostalCodeFactory, docs_gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def namur(db):
    return CommuneFactory(
        name_fr="Namur",
        name_nl="Namen",
        code="92094",
        province="Province de Namur",
        latitude=Decimal("50.466700"),
        longitude=Decimal("4.866700"),
        search_names="namur|namen",
    )


def many_communes(count: int, start: int = 0):
    return [
        CommuneFactory(name_fr=f"Bourgtemoin {n}", code=f"8{n:04d}") for n in range(start, count)
    ]


def editor(client, place) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[place.pk]))
    assert response.status_code == 200
    return response.content.decode()


def found(client, query: str) -> str:
    response = client.get(reverse("commune_chooser:choose_results"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_place_editor_lists_no_commune(client, organiser_a, place_a):
    many_communes(50)
    client.force_login(organiser_a)
    html = editor(client, place_a)
    assert "Bourgtemoin" not in html
    assert 'select name="commune"' not in html
    # The place's own commune is shown, told apart from its homonyms by its province.
    assert "Liège (Liège, Belgique)" in html
    assert reverse("commune_chooser:choose") in html


def test_the_place_editor_does_not_grow_with_the_gazetteer(client, organiser_a, place_a):
    many_communes(50)
    client.force_login(organiser_a)
    before = len(editor(client, place_a))
    many_communes(250, start=50)
    # A <select> grew by some 40 bytes an option: 8 kB for these 200.
    assert len(editor(client, place_a)) - before < 500


def test_an_organiser_finds_a_commune_by_name_in_either_language(
    client, organiser_a, commune, namur
):
    client.force_login(organiser_a)
    for query in ("Namur", "namen", "NAM"):
        html = found(client, query)
        assert "Namur / Namen" in html and "Liège" not in html, query
    assert "Liège / Luik" in found(client, "liège")


def test_a_commune_of_that_very_name_comes_first(client, organiser_a):
    for code, name in (("1", "Champagne"), ("2", "Hamme"), ("3", "Ham"), ("4", "Le Ham")):
        CommuneFactory(code=code, name_fr=name, search_names=name.lower())
    client.force_login(organiser_a)
    choices = re.findall(
        r"<a [^>]*data-chooser-modal-choice[^>]*>\s*(.*?)\s*</a>", found(client, "ham")
    )
    assert choices == ["Ham", "Hamme", "Le Ham", "Champagne"]


def test_an_organiser_finds_a_commune_by_postcode_or_official_code(
    client, organiser_a, commune, namur
):
    PostalCodeFactory(code="4020", locality="Jupille-sur-Meuse", commune=commune)
    PostalCodeFactory(code="5100", locality="Jambes", commune=namur)
    client.force_login(organiser_a)
    html = found(client, "4020")
    assert "Liège / Luik" in html and "Namur" not in html
    # Its province and postcodes tell homonyms apart.
    headings = re.findall(r"<th[^>]*>\s*(.*?)\s*</th>", html)
    assert headings == [
        "Commune",
        "Province ou département",
        "Pays",
        "Code INS/INSEE",
        "Codes postaux",
    ]
    assert "4020" in html
    assert "Namur / Namen" in found(client, "5100")
    assert "Namur / Namen" in found(client, "92094")
    assert "Namur" not in found(client, "62063")


def test_a_section_name_finds_its_commune(client, organiser_a, commune, namur):
    PlaceName.objects.create(name="jambes", country="BE", commune=namur)
    client.force_login(organiser_a)
    html = found(client, "Jambes")
    assert "Namur / Namen" in html and "Liège" not in html


def test_a_name_with_a_number_is_not_read_as_a_code(client, organiser_a):
    paris = CommuneFactory(country="FR", code="75056", name_fr="Paris", search_names="paris")
    PlaceName.objects.create(name="paris 15e arrondissement", country="FR", commune=paris)
    CommuneFactory(country="FR", code="2A004", name_fr="Ajaccio", search_names="ajaccio")
    client.force_login(organiser_a)
    assert "Paris" in found(client, "Paris 15")
    assert "Ajaccio" in found(client, "2a0")


def test_a_retired_commune_is_not_offered(client, organiser_a, commune):
    CommuneFactory(name_fr="Ancienne", code="99999", search_names="ancienne", retired=True)
    client.force_login(organiser_a)
    assert "Ancienne" not in found(client, "ancienne")


def test_the_chooser_is_for_admin_users_only(client, commune):
    response = client.get(reverse("commune_chooser:choose_results"), {"q": "liege"})
    assert response.status_code == 302
    assert "Liège" not in response.content.decode()


def test_the_chosen_commune_is_returned_with_its_label(client, organiser_a, namur):
    client.force_login(organiser_a)
    response = client.get(reverse("commune_chooser:chosen", args=[namur.pk]))
    assert response.json()["result"] == {
        "id": str(namur.pk),
        "title": "Namur (Namur, Belgique)",
        "edit_url": None,
    }


def test_the_editor_saves_the_chosen_commune(client, organiser_a, place_a, namur):
    client.force_login(organiser_a)
    assert reverse("commune_chooser:choose") in editor(client, place_a)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[place_a.pk]),
        place_form_data(place_a, commune=str(namur.pk), **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    draft = Page.objects.get(pk=place_a.pk).specific.get_latest_revision_as_object()
    assert draft.commune == namur


def test_what_the_search_and_the_import_read_as_a_commune_finds_it(client, organiser_a):
    docs_gazetteer()
    client.force_login(organiser_a)
    assert "Liège / Luik" in found(client, "BE-62063")
    assert "Liège / Luik" in found(client, "4020 Jupille-sur-Meuse")
    assert "Liège / Luik" in found(client, "Bressoux")
    assert "Namur / Namen" in found(client, "BE-92094-jambes")
