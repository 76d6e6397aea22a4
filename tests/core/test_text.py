"""Rich text made plain keeps its paragraphs, list items and line breaks apart."""

from core.text import plain_text, single_line


def test_paragraphs_list_items_and_line_breaks_are_lines():
    rich = (
        "<p>Sans que les parents aient à <b>se croiser</b>.</p><p>Langues parlées&nbsp;: "
        "français &amp; arabe.</p><ul><li>Jeux</li><li>Livres</li></ul><p>Lundi<br/>Mardi</p>"
        "<p>&nbsp;</p>"
    )
    assert plain_text(rich) == (
        "Sans que les parents aient à se croiser.\n"
        "Langues parlées\xa0: français & arabe.\n"
        "Jeux\nLivres\nLundi\nMardi"
    )
    assert single_line(plain_text(rich)).startswith("Sans que les parents aient à se croiser. Lang")


def test_text_without_markup_is_kept():
    assert plain_text("  Un  coin jeux  ") == "Un coin jeux"
    assert plain_text("") == ""
