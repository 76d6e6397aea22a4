"""A registration's private link, sent to the family: the signed token that finds the
registration again, and the address of the page it opens.

Beside the registrations' rules (`registrations`) and the e-mails that carry the link
(`notifications`), which both read it: neither imports the other for it.
"""

from __future__ import annotations

from base64 import urlsafe_b64encode

from django.core import signing
from django.urls import reverse
from django.utils import http as base36
from django.utils.crypto import constant_time_compare, salted_hmac

from activities.models.registrations import Registration

LINK_NAMESPACE = "activities.registration"


def token_for(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=LINK_NAMESPACE)


def registration_for_token(token: str) -> Registration | None:
    try:
        data = signing.loads(token, salt=LINK_NAMESPACE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    return _registration(data["r"])


def _registration(pk: int) -> Registration | None:
    return (
        Registration.objects.select_related(
            "occurrence__activity", "occurrence__place", "occurrence__closure"
        )
        .filter(pk=pk)
        .first()
    )


def manage_url(registration: Registration, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("registration", kwargs={"token": token_for(registration)})


OFFER_NAMESPACE = "activities.seat_offer"


def _offer_signature(pk: int, offered: str) -> str:
    # 128 bits of an HMAC-SHA256 in base64: short enough for a text message's single part.
    digest = salted_hmac(OFFER_NAMESPACE, f"{pk}.{offered}", algorithm="sha256").digest()
    return urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def offer_token(registration: Registration) -> str:
    """Signed with the time of the offer: a link answers this offer, not a later one."""
    offered = base36.int_to_base36(int(registration.offered_at.timestamp()))
    return f"{registration.pk}.{offered}.{_offer_signature(registration.pk, offered)}"


def registration_for_offer_token(token: str) -> Registration | None:
    pk, _dot, rest = token.partition(".")
    offered, _dot, signature = rest.partition(".")
    if not pk.isdigit() or not offered.isalnum() or len(pk) > 12 or len(offered) > 12:
        return None
    if not constant_time_compare(signature, _offer_signature(int(pk), offered)):
        return None
    registration = _registration(int(pk))
    if registration is None or registration.offered_at is None:
        return None
    if base36.int_to_base36(int(registration.offered_at.timestamp())) != offered:
        return None
    return registration


def offer_url(registration: Registration, base_url: str, answer: str = "") -> str:
    """`answer`: "accepter" or "refuser", that button first; none, both alike (a text). The page
    asks once more, with a button, so that a mail client opening links ahead answers nothing."""
    kwargs = {"token": offer_token(registration)}
    if answer:
        kwargs["answer"] = answer
    return base_url.rstrip("/") + reverse("seat_offer", kwargs=kwargs)
