"""How a family gets into a place, in the words a result card uses: the one rule from the access
mode (`AccessMode`, the place's own, which organisers set from their programme's) and whether
coming is free."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from objectives.models import AccessMode

# The access modes whose sentence says when coming is free (a card then needs no fee line).
SAYS_WHEN_FREE = {AccessMode.DROP_IN, AccessMode.APPOINTMENT}


def says_free(access_mode: str, free: bool) -> bool:
    return free and access_mode in SAYS_WHEN_FREE


def how_to_get_in(access_mode: str, free: bool) -> str:
    """ "Sans rendez-vous, gratuit et anonyme" for a walk-in place (without "gratuit" when it is
    not), "Sur décision d'un juge ou accord des parents" for a supervised place, "Sur
    rendez-vous" for a consultation; an unknown mode says nothing rather than something wrong."""
    if access_mode == AccessMode.DROP_IN:
        if free:
            return gettext("Sans rendez-vous, gratuit et anonyme")
        return gettext("Sans rendez-vous et anonyme")
    if access_mode == AccessMode.REFERRAL:
        return gettext("Sur décision d'un juge ou accord des parents")
    if access_mode == AccessMode.APPOINTMENT:
        if free:
            return gettext("Sur rendez-vous, gratuit")
        return gettext("Sur rendez-vous")
    return ""


def access_text(access_mode: str, details: str) -> str:
    """The access mode's label and the organiser's details, each said once: "Sur rendez-vous —
    à prendre par téléphone"; details that already say the label in their own sentence ("Sur
    rendez-vous, à prendre auprès de la TMS") stand alone."""
    label = str(AccessMode(access_mode).label) if access_mode in AccessMode.values else ""
    details = details.strip()
    if not details:
        return label
    if not label or _words(label) in _words(details):
        return details
    return f"{label} — {details}"


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "
