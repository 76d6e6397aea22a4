"""`/api/data-inclusion/v1/`: the French places, validated by the schema's own package
(`data-inclusion-schema`); discreet places show their commune only."""

import json
from decimal import Decimal
from importlib.metadata import version

import pytest
from data_inclusion.schema.v1 import Service, Structure

from directory.models import PlacePage
from gazetteer.models import Commune
from tests.factories import PlacePageFactory, programme

pytestmark = pytest.mark.django_db

STREET = "Impasse Secrète 9"
POINT = (Decimal("50.611111"), Decimal("3.011111"))


def get(client, path, **params):
    response = client.get(f"/api/data-inclusion/v1{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def french_discreet_place(world):
    return PlacePageFactory(
        title="Espace de rencontre du Nord",
        commune=Commune.objects.get(code="59350"),
        country="FR",
        postcode="59800",
        street_address=STREET,
        latitude=POINT[0],
        longitude=POINT[1],
        email="secret@nord.example",
        phone="+33 3 20 00 00 00",
        is_discreet=True,
        programmes=[programme("espaces-de-rencontre")],
    )


def test_structures_and_services_validate(client, world, french_discreet_place):
    structures = get(client, "/structures")
    assert {s["nom"] for s in structures["items"]} == {
        "Maison Arc-en-ciel",
        "Espace de rencontre du Nord",
    }
    assert structures["total"] == 2
    for item in structures["items"]:
        Structure.model_validate(item)
    services = get(client, "/services")
    for item in services["items"]:
        Service.model_validate(item)
    nord = next(s for s in services["items"] if s["nom"] == "Espace de rencontre du Nord")
    assert "famille--surmonter-conflits-separation-violence" in nord["thematiques"]
    assert "famille--soutien-a-la-parentalite-et-a-leducation" in nord["thematiques"]
    # Its modes: a judge sends families, or both parents agree and call.
    assert nord["mobilisable_par"] == ["usagers", "professionnels"]
    assert nord["mobilisation_precisions"] == "Sur décision du juge ou par accord des parents"
    assert "se-presenter" not in nord["modes_mobilisation"]
    arc = next(s for s in structures["items"] if s["nom"] == "Maison Arc-en-ciel")
    assert arc["code_postal"] == "59000" and arc["adresse"]
    assert arc["horaires_accueil"] == "We 09:00-12:00"


def test_discreet_place_shows_its_commune_only(client, world, french_discreet_place):
    for path in ("/structures", "/services"):
        body = get(client, path)
        text = json.dumps(body, ensure_ascii=False)
        for secret in (STREET, "secret@nord.example", "59800", "50.6111", "3.0111"):
            assert secret not in text, (path, secret)
        nord = next(i for i in body["items"] if i["nom"] == "Espace de rencontre du Nord")
        assert (nord["latitude"], nord["longitude"]) == (50.6292, 3.0573)
        assert "adresse" not in nord and "code_postal" not in nord and "courriel" not in nord


def test_paging_and_bad_input(client, world, french_discreet_place):
    page = get(client, "/structures", size="1", page="2")
    assert (page["total"], page["pages"], len(page["items"])) == (2, 2, 1)
    for params, name in (
        ({"size": "1000"}, "size"),
        ({"page": "0"}, "page"),
        ({"modified_after": "x"}, "modified_after"),
    ):
        response = client.get("/api/data-inclusion/v1/services", params)
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [name]
    assert get(client, "/services", modified_after="2099-01-01")["total"] == 0


def test_a_description_keeps_its_paragraphs_apart(client, world, french_discreet_place):
    PlacePage.objects.filter(pk=french_discreet_place.pk).update(
        description="<p>Sans se croiser.</p><p>Langues parlées : français.</p>"
    )
    structures = get(client, "/structures")
    nord = next(s for s in structures["items"] if s["nom"] == "Espace de rencontre du Nord")
    assert nord["description"] == "Sans se croiser.\nLangues parlées : français."


def test_the_validating_schema_is_at_least_the_version_partners_read():
    # Issue 32 asks for schema 1.0.8; the installed package (1.0.10) is its later patch release.
    installed = tuple(int(part) for part in version("data-inclusion-schema").split(".")[:3])
    assert (1, 0, 8) <= installed < (2,)
