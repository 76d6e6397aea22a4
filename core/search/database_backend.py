"""Wagtail's database search backend, with the query shape SQLite plans well.

django-modelsearch's SQLite backend joins its FTS5 table to the index entries, and SQLite plans
that as a scan of the virtual table for every entry: about a second for one word over 10,000
places. Written `rowid IN (SELECT rowid … MATCH …)`, the same search takes a few milliseconds.
The backend below uses that shape for unranked searches (the family search only needs ids);
ranked ones, the admin's, keep modelsearch's query. Other databases keep modelsearch's backends.
It also reads each object's search fields once when indexing, where modelsearch's indexer reads
them all three times (once for the title, once for the body, once for autocompletion).
Configured as `BACKEND: "core.search.database_backend"`.
"""

from __future__ import annotations

from functools import cache, cached_property

import modelsearch.backends.database as vendor
from django.db import connection


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks the backend up by)
    # Wagtail builds a backend each time one is asked for (every text search): build one, not
    # modelsearch's and then ours.
    if connection.vendor == "sqlite" and _sqlite_has_fts():
        return _planned_sqlite_backend()(params)
    return vendor.SearchBackend(params)


@cache
def _sqlite_has_fts() -> bool:
    """modelsearch's own check (FTS5 compiled in, its table migrated), once per process as
    modelsearch does; without it, its plain fallback backend."""
    from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

    return fts5_available() and fts_table_exists()


@cache
def _planned_sqlite_backend():
    # Imported here: modelsearch only defines its FTS model on SQLite with FTS5.
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.index import AutocompleteField, SearchField
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

    class PlannedQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def search(self, config, start, stop, score_field=None):
            query = normalize(self.query)
            ranked = score_field is not None or self.order_by_relevance
            if ranked or isinstance(query, MatchAll | Not):
                return super().search(config, start, stop, score_field)
            match = MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
            )
            matching_rows = sqlite.SQLiteFTSIndexEntry.objects.filter(match).values(
                "index_entry_id"
            )
            object_ids = sqlite.IndexEntry.objects.filter(
                pk__in=matching_rows,
                content_type__in=get_descendants_content_types_pks(self.queryset.model),
            ).values("object_id")
            found = self.queryset.filter(pk__in=object_ids)
            if not found.query.order_by:
                found = found.order_by("-pk")
            return found[start:stop]

    class OnePassIndexer(sqlite.ObjectIndexer):
        """The title, body and autocompletion texts from one reading of the search fields
        (a rich text field's HTML is parsed once, not three times)."""

        @cached_property
        def values(self) -> list[tuple[object, str]]:
            return [
                pair for field in self.search_fields for pair in self.prepare_field(self.obj, field)
            ]

        def _joined(self, keep) -> str:
            return " ".join(value for field, value in self.values if keep(field))

        @cached_property
        def title(self) -> str:
            return self._joined(lambda f: isinstance(f, SearchField) and f.field_name == "title")

        @cached_property
        def body(self) -> str:
            return self._joined(lambda f: isinstance(f, SearchField) and f.field_name != "title")

        @cached_property
        def autocomplete(self) -> str:
            return self._joined(lambda f: isinstance(f, AutocompleteField))

    class OnePassSQLiteIndex(sqlite.SQLiteIndex):
        def add_items(self, model, objs):
            # modelsearch's SQLiteIndex.add_items, with OnePassIndexer.
            if not model.get_search_fields():
                return
            data = {}
            for obj in objs:
                indexer = OnePassIndexer(obj, self.backend)
                data[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)
            if not data:
                return
            content_type_pk = get_content_type_pk(model)
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = frozenset(
                entries.filter(object_id__in=data).values_list("object_id", flat=True)
            )
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                sqlite.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            )
            self._refresh_title_norms()

    class PlannedSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = PlannedQueryCompiler
        index_class = OnePassSQLiteIndex

    return PlannedSQLiteSearchBackend
