"""Reading one cell's text: lists of slugs, opening hours, degrees, months, yes/no, description.

Each reader returns the value and adds to `reasons` what it cannot read. What a value may be
(ranges, lengths, choices, how fields agree) is the model's to say: see `rows.validate_row`.
"""

from __future__ import annotations

import html
import re
from datetime import time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from core.ages import MAX_CHILD_AGE_MONTHS
from core.hours import HoursRow, read_hours
from core.weekdays import WEEKDAY_SLUGS
from directory.models.places import OpeningHours

SIX_PLACES = Decimal("0.000001")

_LIST_SEPARATORS = re.compile(r"[;,|]")
_EMAIL = EmailValidator()
_TRUE = {"1", "oui", "o", "yes", "y", "true", "vrai", "x"}
_FALSE = {"", "0", "non", "n", "no", "false", "faux"}


def lookup(
    text: str, known: dict, reasons: list[str], message: str, key=lambda s: s.lower()
) -> list:
    """The known items a list cell names (``a; b, c | d``), each once, in order."""
    found = []
    for value in (part.strip() for part in _LIST_SEPARATORS.split(text)):
        if not value:
            continue
        item = known.get(key(value))
        if item is None:
            reasons.append(message % {"value": value})
        elif item not in found:
            found.append(item)
    return found


def parse_opening_hours(text: str) -> tuple[list[tuple[int, time, time]], list[str]]:
    """The slots `core.hours.read_hours` reads (``lun 09:00-12:00; mer 13h30-17h``, ``lu-ve
    9h-12h``, ``maandag 9u-12u``…), each checked by the slot's own rule, and the reasons of
    those that cannot be read or break it."""
    rows, reasons = read_hours(text)
    slots = []
    for row in rows:
        try:
            # The slot's own rule (OpeningHours.clean: closing follows opening).
            OpeningHours(weekday=row.weekday, opens=row.opens, closes=row.closes).full_clean(
                exclude=["place", "sort_order"]
            )
        except ValidationError:
            reason = _("la fermeture précède l'ouverture dans « %(slot)s »") % {
                "slot": _slot_text(row)
            }
            if reason not in reasons:
                reasons.append(reason)
            continue
        slots.append((row.weekday, row.opens, row.closes))
    return slots, reasons


def _slot_text(row: HoursRow) -> str:
    return f"{WEEKDAY_SLUGS[row.weekday]} {row.opens:%H:%M}-{row.closes:%H:%M}"


def degrees(text: str, label: str, reasons: list[str]) -> Decimal | str | None:
    """Decimal degrees (a decimal comma accepted), to the six places the place stores.

    A cell that cannot be read keeps its text, so that checks across fields (both coordinates
    or neither) see it as given, as the row gives it.
    """
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ".")).quantize(SIX_PLACES)
    except InvalidOperation:
        reasons.append(_("%(field)s illisible « %(value)s »") % {"field": label, "value": text})
        return text


def months(text: str, default: int, label: str, reasons: list[str]) -> int:
    """A whole number of months; `default` when the cell is empty or cannot be read."""
    if not text:
        return default
    if not text.isdecimal():
        reasons.append(
            _("%(field)s : un nombre de mois de 0 à %(max)s, pas « %(value)s »")
            % {"field": label, "max": MAX_CHILD_AGE_MONTHS, "value": text}
        )
        return default
    return int(text)


def discreet(text: str, reasons: list[str]) -> bool:
    """The `discreet` column: yes or no (oui/non, 1/0, yes/no, true/false, x); empty is no."""
    text = text.lower()
    if text not in _TRUE | _FALSE:
        reasons.append(_("« discreet » attend oui ou non, pas « %(value)s »") % {"value": text})
    return text in _TRUE


def description_html(text: str) -> str:
    """Plain text to the rich text the editor stores: one paragraph per blank-line block."""
    if text.lstrip().startswith("<"):
        # Already HTML (an export of this site): the rich text field's own whitelist applies.
        return text.strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line.strip()) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def emails(text: str, reasons: list[str]) -> list[str]:
    """Addresses separated by `;`, `,` or `|`, each checked; the list without repeats."""
    found: list[str] = []
    for value in (part.strip() for part in _LIST_SEPARATORS.split(text)):
        if not value:
            continue
        try:
            _EMAIL(value)
        except ValidationError:
            reasons.append(
                _("colonne « organiser_emails » : adresse invalide « %(value)s »")
                % {"value": value}
            )
            continue
        if value.lower() not in {address.lower() for address in found}:
            found.append(value)
    return found
