"""One sequence for every search of a query string (core.search.paging.searched): the API and
the map page accept the same last page and refuse the next, in the same words."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def api_answer(client, query: str) -> tuple[int, str]:
    response = client.get(f"/api/v1/places/?{query}")
    return response.status_code, " ".join(response.json().get("errors", {}).get("page", []))


def page_answer(client, query: str) -> tuple[int, str]:
    response = client.get(f"/lieux/?{query}", follow=True)
    errors = BeautifulSoup(response.content, "html.parser").select(".form-errors li")
    return response.status_code, " ".join(error.get_text() for error in errors)


@pytest.mark.parametrize("answer", [api_answer, page_answer], ids=["api", "page"])
def test_the_last_page_is_found_the_next_is_refused(client, place, place_a, answer):
    assert answer(client, "page_size=1&page=2") == (200, "")
    status, said = answer(client, "page_size=1&page=3")
    assert status == 400
    assert "Cette page n'existe pas : 2 résultats." in said
    # No result is one page, empty: the first is no error, the second is.
    assert answer(client, "q=zzzzzz&page=1") == (200, "")
    status, said = answer(client, "q=zzzzzz&page=2")
    assert status == 400
    assert "Cette page n'existe pas : 0 résultats." in said
