"""A term's text in the visitor's language, read from its fields per language (`name_fr`,
`name_nl`, `explanation_en`…): the French one when the visitor's is empty or does not exist (a
commune has a Dutch name, never an English one)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("fr", "nl", "en")


def _language() -> str:
    language = (get_language() or "fr").split("-")[0]
    return language if language in CONTENT_LANGUAGES else "fr"


def in_language(term, field: str) -> str:
    return getattr(term, f"{field}_{_language()}", "") or getattr(term, f"{field}_fr")


def in_language_of(values: Mapping, field: str) -> str:
    """`in_language` for a query's row (`.values()`): `values` has `<field>_fr`, and may have
    the other languages'."""
    return values.get(f"{field}_{_language()}") or values[f"{field}_fr"]
