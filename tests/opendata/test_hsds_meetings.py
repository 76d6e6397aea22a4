"""How meetings go at a place in the open data: HSDS's `required_documents`, `service_areas`
(the referring courts' seats) and `eligibility_description`, validated by the vendored schema;
data·inclusion's `conditions_acces` and `mobilisation_precisions`, by its own package."""

from datetime import timedelta

import pytest
from data_inclusion.schema.v1 import Service
from django.utils import timezone

from directory.models import RequiredDocument
from opendata.ids import record_id
from tests.factories import CommuneFactory, CourtFactory, PlacePageFactory, programme
from tests.opendata.schemas import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def espace(db):
    lille = CommuneFactory(country="FR", code="59350", name_fr="Lille")
    place = PlacePageFactory(
        title="Espace de rencontre du Nord",
        commune=lille,
        country="FR",
        postcode="59000",
        programmes=[programme("espaces-de-rencontre")],
    )
    place.required_documents.set(
        RequiredDocument.objects.filter(slug__in=["decision-du-juge", "piece-identite"])
    )
    place.courts.set(
        [CourtFactory(slug="tj-lille", name_fr="Tribunal judiciaire de Lille", commune=lille)]
    )
    place.prior_interview = True
    place.waiting_weeks = 13
    place.waiting_declared_on = timezone.localdate() - timedelta(days=120)
    place.save()
    return place


def test_hsds_says_documents_area_and_eligibility(client, espace):
    response = client.get(f"/api/hsds/services/{record_id('service', espace.pk)}")
    service = response.json()
    validate("service", service)
    assert [d["document"] for d in service["required_documents"]] == [
        "La décision du juge",
        "Une pièce d'identité",
    ]
    [area] = service["service_areas"]
    assert area["name"] == "Lille" and "Tribunal judiciaire de Lille" in area["description"]
    assert (
        "Familles orientées par : Tribunal judiciaire de Lille."
        in (service["eligibility_description"])
    )
    assert "Un entretien avec chaque parent" in service["eligibility_description"]


def test_data_inclusion_says_documents_interview_and_waiting(client, espace):
    services = client.get("/api/data-inclusion/v1/services").json()["items"]
    [service] = [s for s in services if s["nom"] == "Espace de rencontre du Nord"]
    Service.model_validate(service)
    assert "À apporter : la décision du juge, une pièce d'identité." in service["conditions_acces"]
    assert "Un entretien avec chaque parent" in service["conditions_acces"]
    assert "Attente : environ 3 mois (au " in service["mobilisation_precisions"]
    assert service["mobilisation_precisions"].endswith(", à confirmer)")
