"""A text message's text: GSM-7 or not, how many parts it takes, and shortened to one part.

An SMS part carries 160 characters of the GSM 03.38 alphabet (GSM-7; a character of its
extension table, such as € or [, counts twice) or 70 of UCS-2 (any other text: Arabic, or a
single « ê »). A longer message is sent in parts of 153 or 67, each billed. So a text is first
written back into GSM-7 where nothing is lost to a reader (typographic quotes and dashes, the
accents GSM-7 lacks: « ê » → « e »), then shortened to one part: its elastic piece (an
activity's title) is cut, never the facts around it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# GSM 03.38's default alphabet, in code order (0x1B is the escape to the extension table).
GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = {
    "\f": 0x0A,
    "^": 0x14,
    "{": 0x28,
    "}": 0x29,
    "\\": 0x2F,
    "[": 0x3C,
    "~": 0x3D,
    "]": 0x3E,
    "|": 0x40,
    "€": 0x65,
}
_BASIC_CODES = {char: code for code, char in enumerate(GSM7_BASIC) if code != 0x1B}

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67

# Typography a reader does not miss, written with GSM-7's characters.
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "·": ".",
        "œ": "oe",
        "Œ": "OE",
    }
)


def is_gsm7(text: str) -> bool:
    return all(char in _BASIC_CODES or char in GSM7_EXTENSION for char in text)


def septets(text: str) -> int:
    """GSM-7 length: an extension character takes two septets."""
    return sum(2 if char in GSM7_EXTENSION else 1 for char in text)


def plain_gsm7(text: str) -> str:
    """The text in GSM-7 when nothing a reader needs is lost (quotes, dashes, accents that
    GSM-7 lacks dropped from their letter), else the text as it was (it goes as UCS-2)."""
    plain = text.translate(_PLAIN)
    letters = []
    for char in plain:
        if char in _BASIC_CODES or char in GSM7_EXTENSION:
            letters.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        letters.append(base)
    written = "".join(letters)
    return written if is_gsm7(written) else text


def encode_gsm7(text: str) -> bytes:
    """One octet per septet (SMPP's data_coding 0, unpacked), extension characters escaped."""
    out = bytearray()
    for char in text:
        if char in GSM7_EXTENSION:
            out += bytes((0x1B, GSM7_EXTENSION[char]))
        else:
            out.append(_BASIC_CODES[char])
    return bytes(out)


def _units(text: str, gsm7: bool) -> list[bytes]:
    """The text's characters encoded one by one (never split between two parts)."""
    if gsm7:
        return [encode_gsm7(char) for char in text]
    return [char.encode("utf-16-be") for char in text]


def split_parts(text: str) -> tuple[list[bytes], bool]:
    """The encoded parts to send and whether they are GSM-7 (else UCS-2). A message in several
    parts has each part's payload at most 153 septets or 67 UCS-2 characters (room for the
    concatenation header), cut between characters."""
    gsm7 = is_gsm7(text)
    units = _units(text, gsm7)
    single, part = (GSM7_SINGLE, GSM7_PART) if gsm7 else (UCS2_SINGLE * 2, UCS2_PART * 2)
    whole = b"".join(units)
    if len(whole) <= single:
        return [whole], gsm7
    parts, current = [], b""
    for unit in units:
        if len(current) + len(unit) > part:
            parts.append(current)
            current = b""
        current += unit
    parts.append(current)
    return parts, gsm7


def count_parts(text: str) -> int:
    return len(split_parts(text)[0])


@dataclass(frozen=True)
class Text:
    body: str
    gsm7: bool
    parts: int


def as_text(body: str) -> Text:
    return Text(body, is_gsm7(body), count_parts(body))


def fit_one_part(before: str, elastic: str, after: str = "", optional: str = "") -> Text:
    """`before + elastic + after` (+ `optional`, a link, when it fits) in GSM-7 where possible,
    in one part where possible: the optional piece goes first, then the elastic piece is cut
    (ending with « ... ») down to a few characters. What still does not fit goes in parts."""
    before, elastic, after, optional = (plain_gsm7(p) for p in (before, elastic, after, optional))
    candidates = []
    if optional:
        candidates.append((elastic, optional))
    candidates.append((elastic, ""))
    for cut in range(len(elastic) - 1, 7, -1):
        candidates.append((elastic[:cut].rstrip() + "...", ""))
    for piece, extra in candidates:
        body = before + piece + after + extra
        if count_parts(body) == 1:
            return as_text(body)
    return as_text(before + elastic + after)
