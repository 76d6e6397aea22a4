"""Courts (gazetteer.courts): the real list loads the courts whose seat is loaded, without
touching what staff changed; « tribunal de Lille » is read as Lille's court, in French or Dutch,
and the search's `near` understands it."""

import pytest

from gazetteer.addresses import resolve_for_search
from gazetteer.courts import court_rows, load_courts, resolve_court
from gazetteer.models import Commune, Court
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seats(db):
    CommuneFactory(country="FR", code="59350", name_fr="Lille")
    # Lille in the province of Antwerp: no court sits there.
    CommuneFactory(country="BE", code="13019", name_fr="Lille")
    CommuneFactory(country="BE", code="44021", name_fr="Gand", name_nl="Gent")
    CommuneFactory(country="BE", code="21004", name_fr="Bruxelles", name_nl="Brussel")
    load_courts(Court, Commune)


def test_the_list_is_well_formed():
    rows = court_rows()
    slugs = [row["slug"] for row in rows]
    assert len(slugs) == len(set(slugs))
    assert {row["country"] for row in rows} == {"FR", "BE"}
    for row in rows:
        code = row["commune_code"]
        assert len(code) == 5 and row["name_fr"], row


def test_only_courts_whose_seat_is_loaded_are_added_once(seats):
    assert set(Court.objects.values_list("slug", flat=True)) == {
        "tj-lille",
        "tpi-gand",
        "tpi-bruxelles-fr",
        "tpi-bruxelles-nl",
    }
    Court.objects.filter(slug="tj-lille").update(name_fr="Tribunal judiciaire de Lille (Nord)")
    CommuneFactory(country="FR", code="75056", name_fr="Paris")
    assert load_courts(Court, Commune) == 1
    assert Court.objects.get(slug="tj-lille").name_fr == "Tribunal judiciaire de Lille (Nord)"


@pytest.mark.parametrize(
    "text",
    [
        "tribunal de Lille",
        "Tribunal judiciaire de Lille",
        "TRIBUNAL JUDICIAIRE DE LILLE",
        "juge aux affaires familiales de Lille",
        "tj lille",
    ],
)
def test_lilles_court(seats, text):
    point = resolve_court(text)
    assert point.court == "tj-lille" and point.kind == "court"
    assert point.label == "Tribunal judiciaire de Lille"


@pytest.mark.parametrize("text", ["rechtbank Gent", "tribunal de Gand", "Familierechtbank Gent"])
def test_a_belgian_court_in_french_or_dutch(seats, text):
    assert resolve_court(text).court == "tpi-gand"


def test_brussels_has_two_courts_the_other_offered_by_its_full_name(seats):
    point = resolve_court("tribunal de Bruxelles")
    assert point.court == "tpi-bruxelles-fr"
    [other] = point.alternatives
    assert resolve_court(other.value).court == "tpi-bruxelles-nl"


@pytest.mark.parametrize(
    "text", ["Lille", "59000", "tribunal de Paris", "tribunal", "rue du Tribunal"]
)
def test_what_is_not_a_known_court(seats, text):
    assert resolve_court(text) is None


def test_the_search_reads_a_court_first(seats):
    assert resolve_for_search("tribunal de Lille").court == "tj-lille"
