"""The test database (tests/database_template.py): the flush that ends a transactional test
leaves every table empty, on either database (on PostgreSQL it deletes instead of truncating)."""

import pytest
from django.core.management import call_command
from django.db import connection


def tables_holding_rows() -> list[str]:
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    holding = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")  # noqa: S608 (our tables)
            if cursor.fetchone():
                holding.append(table)
    return holding


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_flush_empties_every_table_whatever_their_foreign_keys():
    from tests.factories import PlacePageFactory, objective

    # A page under the migrations' root, with its revisions, objectives and commune: rows that
    # point at each other's tables, in both directions of the tables' order.
    PlacePageFactory(title="Le Nid", objectives=[objective("passerelles")])
    assert len(tables_holding_rows()) > 10

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)

    assert tables_holding_rows() == []
