"""Programme and objective pages describe the taxonomy and list its places."""

import pytest
from django.utils import translation

from tests.factories import PlacePageFactory, objective, programme


@pytest.fixture
def places(commune):
    return {
        "passerelle": PlacePageFactory(
            title="Le Pont des Petits", commune=commune, objectives=[objective("passerelles")]
        ),
        "quartier": PlacePageFactory(
            title="La Ruche du Quartier",
            commune=commune,
            objectives=[objective("dynamisation-de-quartier")],
        ),
        "ffer": PlacePageFactory(
            title="Espace Trait d'Union",
            commune=commune,
            programmes=[programme("espaces-de-rencontre")],
            objectives=[objective("maintien-du-lien")],
        ),
    }


def test_programme_page_lists_its_objectives_and_places(client, places):
    html = client.get("/programmes/lieux-rencontre-enfants-parents/").content.decode()
    assert "Socialisation douce « passerelles »" in html
    assert "Le Pont des Petits" in html
    assert "La Ruche du Quartier" in html
    assert "Trait d&#x27;Union" not in html


def test_objective_page_lists_only_its_places(client, places):
    html = client.get("/objectifs/passerelles/").content.decode()
    assert "Le Pont des Petits" in html
    assert "La Ruche du Quartier" not in html


def test_the_eight_objectives_of_annexe_1_are_seeded(db):
    slugs = list(programme().objectives.values_list("slug", flat=True))
    assert slugs == [
        "integration-culturelle",
        "dynamisation-de-quartier",
        "remediation-sociale",
        "prevention-sante-mentale",
        "aide-a-la-jeunesse",
        "passerelles",
        "education-permanente",
        "promotion-sante-bientraitance",
    ]


def test_each_programme_states_its_access_modes(db):
    modes = {
        p.slug: [m.slug for m in p.access_modes.all()]
        for p in [
            programme(s)
            for s in (
                "lieux-rencontre-enfants-parents",
                "espaces-de-rencontre",
                "consultations-enfants",
            )
        ]
    }
    assert modes == {
        "lieux-rencontre-enfants-parents": ["accueil-libre"],
        "espaces-de-rencontre": ["decision-du-juge", "accord-des-parents"],
        "consultations-enfants": ["sur-rendez-vous"],
    }


def test_unknown_slugs_are_404(client, db):
    assert client.get("/programmes/inconnu/").status_code == 404
    assert client.get("/objectifs/inconnu/").status_code == 404


def test_sitemap_lists_places_programmes_and_objectives(client, places):
    body = client.get("/sitemap.xml").content.decode()
    assert "/lieux/le-pont-des-petits/" in body
    assert "/programmes/espaces-de-rencontre/" in body
    assert "/objectifs/passerelles/" in body


def test_names_follow_the_active_language(db):
    passerelles = objective("passerelles")
    with translation.override("en"):
        assert passerelles.name == "Gentle socialisation: bridges"
    with translation.override("fr"):
        assert passerelles.name == "Socialisation douce « passerelles »"


@pytest.mark.parametrize(
    ("language", "programme_text", "objective_text"),
    [
        ("nl", "erkend door het ONE", "maakt deel uit van het leven in de buurt"),
        ("en", "Places recognised by ONE", "is part of neighbourhood life"),
    ],
)
def test_descriptions_follow_the_page_language(
    client, places, language, programme_text, objective_text
):
    home = client.get(f"/{language}/").content.decode()
    programme_page = client.get(
        f"/{language}/programmes/lieux-rencontre-enfants-parents/"
    ).content.decode()
    objective_page = client.get(f"/{language}/objectifs/dynamisation-de-quartier/")
    assert programme_text in home and "Lieux reconnus par" not in home
    assert programme_text in programme_page and "Lieux reconnus par" not in programme_page
    assert objective_text in objective_page.content.decode()
    assert "vie du quartier" not in objective_page.content.decode()


def test_the_api_describes_terms_in_the_language_asked(client, db):
    programmes = client.get("/api/v1/programmes/?lang=en").json()
    described = {p["slug"]: p["description"] for p in programmes}
    assert described["espaces-de-rencontre"].startswith("Neutral, secure places")
