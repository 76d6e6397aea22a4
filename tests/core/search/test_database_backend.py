import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object

from core.search.free_text import text_matches, word_forms
from directory.search.criteria import public_places
from tests.factories import PlacePageFactory


def test_word_forms_read_singular_and_plural_alike():
    assert word_forms("crèches") == word_forms("crèche") == ["crèche", "crèches", "crèchex"]
    assert "jeux" in word_forms("jeu")
    assert word_forms("bras")[1] == "bras"


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the query shape is SQLite's; PostgreSQL keeps its own"
)
def test_sqlite_family_search_selects_fts_rowids_in_a_subquery(commune):
    crèche = PlacePageFactory(title="La Crèche du Parc", commune=commune)
    PlacePageFactory(title="Le Jardin", commune=commune)
    for place in (crèche, *public_places().exclude(pk=crèche.pk)):
        insert_or_update_object(place)
    backend = get_search_backend("default")
    assert type(backend).__name__ == "PlannedSQLiteSearchBackend"

    with CaptureQueriesContext(connection) as queries:
        found = text_matches("crèches parc", public_places())

    assert found == {crèche.pk}
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    (sql,) = [q["sql"] for q in queries.captured_queries if "MATCH" in q["sql"]]
    # The FTS table is read alone, in a subquery of row ids, never joined to the index entries.
    assert 'IN (SELECT U0."rowid" AS "index_entry_id" FROM "wagtailsearch_indexentry_fts" U0' in sql
    assert "JOIN" not in sql.split("wagtailsearch_indexentry")[1]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the one-pass indexer is SQLite's")
def test_sqlite_index_entries_match_modelsearch_indexer_read_once(commune):
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer

    from tests.factories import ActivityPageFactory, objective

    place = PlacePageFactory(
        title="La Crèche du Parc",
        description="<p>Jeux <b>libres</b> et contes</p>",
        commune=commune,
        objectives=[objective("promotion-sante-bientraitance")],
    )
    activity = ActivityPageFactory(parent=place, title="Matinée passerelle")
    backend = get_search_backend("default")
    entries = {}
    for saved in (place, activity):
        page = type(saved).objects.get(pk=saved.pk)
        backend.add_bulk(type(page), [page])
        vendor = ObjectIndexer(page, backend)
        entry = IndexEntry.objects.get(object_id=str(page.pk))
        entries[page.pk] = (entry.title, entry.body, entry.autocomplete)
        assert entries[page.pk] == (vendor.title, vendor.body, vendor.autocomplete)
    assert "libres" in entries[place.pk][1]
    assert "Liège" in entries[activity.pk][1]
