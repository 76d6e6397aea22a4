"""What families type, resolved on a tiny inline gazetteer: keys, ambiguous names and their
alternatives, sections, postcodes, coordinates, bad input."""

import pytest
from django.utils import translation

from gazetteer.lookup import resolve_near, suggest
from tests.gazetteer.inline import make_commune, make_jambes, make_postcode, make_section


@pytest.fixture
def places(db):
    lille_be = make_commune("BE", "13019", "Lille", "51.242", "4.823", 16000, "Province d’Anvers")
    lille_fr = make_commune("FR", "59350", "Lille", "50.6309", "3.0709", 232787, "Nord")
    namur = make_commune(
        "BE", "92094", "Namur", "50.4669", "4.8675", None, "Province de Namur", "Namen"
    )
    montreuil_93 = make_commune(
        "FR", "93048", "Montreuil", "48.8625", "2.4428", 109897, "Seine-Saint-Denis"
    )
    montreuil_62 = make_commune(
        "FR", "62588", "Montreuil", "50.4637", "1.7635", 1900, "Pas-de-Calais"
    )
    paris = make_commune("FR", "75056", "Paris", "48.8566", "2.3429", 2103778, "Paris")
    jambes = make_jambes(namur, population=19658)
    paris_11 = make_section(
        paris,
        "FR-75111",
        "Paris 11e Arrondissement",
        "48.8585",
        "2.3795",
        "paris 11e arrondissement|paris 11e|paris 11",
        kind="arrondissement",
    )
    make_postcode(namur, "5000", "Namur", "50.4669", "4.8675")
    make_postcode(paris, "75011", "Paris 11e Arrondissement", "48.8585", "2.3795", paris_11)
    sulignat = make_commune("FR", "01412", "Sulignat", "46.18", "4.97", 500, "Ain")
    chatillon = make_commune(
        "FR", "01093", "Châtillon-sur-Chalaronne", "46.12", "4.96", 5000, "Ain"
    )
    make_postcode(sulignat, "01400", "Sulignat", "46.18", "4.97")
    make_postcode(chatillon, "01400", "Châtillon-sur-Chalaronne", "46.12", "4.96")
    return {
        "lille_be": lille_be,
        "lille_fr": lille_fr,
        "namur": namur,
        "montreuil_93": montreuil_93,
        "montreuil_62": montreuil_62,
        "jambes": jambes,
        "chatillon": chatillon,
    }


def test_a_name_whose_largest_bearer_dominates_resolves_to_it_and_offers_the_other(places):
    """Lille (Nord, 232,787) has more than three times Lille (Antwerp, 16,000)'s people."""
    point = resolve_near("LILLE")
    assert (point.kind, point.key, point.commune_id) == (
        "commune",
        "FR-59350",
        places["lille_fr"].pk,
    )
    assert (point.label, point.ambiguous, point.homonym) == ("Lille (Nord, France)", False, "Lille")
    [alternative] = point.alternatives
    assert (alternative.value, alternative.label) == ("BE-13019", "Lille (Anvers, Belgique)")
    # The alternative's value is itself a `near` that names the Belgian one, in full.
    belgian = resolve_near(alternative.value)
    assert (belgian.commune_id, belgian.latitude) == (places["lille_be"].pk, 51.242)
    assert belgian.label == "Lille (Anvers, Belgique)" and not belgian.ambiguous


def test_far_homonyms_of_like_size_are_ambiguous(places):
    """Saint-Denis (Seine-Saint-Denis, ~110,000) or Saint-Denis (La Réunion, ~150,000): a
    guess, metropolitan France before overseas, both offered."""
    make_commune("FR", "93066", "Saint-Denis", "48.9362", "2.3574", 113000, "Seine-Saint-Denis")
    make_commune("FR", "97411", "Saint-Denis", "-20.8821", "55.4507", 153000, "La Réunion")
    make_commune("FR", "11339", "Saint-Denis", "43.3542", "2.2206", 480, "Aude")
    point = resolve_near("saint denis")
    assert point.ambiguous and point.key == "FR-93066" and point.homonym == "Saint-Denis"
    assert [a.value for a in point.alternatives] == ["FR-97411", "FR-11339"]
    assert point.alternatives[0].label == "Saint-Denis (La Réunion, France)"
    # A key is no guess.
    assert not resolve_near("FR-97411").ambiguous


def test_an_ambiguous_name_tips_towards_belgium_on_a_dutch_page(places):
    make_commune("BE", "57081", "Homonyme", "50.6", "3.4", 10000, "Province de Hainaut")
    make_commune("FR", "01001", "Homonyme", "46.0", "5.0", 12000, "Ain")
    with translation.override("fr"):
        french = resolve_near("homonyme")
    with translation.override("nl"):
        dutch = resolve_near("homonyme")
    assert french.ambiguous and dutch.ambiguous
    assert (french.key, dutch.key) == ("FR-01001", "BE-57081")


def test_nearby_homonyms_are_one_place_the_largest(places):
    make_commune("FR", "60001", "Jumeau", "49.40", "2.80", 500, "Oise")
    make_commune("FR", "60002", "Jumeau", "49.50", "2.90", 800, "Oise")
    point = resolve_near("jumeau")
    assert (point.key, point.ambiguous) == ("FR-60002", False)
    assert [a.value for a in point.alternatives] == ["FR-60001"]


def test_among_french_homonyms_the_most_populous_wins(places):
    point = resolve_near("montreuil")
    assert point.key == "FR-93048"
    assert [a.label for a in point.alternatives] == ["Montreuil (Pas-de-Calais, France)"]


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("FR-59350", "commune", "FR-59350"),
        ("fr-59350", "commune", "FR-59350"),
        ("BE-13019", "commune", "BE-13019"),
        ("BE-92094-jambes", "section", "BE-92094-jambes"),
        ("be-92094-JAMBES", "section", "BE-92094-jambes"),
        ("FR-75111", "section", "FR-75111"),
        ("Jambes", "section", "BE-92094-jambes"),
        ("Paris 11", "section", "FR-75111"),
        ("paris 11e", "section", "FR-75111"),
        ("Namen", "commune", "BE-92094"),
    ],
)
def test_keys_and_section_names_resolve(places, text, kind, key):
    point = resolve_near(text)
    assert (point.kind, point.key) == (kind, key)


def test_a_section_resolves_to_its_own_point_within_its_commune(places):
    point = resolve_near("jambes")
    assert (point.latitude, point.longitude) == (50.45636, 4.87166)
    assert point.commune_id == places["namur"].pk
    assert point.label == "Jambes, Namur (Namur, Belgique)"


@pytest.mark.parametrize(
    ("text", "label", "latitude"),
    [
        ("5000", "5000 Namur", 50.4669),
        ("5100", "5100 Jambes", 50.45636),
        ("75011", "75011 Paris 11e Arrondissement", 48.8585),
        ("01400", "01400 Châtillon-sur-Chalaronne", 46.12),
        ("01400 Sulignat", "01400 Sulignat", 46.18),
        ("F-01400 sulignat", "01400 Sulignat", 46.18),
    ],
)
def test_postcodes_resolve_to_their_own_place(places, text, label, latitude):
    point = resolve_near(text)
    assert (point.kind, point.label, point.latitude) == ("postcode", label, latitude)


def test_a_shared_postcode_offers_the_other_communes(places):
    point = resolve_near("01400")
    assert [(a.value, a.label) for a in point.alternatives] == [
        ("01400 Sulignat", "01400 Sulignat (France)")
    ]
    assert resolve_near(point.alternatives[0].value).latitude == 46.18


def test_a_locality_known_only_by_its_postcode_resolves(places):
    namur = places["namur"]
    make_postcode(namur, "5020", "Vedrin", "50.50", "4.87")
    point = resolve_near("Vedrin")
    assert (point.kind, point.label) == ("postcode", "5020 Namur")


