"""An alert set in Dutch or English gets its e-mails' links in that language: the confirmation,
the unsubscribe link (and its List-Unsubscribe header), the digest's places, sessions and the
whole search, under /nl/ or /en/."""

import re

import pytest
from django.core import mail

from alerts.digests import send_digests
from alerts.models import Alert
from alerts.subscriptions import send_confirmation
from tests.alerts.test_digests import alert, news, next_monday  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

BASE = "https://rencontres.example"


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s>]+", text)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_confirmation_links_are_in_the_alerts_language(client, liege, language):
    subscription = Alert.objects.create(
        email="famille@example.org", view="places", query="near=4000", language=language
    )
    send_confirmation(subscription, BASE)
    (message,) = mail.outbox
    found = [*links(message.body), *links(message.extra_headers["List-Unsubscribe"])]
    assert len(found) == 3
    assert all(link.startswith(f"{BASE}/{language}/") for link in found), found
    confirm = client.get(found[0].removeprefix(BASE))
    assert confirm.status_code == 200
    assert f'<html lang="{language}">' in confirm.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_digest_links_are_in_the_alerts_language(clock, alert, news, language):  # noqa: F811
    Alert.objects.filter(pk=alert.pk).update(language=language)
    next_monday(clock)
    assert send_digests(base_url=BASE) == (1, 1)
    (message,) = mail.outbox
    found = links(message.body)
    # The new session, the new place, the whole search, the unsubscribe link.
    assert len(found) == 4
    assert all(link.startswith(f"{BASE}/{language}/") for link in found), found
