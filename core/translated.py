"""A term's text in the visitor's language, read from its fields per language (`name_fr`,
`name_nl`, `explanation_en`…): the French one when the visitor's is empty or does not exist (a
commune has a Dutch name, never an English one)."""

from __future__ import annotations

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("fr", "nl", "en")


def in_language(term, field: str) -> str:
    language = (get_language() or "fr").split("-")[0]
    if language not in CONTENT_LANGUAGES:
        language = "fr"
    return getattr(term, f"{field}_{language}", "") or getattr(term, f"{field}_fr")
