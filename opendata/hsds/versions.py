"""The HSDS versions `/api/hsds/` answers in, and what 3.1 adds to a 3.0 answer: a service's
`additional_urls` (its place's calendar of sessions, its own website) and an organisation's
`additional_websites`. A client asks for one with the `version` parameter of any path
(`?version=3.1`); without it the answer is 3.0, so that a 3.0 reader is never surprised. A
parameter rather than a media type in `Accept`: the address alone says what comes back, so a
link can be shared, and the kept answers (core.kept) are told apart by their address."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opendata.ids import record_id

DEFAULT = "3.0"
PROFILES = {
    "3.0": "https://docs.openreferral.org/en/3.0/hsds/overview.html",
    "3.1": "https://docs.openreferral.org/en/3.1/hsds/overview.html",
}


def asked(value: str | None) -> str | None:
    """The version a client asks for (the default when it says none); None when we have no
    such version."""
    value = DEFAULT if value is None else value.strip()
    return value if value in PROFILES else None


def _urls(record, link: str, link_id: str, first: int) -> list[dict]:
    # Each kind of address keeps its number (the service's from 1, the organisation's from 3),
    # so that its id stays when the other is missing and no two records share one.
    found = [
        (
            first,
            _("Séances du lieu (agenda iCalendar)"),
            record.full_url and f"{record.full_url}calendar.ics",
        ),
        (first + 1, _("Site web du lieu"), record.website),
    ]
    return [
        {"id": record_id("url", record.id, number), "label": label, "url": url, link: link_id}
        for number, label, url in found
        if url
    ]


def additional_urls(record) -> list[dict]:
    return _urls(record, "service_id", record_id("service", record.id), first=1)


def additional_websites(record) -> list[dict]:
    return _urls(record, "organization_id", record_id("organization", record.id), first=3)
