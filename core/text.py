"""Text that must stay on one line (titles, names, addresses): it goes into e-mail subjects,
iCalendar properties, HTTP headers and map tooltips, where a line break breaks or injects."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_lazy as _

SINGLE_LINE_MESSAGE = _(
    "Sur une seule ligne : pas de retour à la ligne ni de caractère de contrôle."
)


def is_single_line(text: str) -> bool:
    """No line break of any kind (those `str.splitlines` knows) and no control character."""
    return not any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in text)


def single_line_errors(**fields: str) -> dict[str, list]:
    """`{field: [message]}` for each given field whose text is not on one line."""
    return {
        name: [SINGLE_LINE_MESSAGE]
        for name, text in fields.items()
        if not is_single_line(text or "")
    }


def single_line(text: str) -> str:
    """The text on one line, whatever it holds (for texts stored before validation, or imported):
    every run of whitespace and control characters becomes one space."""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(cleaned.split())
