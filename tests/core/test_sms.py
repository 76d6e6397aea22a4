"""core.sms: GSM-7 or UCS-2, the parts a text takes, and a text cut to one part."""

import pytest

from core.sms import (
    count_parts,
    encode_gsm7,
    fit_one_part,
    is_gsm7,
    plain_gsm7,
    septets,
    split_parts,
)


def test_gsm7_has_the_french_accents_it_has_and_not_the_others():
    assert is_gsm7("Séance confirmée à 10h, où ? Ça va.")
    assert not is_gsm7("fête")
    assert not is_gsm7("مرحبا")
    assert plain_gsm7("« Fête » – garçon’s œuf…") == '" Fete " - garcon\'s oeuf...'
    # Arabic is not made Latin: it goes as UCS-2.
    assert plain_gsm7("موعد") == "موعد"


def test_extension_characters_count_twice():
    assert septets("€[]") == 6
    assert encode_gsm7("€") == b"\x1b\x65"
    assert count_parts("€" * 80) == 1
    assert count_parts("€" * 81) == 2


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("ê" * 70, 1),
        ("ê" * 71, 2),
        ("ê" * 134, 2),
        ("ê" * 135, 3),
    ],
)
def test_parts_of_160_153_70_and_67(text, parts):
    assert count_parts(text) == parts


def test_an_escape_is_never_split_between_two_parts():
    parts, gsm7 = split_parts("a" * 152 + "€" + "b" * 10)
    assert gsm7
    assert parts[0] == b"a" * 152
    assert parts[1].startswith(b"\x1b\x65")


def test_a_long_title_is_cut_to_keep_one_part_and_the_facts():
    title = "Atelier d'éveil musical et de portage pour les tout-petits " * 3
    text = fit_one_part("Inscription confirmée : ", title, ", mer 03/03 10:00, La Maison.")
    assert text.parts == 1 and text.gsm7
    assert text.body.startswith("Inscription confirmée : Atelier")
    assert text.body.endswith("..., mer 03/03 10:00, La Maison.")
    assert len(text.body) <= 160


def test_the_link_goes_first_when_it_does_not_fit():
    link = " https://rencontres.example.org/inscriptions/" + "x" * 60 + "/"
    short = fit_one_part("Confirmé : ", "Atelier", ".", link)
    assert short.body.endswith(link) and short.parts == 1
    long = fit_one_part("Confirmé : ", "Atelier " * 12, ", mer 03/03 10:00.", link)
    assert "https://" not in long.body and long.parts == 1
    assert "Atelier Atelier" in long.body


def test_ucs2_text_is_fitted_to_70_characters():
    text = fit_one_part("تأكيد التسجيل: ", "ورشة " * 20, ".")
    assert not text.gsm7 and text.parts == 1 and len(text.body) <= 70
