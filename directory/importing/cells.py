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
from core.weekdays import WEEKDAY_SLUGS
from directory.models.places import OpeningHours
from gazetteer.names import normalize

SIX_PLACES = Decimal("0.000001")

_LIST_SEPARATORS = re.compile(r"[;,|]")
_EMAIL = EmailValidator()
_HOURS_SLOT = re.compile(
    r"^(?P<day>[^\W\d_]+)\.?\s+(?P<opens>\d{1,2}[:hH]\d{2})\s*[-–—à]\s*(?P<closes>\d{1,2}[:hH]\d{2})$"
)
_DAY_NAMES = {
    **{slug: day for day, slug in enumerate(WEEKDAY_SLUGS)},
    **dict(zip(["lun", "mar", "mer", "jeu", "ven", "sam", "dim"], range(7), strict=True)),
    **dict(
        zip(
            ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            range(7),
            strict=True,
        )
    ),
    **dict(
        zip(
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
            range(7),
            strict=True,
        )
    ),
}
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


def _parse_time(text: str) -> time:
    hours, minutes = re.split(r"[:hH]", text)
    return time(int(hours), int(minutes))


def parse_opening_hours(text: str) -> tuple[list[tuple[int, time, time]], list[str]]:
    """Slots like ``lun 09:00-12:00; mer 13h30-17h00`` (French, English or three-letter day
    names) and the reasons of the slots that cannot be read."""
    slots, reasons = [], []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _HOURS_SLOT.match(part)
        day = _DAY_NAMES.get(normalize(match["day"])) if match else None
        if match is None or day is None:
            reasons.append(_("horaire illisible « %(slot)s »") % {"slot": part})
            continue
        try:
            opens, closes = _parse_time(match["opens"]), _parse_time(match["closes"])
        except ValueError:
            reasons.append(_("heure impossible dans « %(slot)s »") % {"slot": part})
            continue
        try:
            # The slot's own rule (OpeningHours.clean: closing follows opening); the report
            # names the slot as the file writes it.
            OpeningHours(weekday=day, opens=opens, closes=closes).full_clean(
                exclude=["place", "sort_order"]
            )
        except ValidationError:
            reasons.append(_("la fermeture précède l'ouverture dans « %(slot)s »") % {"slot": part})
            continue
        slots.append((day, opens, closes))
    return sorted(set(slots)), reasons


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
