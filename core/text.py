"""Text that must stay on one line (titles, names, addresses): it goes into e-mail subjects,
iCalendar properties, HTTP headers and map tooltips, where a line break breaks or injects. And
rich text made plain, for the formats that carry text without markup."""

from __future__ import annotations

import html
import re
import unicodedata

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Where rich text starts or ends a line (Wagtail's editor writes paragraphs, headings, lists and
# line breaks): the tags alone keep sentences apart there, with no space between them.
LINE_BOUNDARY = re.compile(r"<br\b[^>]*>|</?(?:p|h[1-6]|ul|ol|li|blockquote|div)\b[^>]*>", re.I)
# Not the no-break space: French puts one before ":" and "?", and a line must not break there.
SPACES = re.compile(r"[ \t\n\r\f\v]+")

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


def plain_text(rich_text: str) -> str:
    """Rich text without its markup, one line per paragraph, heading, list item or line break:
    "…se croiser.</p><p>Langues…" would otherwise read "…se croiser.Langues…". Entities become
    their characters (plain text is not HTML). `single_line` of it joins the lines with spaces."""
    lines = (
        SPACES.sub(" ", html.unescape(strip_tags(part))).strip()
        for part in LINE_BOUNDARY.split(rich_text)
    )
    return "\n".join(line for line in lines if line)
