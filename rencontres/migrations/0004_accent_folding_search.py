"""PostgreSQL: Wagtail's database search folds accents ("creche" finds "crèche"), as SQLite's
FTS5 tokenizer and the cluster's analyser already do.

A text search configuration, `rencontres_search`: PostgreSQL's `simple` one (no stemming: the
family search asks for the singular and plural forms itself, core.search.text.word_forms) with
the `unaccent` dictionary before it. The settings name it as the database backend's
SEARCH_CONFIG. CREATE EXTENSION needs a role allowed to create it (the database's owner on
PostgreSQL 13 and later, unaccent being a trusted extension): docs/deploy.md. The existing index
entries keep their unfolded words until `manage.py update_index` runs once.
"""

from django.db import migrations

SEARCH_CONFIG = "rencontres_search"

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG};
CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
"""
DROP = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG};"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("rencontres", "0003_locales_and_translated_roots")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
