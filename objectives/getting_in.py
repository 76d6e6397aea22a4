"""How a family gets into a place, in the words a result card uses: the one rule from the place's
access modes (`AccessMode`, its programmes' vocabulary, which ONE staff edit in the admin) and
whether coming is free. It reads the modes' names and their `says_free` flag, never a slug: a
new programme's modes are said the same way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from django.utils.translation import gettext


class Mode(Protocol):
    """An access mode as a record's term or a model row carries it."""

    name: str
    says_free: bool


def says_free(modes: Sequence[Mode], free: bool) -> bool:
    """Whether the sentence says coming is free (a card then needs no fee line): the place is
    free, and each of its modes may say so (a judge's decision is not "free": it says nothing
    of the fee)."""
    return free and bool(modes) and all(mode.says_free for mode in modes)


def modes_label(modes: Sequence[Mode]) -> str:
    """The modes' names as one phrase: "Sur décision du juge ou par accord des parents"."""
    names = [mode.name for mode in modes if mode.name]
    if not names:
        return ""
    names = [names[0], *(_lower_first(name) for name in names[1:])]
    if len(names) == 1:
        return names[0]
    return gettext("%(modes)s ou %(last)s") % {"modes": ", ".join(names[:-1]), "last": names[-1]}


def how_to_get_in(modes: Sequence[Mode], free: bool) -> str:
    """ "Accueil libre et anonyme, gratuit" for a free walk-in place, "Sur décision du juge ou
    par accord des parents" for a supervised one, "Sur rendez-vous" for a paying consultation;
    a place without a mode says nothing rather than something wrong."""
    label = modes_label(modes)
    if label and says_free(modes, free):
        return gettext("%(access)s, gratuit") % {"access": label}
    return label


def access_text(label: str, details: str) -> str:
    """The access modes' label and the organiser's details, each said once: "Sur rendez-vous —
    à prendre par téléphone"; details that already say the label in their own sentence ("Sur
    rendez-vous, à prendre auprès de la TMS") stand alone."""
    details = details.strip()
    if not details:
        return label
    if not label or _words(label) in _words(details):
        return details
    return f"{label} — {details}"


def _lower_first(name: str) -> str:
    # "Par accord des parents" after "ou" reads "par accord…"; an initialism ("ONE…") stays.
    if len(name) > 1 and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "
