"""Typos and the site's own labels (issue 27): a name a typo away still finds its place, in
`near` and in the suggestions; every label the site prints resolves back to its place."""

import pytest
from django.utils import translation

from gazetteer.fuzzy import close_names, distance, max_edits, trigrams
from gazetteer.lookup import resolve_near, suggest
from gazetteer.models import NameTrigram
from gazetteer.readback import parse_label
from tests.gazetteer.inline import make_commune, make_jambes, make_postcode, make_section


@pytest.fixture
def gazetteer(db):
    liege = make_commune(
        "BE", "62063", "Liège", "50.6326", "5.5797", 195000, "Province de Liège", "Luik"
    )
    make_commune("FR", "80477", "Ligescourt", "50.29", "1.87", 180, "Somme")
    namur = make_commune(
        "BE", "92094", "Namur", "50.4669", "4.8675", 113000, "Province de Namur", "Namen"
    )
    bruxelles = make_commune("BE", "21004", "Bruxelles", "50.8467", "4.3525", 188000, "", "Brussel")
    bruxelles.region = "Région de Bruxelles-Capitale"
    bruxelles.save()
    make_commune(
        "BE",
        "71053",
        "Saint-Trond",
        "50.8166",
        "5.1866",
        41000,
        "Province de Limbourg",
        "Sint-Truiden",
    )
    make_commune("FR", "97411", "Saint-Denis", "-20.8789", "55.4481", 153000, "La Réunion")
    make_commune("FR", "93066", "Saint-Denis", "48.9356", "2.3539", 113000, "Seine-Saint-Denis")
    make_commune("BE", "13019", "Lille", "51.242", "4.823", 16000, "Province d’Anvers")
    make_commune("FR", "59350", "Lille", "50.6309", "3.0709", 232787, "Nord")
    make_commune("FR", "63102", "Chas", "45.74", "3.30", 500, "Puy-de-Dôme")
    jambes = make_jambes(namur, population=19658)
    make_postcode(liege, "4000", "Liège", "50.6326", "5.5797")
    make_postcode(liege, "4000", "Glain", "50.64", "5.54")
    return {"liege": liege, "namur": namur, "jambes": jambes}


def test_damerau_levenshtein_counts_a_swap_as_one_edit():
    assert distance("lige", "liege") == 1
    assert distance("sint trudien", "sint truiden") == 1
    assert distance("bruxele", "bruxelles") == 2
    assert distance("namur", "namur") == 0
    assert distance("abc", "xyz") == 3
    assert distance("liege", "paris", bound=1) == 2
    assert (max_edits("ath"), max_edits("lige"), max_edits("namur"), max_edits("bruxele")) == (
        0,
        1,
        1,
        2,
    )
    assert "  l" in trigrams("lige") and "ge " in trigrams("lige")


def test_the_trigram_index_follows_the_name_index(gazetteer):
    assert set(NameTrigram.objects.filter(name="liege").values_list("gram", flat=True)) == (
        trigrams("liege")
    )
    assert close_names("lige") == [(1, "liege")]
    assert close_names("namur") == []  # itself excluded, nothing else close


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Lige", "BE-62063"),
        ("Namurr", "BE-92094"),
        ("Bruxele", "BE-21004"),
        ("Sint-Trudien", "BE-71053"),
        ("sint trudien", "BE-71053"),
        ("LUIKK", "BE-62063"),
        ("Jambe", "BE-92094-jambes"),
    ],
)
def test_near_tolerates_a_typo(gazetteer, typed, key):
    point = resolve_near(typed)
    assert point is not None and point.key == key


def test_a_typo_is_shown_corrected_in_the_language_it_was_typed_in(gazetteer):
    assert resolve_near("Lige").label == "Liège"
    assert resolve_near("Sint-Trudien").label == "Sint-Truiden"
    assert resolve_near("Luikk").label == "Luik"


@pytest.mark.parametrize("typed", ["Chat", "Lune", "Paris", "xyz", "Namurxyz", "Liégeois"])
def test_no_place_for_an_unrelated_word(gazetteer, typed):
    assert resolve_near(typed) is None or typed == "Chat"
    if typed == "Chat":
        # One edit from Chas, a real commune: shown as "Autour de Chas", never silently.
        assert resolve_near(typed).label == "Chas"


def test_short_words_are_never_corrected(gazetteer):
    make_commune("BE", "51004", "Ath", "50.63", "3.78", 29000, "Province de Hainaut")
    assert resolve_near("Atj") is None
    assert resolve_near("Ath").key == "BE-51004"


def test_suggestions_tolerate_a_typo_and_rank_the_likely_place_first(gazetteer):
    make_commune("FR", "44082", "Ligné", "47.41", "-1.37", 1000, "Loire-Atlantique")
    # Liège, a typo away, is far larger than Ligescourt, which "lige" starts: it comes first;
    # Ligné, a typo away too, only after the names the text starts.
    assert [s.label for s in suggest("Lige")] == [
        "Liège (Liège, Belgique)",
        "Ligescourt (Somme, France)",
        "Ligné (Loire-Atlantique, France)",
    ]
    assert suggest("Namurr")[0].value == "BE-92094"
    assert suggest("bruxele")[0].value == "BE-21004"
    assert suggest("Sint-Trudien")[0].label == "Sint-Truiden (Limbourg, Belgique)"
    assert suggest("lune") == []


def test_exact_and_prefix_matches_come_before_typos(gazetteer):
    make_commune("FR", "80478", "Liège-sur-Somme", "50.0", "2.0", 100, "Somme")
    # "lieg" starts Liège and Liège-sur-Somme: no typo needed.
    assert [s.value for s in suggest("lieg")] == ["BE-62063", "FR-80478"]
    # An exact name before the longer names it starts.
    make_commune("FR", "59000", "Lillers", "50.56", "2.48", 900000, "Pas-de-Calais")
    assert [s.value for s in suggest("lille")][:2] == ["BE-13019", "FR-59350"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Saint-Denis (La Réunion)", "FR-97411"),
        ("Saint-Denis (La Réunion, France)", "FR-97411"),
        ("Saint-Denis (Seine-Saint-Denis)", "FR-93066"),
        ("saint denis (seine saint denis, france)", "FR-93066"),
        ("Saint-Denis (974)", "FR-97411"),
        ("Lille (Nord)", "FR-59350"),
        ("Lille (Nord, France)", "FR-59350"),
        ("Lille (Anvers, Belgique)", "BE-13019"),
        ("Lille (Antwerpen, België)", "BE-13019"),
        ("Lille (France)", "FR-59350"),
        ("Liège (4000)", "BE-62063"),
        ("4000 Liège", "BE-62063"),
        ("4000 Liège (Belgique)", "BE-62063"),
        ("Luik (Luik, België)", "BE-62063"),
        ("Jambes (Namur)", "BE-92094-jambes"),
        ("Jambes, Namur (Namur, Belgique)", "BE-92094-jambes"),
        ("Bruxelles (Région de Bruxelles-Capitale, Belgique)", "BE-21004"),
        ("Saint-Denys (La Réunion)", "FR-97411"),
        # A qualifier that fits nothing is ignored.
        ("Namur (Bretagne)", "BE-92094"),
    ],
)
def test_near_accepts_the_labels_the_site_prints(gazetteer, text, key):
    point = resolve_near(text)
    assert point is not None and point.key == key


def test_a_label_chooses_without_offering_the_homonyms(gazetteer):
    point = resolve_near("Saint-Denis (Seine-Saint-Denis)")
    assert point.label == "Saint-Denis" and point.alternatives == ()
    assert resolve_near("4000 Liège (Belgique)").label == "4000 Liège"


def test_parse_label():
    label = parse_label("Jambes, Namur (Namur, Belgique)")
    assert (label.name, label.qualifiers) == ("Jambes", ("namur", "namur", "belgique"))
    assert parse_label("Lille") is None
    assert parse_label("(Nord)") is None
    assert parse_label("Lille ()") is None


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("prefix", ["lil", "lige", "saint", "jamb", "namen", "4000", "5", "brux"])
def test_every_suggestion_label_resolves_to_its_place(gazetteer, language, prefix):
    with translation.override(language):
        suggestions = suggest(prefix)
        assert suggestions
        for suggestion in suggestions:
            by_label = resolve_near(suggestion.label)
            by_value = resolve_near(suggestion.value)
            assert by_label is not None, suggestion.label
            assert by_label.key == by_value.key, suggestion.label
            if suggestion.kind != "postcode":
                # (A postcode's localities without a section of their own are labelled by
                # their commune: "4000 Liège" for Glain too, the same place.)
                assert (by_label.latitude, by_label.longitude) == (
                    by_value.latitude,
                    by_value.longitude,
                ), suggestion.label


def test_the_shorter_name_sets_the_bound(gazetteer):
    # Two edits from "lille", but "lille" has five letters: one edit at most.
    assert resolve_near("Lilleke") is None
    assert resolve_near("Lillle").key == "BE-13019"


def test_a_number_is_never_a_typo(gazetteer):
    lyon = make_commune("FR", "69123", "Lyon", "45.76", "4.83", 520000, "Rhône")
    make_section(
        lyon,
        "FR-69381",
        "Lyon 1er Arrondissement",
        "45.767",
        "4.834",
        "lyon 1er arrondissement|lyon 1er|lyon 1",
        kind="arrondissement",
    )
    assert resolve_near("Lyon 1").key == "FR-69381"
    assert resolve_near("Lyonn 1").key == "FR-69381"
    assert resolve_near("Lyon 10") is None
