"""Free text (`q`): every word must be found. The cluster matches it across the index's text
fields with French analysis; the database asks Wagtail's database search backend."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
from django.conf import settings
from django.db import models
from django.db.models import Aggregate, QuerySet
from elasticsearch import dsl
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from core.search.criterion import Control, Criterion, Exact, Param
from core.search.fields import MAX_TEXT_LENGTH
from core.search.paths import values_at

FRENCH_ELISION = dsl.token_filter(
    "rencontres_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
FRENCH_STEMMER = dsl.token_filter(
    "rencontres_light_french", type="stemmer", language="light_french"
)
# "Liège", "liege" and "LIÈGE", "crèche" and "creche", "l'enfant" and "enfants" all meet.
FRENCH = dsl.analyzer(
    "rencontres_french",
    tokenizer="standard",
    filter=[FRENCH_ELISION, "lowercase", "asciifolding", FRENCH_STEMMER],
)

WORD = re.compile(r"\w+")
# Rich text's tags (Wagtail's editor writes `<` in text as `&lt;`, so every `<` opens one).
TAG = re.compile(r"<[^>]*>")


class JoinedText(Aggregate):
    """Texts of a group joined by spaces, as one value (SQLite's GROUP_CONCAT, PostgreSQL's
    STRING_AGG)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


@dataclass(frozen=True)
class TextField:
    """A text field of the cluster's documents: the texts at `sources` (ORM paths), joined."""

    name: str
    sources: tuple[str, ...]
    boost: int = 1
    # Rich text: its tags are not words.
    html: bool = False

    def text(self, obj) -> str:
        text = " ".join(str(v) for source in self.sources for v in values_at(obj, source) if v)
        # Not Django's strip_tags: its HTML parser costs a fifth of a rebuild.
        return TAG.sub(" ", text) if self.html else text


def database_search_backend():
    """Wagtail's database backend, also when the site's default backend is the cluster: the
    database engine is the fallback for when the cluster is down."""
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


# The articles French elides ("l'atelier", "d'enfants"): the cluster's elision filter drops them,
# so the database engine does too.
ELIDED = {"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"}


def word_forms(word: str) -> list[str]:
    """A word in the forms the database engine accepts for it: singular and plural, as the
    cluster's light French stemmer reads "crèche" and "crèches" alike."""
    singular = word[:-1] if len(word) > 3 and word[-1] in "sx" else word
    return sorted({singular, f"{singular}s", f"{singular}x"})


def family_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in ELIDED]


def text_matches(
    text: str, pages: QuerySet, found: Callable[[QuerySet], QuerySet] | None = None
) -> set[int]:
    """Ids of `pages` that Wagtail's search finds for every word of `text`, in any of its forms
    (through `found`, when the pages searched are not the rows indexed: a place's translations
    stand for the place).

    Only the words go to the search backend: quotes and operators in a family's text would be
    read as full-text query syntax by SQLite's FTS5 or PostgreSQL, and fail. Only ids are
    fetched (the database backends expose their queryset): no page is loaded to filter. They
    are intersected with the other filters' matches in Python, since a list of thousands of ids
    would overflow SQLite's bound parameters and a full-text subquery is slower.
    """
    words = family_words(text)
    if not words:
        return set()
    query = And([Or([PlainText(form) for form in word_forms(word)]) for word in words])
    results = database_search_backend().search(query, pages, order_by_relevance=False)
    matched = results.get_queryset()
    if found is not None:
        matched = found(matched)
    return set(matched.values_list("pk", flat=True))


@dataclass(frozen=True, eq=False)
class Text(Criterion):
    """`q`: found in the cluster's `fields`, or by Wagtail's search in `pages`, whose ids the
    indexed objects hold at `match` ("activity_id" for sessions), or that `found` turns into
    those ids (a translation's page into its source's)."""

    fields: tuple[TextField, ...]
    pages: Callable[[], QuerySet]
    found: Callable[[QuerySet], QuerySet] | None = None
    match: str = "pk"
    name: str = "q"
    description: str = "Texte libre"

    def params(self) -> list[Param]:
        return [
            Param(
                self.name,
                django_filters.CharFilter(max_length=MAX_TEXT_LENGTH),
                self.description,
                control=Control("search"),
            )
        ]

    def value(self, data: dict) -> str | None:
        return (data.get(self.name) or "").strip() or None

    def exact(self, value: str) -> Exact:
        wanted = text_matches(value, self.pages(), self.found)
        return Exact((self.match,), lambda row: 0 if row[0] in wanted else None)

    def clauses(self, value: str) -> list[dsl.Q]:
        fields = [f"{f.name}^{f.boost}" if f.boost != 1 else f.name for f in self.fields]
        return [
            dsl.Q("multi_match", query=value, fields=fields, type="cross_fields", operator="and")
        ]

    def mapping(self) -> dict[str, dsl.Field]:
        return {f.name: dsl.Text(analyzer=FRENCH) for f in self.fields}

    def document(self, obj) -> dict[str, Any]:
        return {f.name: f.text(obj) for f in self.fields}

    def paths(self) -> list[str]:
        return [source for f in self.fields for source in f.sources]
