"""A form sent without a valid CSRF token (a session that expired, a page left open too long)
gets the project's page in the visitor's language, status 403, not Django's English one."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

WORDS = {
    "fr": "Votre session a expiré ou la page était restée ouverte trop longtemps. "
    "Rechargez la page et réessayez.",
    "nl": "Uw sessie is verlopen of de pagina stond te lang open. "
    "Laad de pagina opnieuw en probeer het nog eens.",
    "en": "Your session has expired or the page was left open too long. "
    "Reload the page and try again.",
}


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("path", "language"), [("/lieux/", "fr"), ("/nl/lieux/", "nl"), ("/en/lieux/", "en")]
)
def test_a_public_form_without_its_token_is_answered_in_the_pages_language(client, path, language):
    response = client.post(path, {"anything": "1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert WORDS[language] in page
    assert "CSRF" not in page
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_admin_login_without_its_token_follows_the_chosen_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post("/admin/login/", {"username": "one-staff", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert WORDS[language] in page


def test_a_stale_token_gets_the_same_page(client):
    client.get("/admin/login/")
    response = client.post(
        "/admin/login/",
        {"username": "one-staff", "password": "x", "csrfmiddlewaretoken": "x" * 64},
    )
    assert response.status_code == 403
    assert WORDS["fr"] in response.content.decode()
