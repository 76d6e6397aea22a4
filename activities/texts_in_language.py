"""An activity's public texts in the language a family reads them (the activity's part of the
public record: its title, description and what to bring), with the language they are written
in, who translated them and whether they are stale (core.translated_texts): the activity page,
the registration pages read them, in one query whatever the number of activities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from activities.models import ActivityPage
from core.pages import visitor_language
from core.translated_texts import TEXT_COLUMNS, TextLanguage, text_columns, text_language

ACTIVITY_TEXTS = ("title", "description", "what_to_bring")


@dataclass(frozen=True)
class ActivityTexts:
    id: int
    title: str
    # Rich text as stored.
    description: str
    what_to_bring: str
    text: TextLanguage


def activity_texts(
    ids: Iterable[int], content: str | None = None, language: str | None = None
) -> dict[int, ActivityTexts]:
    """The texts of the activities `ids` (French pages or translations), by id: in `content`
    where a live translation in it exists, else in `language` (the visitor's), else their
    own."""
    ids = list(ids)
    if not ids:
        return {}
    columns = text_columns(ActivityPage, ACTIVITY_TEXTS, language or visitor_language(), content)
    rows = (
        ActivityPage.objects.filter(pk__in=ids)
        .order_by()
        .annotate(**columns)
        .values("id", *(f"{field}_in_language" for field in ACTIVITY_TEXTS), *TEXT_COLUMNS)
    )
    return {
        row["id"]: ActivityTexts(
            id=row["id"],
            title=row["title_in_language"],
            description=row["description_in_language"],
            what_to_bring=row["what_to_bring_in_language"],
            text=text_language(row),
        )
        for row in rows
    }


def activity_text(activity: ActivityPage, content: str | None = None) -> ActivityTexts:
    return activity_texts([activity.pk], content)[activity.pk]


def draft_text(activity: ActivityPage) -> ActivityTexts:
    """The texts of the page being edited, for its preview: the draft, not what is stored."""
    locale = getattr(activity, "locale", None)
    language = locale.language_code if locale else TextLanguage.language
    return ActivityTexts(
        id=activity.pk,
        title=activity.title,
        description=activity.description,
        what_to_bring=activity.what_to_bring,
        text=TextLanguage(language=language, languages=(language,)),
    )
