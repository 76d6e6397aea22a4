"""A page's texts in the language a visitor reads them, as columns of the one query a batch of
records costs (directory.records for places, activities.texts_in_language for activities):
the live translation in the content language asked (`?content=ar`) where there is one, else in
the interface's language, else the page's own. Beside the texts: which language they are in,
who translated them (core.models.TranslationMark), whether the French page was published after
the translation was (stale), and every language the page exists in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from wagtail.models import Page

from core.content_languages import Written, direction, interface_codes
from core.pages import visitor_language
from core.search.free_text import JoinedText


def live_translations(model: type[Page]):
    """The live pages (no alias) of the page at OuterRef's translation set, itself included."""
    return model.objects.live().filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True
    )


def text_columns(
    model: type[Page], fields: tuple[str, ...], language: str, content: str | None
) -> dict:
    """Annotations for a query of `model`'s pages: `<field>_in_language` for each of `fields`,
    `text_language`, `text_origin`, `text_published_at`, `source_published_at` (the French
    page's) and `text_languages` (codes joined by spaces)."""
    wanted = [code for code in (content, language) if code]
    chosen = (
        live_translations(model)
        .filter(locale__language_code__in=wanted)
        .order_by(
            Case(
                *(When(locale__language_code=code, then=Value(i)) for i, code in enumerate(wanted)),
                output_field=IntegerField(),
            )
        )
    )

    def of_chosen(column: str) -> Subquery:
        return Subquery(chosen.values(column)[:1])

    french = live_translations(model).filter(locale__language_code=settings.LANGUAGE_CODE)
    codes = (
        live_translations(model)
        .order_by()
        .values("translation_key")
        .annotate(codes=JoinedText("locale__language_code"))
        .values("codes")
    )
    return {
        **{f"{field}_in_language": Coalesce(of_chosen(field), F(field)) for field in fields},
        "text_language": Coalesce(of_chosen("locale__language_code"), F("locale__language_code")),
        "text_origin": Coalesce(of_chosen("translation_mark__origin"), Value("")),
        "text_published_at": Coalesce(of_chosen("last_published_at"), F("last_published_at")),
        "source_published_at": Subquery(french.values("last_published_at")[:1]),
        "text_languages": Subquery(codes),
    }


TEXT_COLUMNS = (
    "text_language",
    "text_origin",
    "text_published_at",
    "source_published_at",
    "text_languages",
)


@dataclass(frozen=True)
class TextLanguage:
    """What a record says of the language of its texts."""

    # The language the texts are written in.
    language: str = settings.LANGUAGE_CODE
    # Who translated them (core.models.TextOrigin), "" for the French source.
    origin: str = ""
    # The French page was published after this translation was: it may say something else.
    stale: bool = False
    # Every language the texts exist in, French first.
    languages: tuple[str, ...] = (settings.LANGUAGE_CODE,)

    @property
    def dir(self) -> str:
        return direction(self.language)

    def offered(self) -> tuple[Written, ...]:
        return tuple(Written(code, code == self.language) for code in self.languages)

    def as_json(self) -> dict:
        return {
            "language": self.language,
            "origin": self.origin,
            "stale": self.stale,
            "languages": list(self.languages),
        }

    @classmethod
    def from_json(cls, values: dict) -> TextLanguage:
        return cls(**{**values, "languages": tuple(values["languages"])})


def in_order(codes: set[str]) -> tuple[str, ...]:
    """Languages as a page lists them: in the settings' order (French first)."""
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return tuple(sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c)))


def text_language(row: dict) -> TextLanguage:
    """The `TextLanguage` of a row annotated by `text_columns`."""
    language = row["text_language"]
    published: datetime | None = row["text_published_at"]
    source: datetime | None = row["source_published_at"]
    stale = (
        language != settings.LANGUAGE_CODE
        and published is not None
        and source is not None
        and source > published
    )
    codes = set((row["text_languages"] or "").split()) | {settings.LANGUAGE_CODE}
    return TextLanguage(language, row["text_origin"], stale, in_order(codes))


def text_language_context(text: TextLanguage, content: str | None) -> dict:
    """What a page's template needs to mark and offer its texts' languages
    (`templates/includes/text_languages.html`): `written`, the languages offered, and
    `content_missing`, the language asked when no translation into it exists. A text in a
    family's language (Arabic…) is marked on its elements, not on `<main>`, whose buttons and
    labels stay in the interface's language: `page_language` is then the interface's."""
    context: dict = {
        "written": text,
        "content_missing": Written(content, False)
        if content and content != text.language
        else None,
    }
    if text.language not in interface_codes():
        context["page_language"] = visitor_language()
    return context