@pytest.mark.parametrize(
    "text",
    ["", "  ", "xyzzy", "0000", "99999", "123456", "FR-00000", "BE-92094-nowhere", "FR-5935"]
    + ["XX-59350", "FR-59350-Z", "91,5", "-91, 0", "abc,def", "?!", "x" * 500, None, 42],
)
def test_unknown_or_malformed_input_resolves_to_nothing(places, text):
    assert resolve_near(text) is None


def test_coordinates_resolve(db):
    point = resolve_near(" 50.6326 , 5.5797 ")
    assert (point.kind, point.latitude, point.longitude, point.key) == (
        "coordinates",
        50.6326,
        5.5797,
        "",
    )


def test_suggestions_carry_unique_keys_and_say_country_and_area(places):
    suggestions = suggest("lil")
    assert [(s.value, s.label) for s in suggestions] == [
        ("BE-13019", "Lille (Anvers, Belgique)"),
        ("FR-59350", "Lille (Nord, France)"),
    ]
    assert len({s.value for s in suggest("m")}) == len(suggest("m"))
    [jambes] = suggest("jamb")
    assert (jambes.value, jambes.label, jambes.kind) == (
        "BE-92094-jambes",
        "Jambes, Namur (Namur, Belgique)",
        "section",
    )
    assert [s.value for s in suggest("nam")] == ["BE-92094"]
    assert suggest("Nam")[0].label == "Namur (Namur, Belgique)"
    assert suggest("namen")[0].label == "Namen (Namur, Belgique)"
    # A word inside a name: "chalaronne" finds Châtillon-sur-Chalaronne.
    assert [s.value for s in suggest("chalar")] == ["FR-01093"]


def test_postcode_suggestions(places):
    assert [s.value for s in suggest("5")] == ["5000", "5100"]
    assert [s.value for s in suggest("014")] == [
        "01400 Châtillon-sur-Chalaronne",
        "01400 Sulignat",
    ]
    assert suggest("") == [] and suggest("zzzz") == [] and suggest("lil", limit=0) == []


def test_labels_name_places_in_the_visitors_language(places):
    from django.utils import translation

    make_commune("BE", "62063", "Liège", "50.63", "5.57", 195000, "Province de Liège", "Luik")
    with translation.override("nl"):
        assert resolve_near("5000").label == "5000 Namen"
        assert resolve_near("BE-92094").label == "Namen (Namen, België)"
        assert resolve_near("Jambes").label == "Jambes, Namen (Namen, België)"
        # The name the family typed, whatever the page's language.
        assert resolve_near("Liège").label == "Liège (Luik, België)"
        assert resolve_near("Luik").label == "Luik (Luik, België)"
        [lille] = [s for s in suggest("lille") if s.value == "BE-13019"]
        assert lille.label == "Lille (Antwerpen, België)"
    with translation.override("en"):
        assert resolve_near("5000").label == "5000 Namur"
        assert resolve_near("Luik").label == "Luik (Liège, Belgium)"
        [lille] = [s for s in suggest("lille") if s.value == "BE-13019"]
        assert lille.label == "Lille (Antwerp, Belgium)"


@pytest.mark.parametrize("text", ["FR-75011", "fr 75011", "F-75011", "75011"])
def test_a_french_postcode_with_its_country_resolves(places, text):
    point = resolve_near(text)
    assert (point.kind, point.label) == ("postcode", "75011 Paris 11e Arrondissement")


def test_invisible_characters_from_a_copy_and_paste_are_ignored(places):
    assert resolve_near("Namur\u200b").key == "BE-92094"
    assert resolve_near("\ufeff5000").label == "5000 Namur"
    assert [s.value for s in suggest("Nam\u200b")] == ["BE-92094"]


@pytest.mark.parametrize(
    ("prefix", "codes"),
    [
        ("B-50", ["5000"]),
        ("be 51", ["5100"]),
        ("F-750", ["75011"]),
        ("F-50", []),
        ("5000 Nam", ["5000 Namur"]),
        ("5000 jam", []),
        ("01400 châtillon", ["01400 Châtillon-sur-Chalaronne"]),
    ],
)
def test_suggestions_complete_a_postcode_typed_with_its_country(places, prefix, codes):
    assert [s.value for s in suggest(prefix)] == codes
