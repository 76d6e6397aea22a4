"""Nobody sees an orientation but the professional who sent it and the organisers of the place
it was sent to; ONE staff see counts only. Every URL of the app, for an anonymous visitor,
another place's organiser, another professional and ONE staff: 403 or 404 (or the admin's
sign-in), and nothing of A's orientation in any page they may open.

Requests are sent as a script's (`X-Requested-With`), so that the admin answers the refusal
itself rather than redirecting a browser to its home (as tests/organisers/test_place_isolation.py
does)."""

import pytest
from django.urls import reverse

from orientations.models import Orientation, PlaceOrientationSettings, Status
from tests.orientations.conftest import orientation_to

pytestmark = pytest.mark.django_db

SCRIPT = {"X-Requested-With": "XMLHttpRequest"}
REFUSED = (403, 404)
FAMILY = ("Awa", "famille@example.org", "samedi un sur deux", "wolof")


@pytest.fixture
def orientation_a(place_a, professional_a):
    return orientation_to(place_a, professional_a, note="Papa, samedi un sur deux.")


def every_url(place, orientation) -> dict[str, str]:
    return {
        "sent": reverse("orientations_sent"),
        "sent_one": reverse("orientations_sent_one", args=[orientation.pk]),
        "new": reverse("orientations_new", args=[place.pk]),
        "received": reverse("orientations_received"),
        "received_one": reverse("orientations_received_one", args=[orientation.pk]),
        "settings": reverse("orientations_place_settings", args=[place.pk]),
        "invite": reverse("orientations_invite"),
        "invite_from_place": reverse("orientations_invite_from_place", args=[place.pk]),
        "counts": reverse("orientations_counts"),
    }


ANSWER = {"status": Status.ACCEPTED, "refusal_reason": "", "note": ""}
SETTINGS = {"takes_orientations": "", "reasons": "Autre chose"}
INVITE = {"email": "intrus@example.org", "organisation": "X", "profession": "Y"}
NEW = {
    "family_name": "Intrus",
    "family_email": "intrus@example.org",
    "family_language": "fr",
    "reason": "Reprise de contact",
    "consent": "on",
}


def posts(urls) -> list[tuple[str, dict]]:
    return [
        (urls["received_one"], ANSWER),
        (urls["settings"], SETTINGS),
        (urls["invite_from_place"], INVITE),
        (urls["invite"], INVITE),
        (urls["new"], NEW),
    ]


def nothing_changed(orientation):
    orientation.refresh_from_db()
    assert orientation.status == Status.SENT
    assert Orientation.objects.count() == 1
    assert PlaceOrientationSettings.objects.get(place=orientation.place).takes_orientations
    from orientations.models import ProfessionalInvitation

    assert not ProfessionalInvitation.objects.exists()


def leaks(html: str) -> list[str]:
    return [word for word in FAMILY if word in html]


def test_an_anonymous_visitor_reaches_nothing(client, place_a, orientation_a):
    urls = every_url(place_a, orientation_a)
    for name, url in urls.items():
        response = client.get(url, headers=SCRIPT)
        assert response.status_code in (*REFUSED, 302), name
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("wagtailadmin_login")), name
    for url, data in posts(urls):
        assert client.post(url, data, headers=SCRIPT).status_code in (*REFUSED, 302), url
    nothing_changed(orientation_a)
    # The public end of an invitation: a link that is not one.
    assert client.get(reverse("orientations_accept", args=["pas-un-jeton"])).status_code == 404


def test_another_places_organiser_reaches_nothing_of_a(client, place_a, organiser_b, orientation_a):
    client.force_login(organiser_b)
    urls = every_url(place_a, orientation_a)
    for name in (
        "sent",
        "sent_one",
        "new",
        "received_one",
        "settings",
        "invite",
        "invite_from_place",
        "counts",
    ):
        assert client.get(urls[name], headers=SCRIPT).status_code in REFUSED, name
    for url, data in posts(urls):
        assert client.post(url, data, headers=SCRIPT).status_code in REFUSED, url
    nothing_changed(orientation_a)
    # Their own list and their home show nothing of A's.
    own = client.get(urls["received"] + "?tab=todo")
    assert own.status_code == 200
    assert urls["received_one"] not in own.content.decode() and not leaks(own.content.decode())
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert urls["received_one"] not in home and not leaks(home)


def test_another_professional_reaches_nothing_of_a(client, place_a, professional_b, orientation_a):
    client.force_login(professional_b)
    urls = every_url(place_a, orientation_a)
    for name in (
        "sent_one",
        "received",
        "received_one",
        "settings",
        "invite",
        "invite_from_place",
        "counts",
    ):
        assert client.get(urls[name], headers=SCRIPT).status_code in REFUSED, name
    for url, data in posts(urls)[:4]:
        assert client.post(url, data, headers=SCRIPT).status_code in REFUSED, url
    nothing_changed(orientation_a)
    for page in (urls["sent"], reverse("wagtailadmin_home")):
        html = client.get(page).content.decode()
        assert urls["sent_one"] not in html and not leaks(html), page


def test_one_staff_see_counts_never_a_family(client, place_a, staff_member, orientation_a):
    client.force_login(staff_member)
    urls = every_url(place_a, orientation_a)
    for name in ("sent", "sent_one", "new", "received", "received_one"):
        assert client.get(urls[name], headers=SCRIPT).status_code in REFUSED, name
    counts = client.get(urls["counts"])
    assert counts.status_code == 200
    html = counts.content.decode()
    assert "Espace A" in html and not leaks(html)
    assert "pro-a" not in html


def test_the_place_and_the_professional_see_theirs(
    client, place_a, organiser_a, professional_a, orientation_a
):
    urls = every_url(place_a, orientation_a)
    client.force_login(organiser_a)
    for name in ("received", "received_one", "settings", "invite_from_place"):
        assert client.get(urls[name]).status_code == 200, name
    assert "Awa" in client.get(urls["received_one"]).content.decode()
    client.force_login(professional_a)
    for name in ("sent", "sent_one", "new"):
        assert client.get(urls[name]).status_code == 200, name
    assert "Awa" in client.get(urls["sent_one"]).content.decode()


def test_only_a_professional_sees_the_button_on_a_place_that_takes_orientations(
    client, place_a, place_b, organiser_a, professional_a
):
    PlaceOrientationSettings.objects.filter(place=place_b).update(takes_orientations=False)
    new_a = reverse("orientations_new", args=[place_a.pk])
    assert new_a not in client.get(place_a.url).content.decode()
    client.force_login(organiser_a)
    assert new_a not in client.get(place_a.url).content.decode()
    client.force_login(professional_a)
    page = client.get(place_a.url).content.decode()
    assert new_a in page and "Orienter une famille" in page
    assert "orienter/" not in client.get(place_b.url).content.decode()
    # And the form of a place that does not take them is a 404.
    new_b = reverse("orientations_new", args=[place_b.pk])
    assert client.get(new_b, headers=SCRIPT).status_code == 404
