"""Next to each box of the map page's filters, what the programme or objective means for a
family, in the page's language (issue 12: plain words for families)."""

import pytest

from objectives.family_texts import TERMS
from objectives.models import Objective

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "column"), [("", 0), ("/nl", 1), ("/en", 2)])
def test_each_objective_is_explained_next_to_its_box_in_the_page_language(
    client, place, prefix, column
):
    html = client.get(f"{prefix}/lieux/").content.decode()
    objective = Objective.objects.get(slug="passerelles")
    explanation = TERMS["passerelles"][column]
    assert 'aria-describedby="explain-passerelles"' in html
    assert f'<p class="explanation" id="explain-passerelles">{explanation}</p>' in html.replace(
        "&#x27;", "'"
    )
    # The other languages' explanations are not shown.
    for other, text in enumerate(TERMS["passerelles"]):
        if other != column:
            assert text not in html.replace("&#x27;", "'")
    assert objective.programme.slug in html
