"""The programme's PDF is expensive public work, bounded: rendered for a normalised query (a
radius step, whole weeks), kept until the content changes, by one worker of the machine at a
time (the others answer 503 « réessayez dans un instant »), so many per client address (429);
a format other than html or pdf is a 400 naming `format`."""

import io

import pytest
from django.http import QueryDict
from django.utils import translation

from activities import programme as programme_module
from activities.programme import pdf_key, pdf_query
from core.kept import new_generation
from core.slots import slot
from tests.activities.test_programme import sessions  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

PDF = {"near": "4000", "when": "month", "format": "pdf"}


def _normalised(query: str) -> str:
    return pdf_query(QueryDict(query)).urlencode()


def test_the_radius_is_rounded_up_to_a_step():
    assert _normalised("near=4000&radius_km=190") == "near=4000&radius_km=200"
    assert _normalised("near=4000&radius_km=191") == "near=4000&radius_km=200"
    assert _normalised("near=4000&radius_km=50") == "near=4000&radius_km=50"
    assert _normalised("near=4000&radius_km=50.5") == "near=4000&radius_km=100"
    assert _normalised("near=4000&radius_km=0.3") == "near=4000&radius_km=5"
    # The search's default radius is a step too; beyond the widest, the search says no.
    assert _normalised("near=4000") == "near=4000&radius_km=10"
    assert _normalised("near=4000&radius_km=250") == "near=4000&radius_km=250"
    assert _normalised("near=4000&radius_km=abc") == "near=4000&radius_km=abc"


def test_typed_dates_widen_to_whole_weeks_and_unknown_parameters_are_dropped():
    # Wednesday 3 March to Tuesday 9 March 2027: Monday 1 to Sunday 14.
    assert _normalised("from=2027-03-03&to=2027-03-09&visit=12&utm_source=x") == (
        "from=2027-03-01&to=2027-03-14"
    )
    assert _normalised("near=50.61234,5.58765&radius_km=3") == "near=50.61%2C5.59&radius_km=5"


def test_the_key_learns_the_language_and_content_changes():
    one, other = (
        pdf_query(QueryDict("near=4000&radius_km=190")),
        pdf_query(QueryDict("near=4000&radius_km=191&visit=2")),
    )
    assert pdf_key(one) == pdf_key(other)
    with translation.override("nl"):
        dutch = pdf_key(one)
    assert dutch != pdf_key(one)
    before = pdf_key(one)
    new_generation()
    assert pdf_key(one) != before


def test_the_pdf_says_the_radius_it_used(client, sessions):  # noqa: F811
    from pypdf import PdfReader

    response = client.get("/programme/", {**PDF, "radius_km": "17"})
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dans un rayon de 25 km autour de 4000" in text


def test_a_format_other_than_html_or_pdf_is_a_400_naming_format(client, sessions):  # noqa: F811
    response = client.get("/programme/", {"near": "4000", "format": "docx"})
    assert response.status_code == 400
    assert "format" in response.content.decode()
    assert client.get("/programme/", {"near": "4000", "format": "html"}).status_code == 200


def test_one_rendering_at_a_time_the_other_is_told_to_retry(client, sessions):  # noqa: F811
    # Another worker renders (it holds the machine's only slot): this one does not wait.
    with slot("programme-pdf", 1) as taken:
        assert taken
        response = client.get("/programme/", PDF)
    assert response.status_code == 503
    assert response["Retry-After"] == str(programme_module.BUSY_RETRY_SECONDS)
    assert "réessayez dans un instant" in response.content.decode()
    # In English too.
    with slot("programme-pdf", 1):
        english = client.get("/en/programme/", PDF)
    assert english.status_code == 503
    assert "try again in a moment" in english.content.decode()
    # The slot free again, the PDF is rendered.
    assert client.get("/programme/", PDF).status_code == 200


def test_two_concurrent_renders_one_is_refused(client, sessions, monkeypatch):  # noqa: F811
    """While one request renders (here: during its rendering), another asks for another PDF:
    refused at once, not queued behind it."""
    real_pdf = programme_module._pdf
    during = []

    def rendering(html):
        if not during:
            during.append(client.get("/programme/", {**PDF, "radius_km": "50"}))
        return real_pdf(html)

    monkeypatch.setattr(programme_module, "_pdf", rendering)
    first = client.get("/programme/", PDF)
    assert first.status_code == 200
    assert [response.status_code for response in during] == [503]
    assert during[0]["Retry-After"] == str(programme_module.BUSY_RETRY_SECONDS)


def test_slots_are_counted_across_holders(settings):
    with slot("essai", 2) as one, slot("essai", 2) as two, slot("essai", 2) as three:
        assert (one, two, three) == (True, True, False)
    with slot("essai", 2) as again:
        assert again


def test_a_rendered_pdf_is_kept_and_a_client_may_have_few_rendered(
    client,
    sessions,  # noqa: F811
    settings,
    keeping,
    monkeypatch,
):
    settings.ACTIVITIES = {**settings.ACTIVITIES, "programme_pdf_rate": (2, 600)}
    rendered = []
    real_pdf = programme_module._pdf
    monkeypatch.setattr(programme_module, "_pdf", lambda html: rendered.append(1) or real_pdf(html))
    for radius in ("190", "191", "199"):
        assert client.get("/programme/", {**PDF, "radius_km": radius}).status_code == 200
    assert len(rendered) == 1
    assert client.get("/programme/", {**PDF, "radius_km": "5"}).status_code == 200
    refused = client.get("/programme/", {**PDF, "radius_km": "10"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "réessayez dans quelques minutes" in refused.content.decode()
    # What is already rendered is still given.
    assert client.get("/programme/", {**PDF, "radius_km": "150"}).status_code == 200
    assert len(rendered) == 2
