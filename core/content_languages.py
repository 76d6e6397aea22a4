"""The languages a page's text may be read in: the interface's three (French, Dutch, English),
and the families' languages beside them (Arabic, Turkish…, `settings.FAMILY_LANGUAGES`), in which
places, activities and notices may be translated while the menus and buttons stay in the
interface's language (docs/languages-families.md).

A family asks for the text in its language with `?content=ar` on a page of any interface
language; the records (directory.records, activities.texts_in_language) read the translation
in that language where there is one, with its origin and whether it is stale."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# The query parameter that names the language of a page's text.
CONTENT_PARAMETER = "content"

# Scripts written right to left among the languages a family might read.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi"})


def interface_codes() -> list[str]:
    return [code for code, _name in settings.INTERFACE_LANGUAGES]


def family_codes() -> list[str]:
    return [code for code, _name in settings.FAMILY_LANGUAGES]


def content_codes() -> list[str]:
    """Every language a page's text may be written in, French first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def own_name(code: str) -> str:
    """A language named in itself ("العربيّة", "Türkçe"), as a family looks for it: the
    settings' name, else Django's."""
    named = dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code)
    if named:
        return named
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@dataclass(frozen=True)
class Written:
    """One language a text exists in, as a page offers it: a link with `hreflang` and `lang`."""

    code: str
    current: bool

    @property
    def name(self) -> str:
        return own_name(self.code)

    @property
    def dir(self) -> str:
        return direction(self.code)


def unknown_content_message() -> str:
    return str(
        _("Langue du texte inconnue : choisissez l’une de celles-ci : {codes}.").format(
            codes=", ".join(content_codes())
        )
    )


def asked_content(values: list[str]) -> str | None:
    """The content language a query string's `content` values ask for: None when not asked.
    Raises ValueError with the message a 400 says when it is unknown or given twice."""
    if not values:
        return None
    if len(values) > 1 or values[0] not in content_codes():
        raise ValueError(unknown_content_message())
    return values[0]


def content_of(request) -> str | None:
    """The content language a page's request asks for; the middleware (rencontres.languages)
    answered 400 already to an unknown one, which a page then reads as not asked."""
    try:
        return asked_content(request.GET.getlist(CONTENT_PARAMETER))
    except ValueError:
        return None


def content_query(request) -> str:
    """`?content=ar` when the request asked for one: links to the next page keep it."""
    content = content_of(request)
    return f"?{CONTENT_PARAMETER}={content}" if content else ""
