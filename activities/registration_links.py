"""A registration's private link, sent to the family: the signed token that finds the
registration again, and the address of the page it opens.

Beside the registrations' rules (`registrations`) and the e-mails that carry the link
(`notifications`), which both read it: neither imports the other for it.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

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
    return (
        Registration.objects.select_related(
            "occurrence__activity", "occurrence__place", "occurrence__closure"
        )
        .filter(pk=data["r"])
        .first()
    )


def manage_url(registration: Registration, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("registration", kwargs={"token": token_for(registration)})
