"""Rows a test module's tests all read, built once for the module instead of once per test.

A place with its activity takes about a second to build (Wagtail pages, revisions, sessions,
the search index), several on a busy machine: a module of 240 tests that each built the same
place spent minutes doing so, on each engine. Built once, outside the tests' transactions, the
rows stay for the module's tests (each test's own writes are rolled back with its transaction),
then the migrated rows, and only those, are put back for the modules that follow.

Only for modules whose tests run in a transaction (`django_db` without `transaction=True`, no
`live_server`): a transactional test's flush would empty the rows for the tests after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def put_back_migrated_rows() -> None:
    """Every database as the migrations left it (tests.database_template keeps a copy)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def built_once_per_module(build: Callable[[], Any]):
    """A module-scoped fixture whose value is `build()`, run on the migrated rows with the
    database unblocked; the migrated rows are put back once the module's tests are done."""

    @pytest.fixture(scope="module")
    def rows(django_db_setup, django_db_blocker):
        try:
            with django_db_blocker.unblock():
                # From the migrated rows, whatever the module before left.
                put_back_migrated_rows()
                built = build()
            yield built
        finally:
            # Also when the build failed half-way: no half-built rows for the next module.
            with django_db_blocker.unblock():
                put_back_migrated_rows()

    return rows
