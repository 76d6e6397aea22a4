"""The commune a name, a key, a code or a postcode's locality means (`resolve_commune`): what
the import's `commune` column is read with, as the search reads `near`."""

import pytest

from gazetteer.lookup import resolve_commune
from tests.factories import CommuneFactory, docs_gazetteer


@pytest.fixture
def places(db):
    return docs_gazetteer()


@pytest.mark.parametrize(
    ("text", "postcode", "country", "commune"),
    [
        # Names, in French or Dutch, any case, with or without accents.
        ("Liège", "4000", "BE", "liege"),
        ("LIEGE", "4000", "BE", "liege"),
        ("liège ", "", "", "liege"),
        ("Luik", "4000", "BE", "liege"),
        ("Namen", "", "", "namur"),
        # A section gives the commune it belongs to, with or without its postcode.
        ("Jupille-sur-Meuse", "4020", "BE", "liege"),
        ("jupille sur meuse", "", "", "liege"),
        ("Jambes", "5100", "BE", "namur"),
        ("Jambes", "", "", "namur"),
        ("Paris 11", "75011", "FR", "paris"),
        # A locality of the postcode that is neither commune nor section.
        ("Bressoux", "4020", "BE", "liege"),
        ("Bressoux", "", "", "liege"),
        # Stable keys and official codes.
        ("BE-62063", "4000", "BE", "liege"),
        ("be-62063", "", "", "liege"),
        ("FR-59350", "59000", "FR", "lille_fr"),
        ("BE-92094-jambes", "", "", "namur"),
        ("FR-75111", "", "", "paris"),
        ("62063", "4000", "BE", "liege"),
        ("59350", "59000", "FR", "lille_fr"),
        ("59350", "", "", "lille_fr"),
        # A postcode and a locality in one text.
        ("4020 Jupille-sur-Meuse", "", "", "liege"),
        ("5100 Jambes", "", "", "namur"),
        # Homonyms: the postcode or the country chooses; alone, Belgium first.
        ("Lille", "59000", "FR", "lille_fr"),
        ("Lille", "59000", "", "lille_fr"),
        ("Lille", "2275", "BE", "lille_be"),
        ("Lille", "", "FR", "lille_fr"),
        ("Lille", "", "", "lille_be"),
        # The name alone when the postcode serves none of its bearers: the caller says so.
        ("Namur", "4000", "BE", "namur"),
    ],
)
def test_a_commune_is_found_as_the_search_finds_it(places, text, postcode, country, commune):
    assert resolve_commune(text, postcode=postcode, country=country) == places[commune]


@pytest.mark.parametrize(
    ("text", "postcode", "country"),
    [
        ("Atlantide", "4000", "BE"),
        ("", "4000", "BE"),
        ("  ", "", ""),
        (None, "", ""),
        ("BE-99999", "", ""),
        ("BE-92094-nowhere", "", ""),
        ("99999", "", ""),
        ("62063", "", "FR"),
        ("Jambes", "", "FR"),
        ("x" * 500, "", ""),
    ],
)
def test_what_names_no_commune_is_none(places, text, postcode, country):
    assert resolve_commune(text, postcode=postcode, country=country) is None


def test_a_retired_commune_is_no_longer_found(places):
    CommuneFactory(country="BE", code="99001", name_fr="Ancienne", retired=True)
    assert resolve_commune("Ancienne") is None
    assert resolve_commune("99001") is None
    assert resolve_commune("BE-99001") is None
