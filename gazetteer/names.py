"""The form every commune name is compared in: lower-case, accent-free, one space between
words. Loading stores it, lookups compare with it."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s'’‘`´ʼ\-‐‑‒–—_.,;/()|]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def normalize(text: str) -> str:
    """Lower-case, accent-free, one space between words: the form every name is compared in.

    Apostrophes, hyphens, dots and runs of spaces become one space; "st"/"ste" are read as
    "saint"/"sainte" (French postcode localities abbreviate them).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = _SEPARATORS.sub(" ", stripped).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def search_names_for(*names: str) -> str:
    """The `Commune.search_names` value: the distinct normalised names, joined by "|"."""
    seen: list[str] = []
    for name in names:
        normalised = normalize(name or "")
        if normalised and normalised not in seen:
            seen.append(normalised)
    return "|".join(seen)


def indexed_names(search_names: str, *names: str) -> list[str]:
    """The distinct names a commune or section is indexed under (`PlaceName`): its
    `search_names` and the normalised forms of its own names."""
    found = [n for n in (search_names or "").split("|") if n]
    found += [normalize(name) for name in names if name]
    return [name for name in dict.fromkeys(found) if name]
