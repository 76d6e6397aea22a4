"""The migrated test database, built once and cloned for every pytest process.

Migrating an empty database through every migration takes about a minute. So the first process
that needs the test database builds a *template* (the migrations applied, nothing else), and
every process, the first included, starts from a clone of it: each pytest-xdist worker has its
own database, none migrates. The template is named after a digest of what the migrations read
(their files, the project modules they and the post_migrate handlers import, the locked
dependencies, the settings, the Site's hostname), so it is reused by later runs until one of
those changes, and never when it is stale:

- SQLite: `var/test-databases/sqlite-<digest>.sqlite3`; a worker's database stays in memory
  (Django's default for tests) and is filled from the file with SQLite's backup API.
- PostgreSQL: the database `test_<name>_template_<digest>` on the server; a worker's database is
  `CREATE DATABASE ... TEMPLATE` it.

`--create-db` builds the template again; `--reuse-db` keeps the workers' PostgreSQL databases
after the run (a clone is made afresh at the next start anyway).
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import functools
import hashlib
import importlib.util
import itertools
import os
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "var" / "test-databases"
# What the migrations run besides their own files and the modules they import: the installed
# apps and their migrations (uv.lock), the settings, and the one variable of the environment
# that a post_migrate handler writes into the database (the Site's hostname).
READ_BY_MIGRATIONS = ("uv.lock", "rencontres/settings.py", "rencontres/env.py", "tests/settings.py")
READ_FROM_ENVIRONMENT = ("RENCONTRES_BASE_URL",)


@functools.cache
def _project_module_path(name: str) -> Path | None:
    """The file of a module of this repository, or None for anything installed."""
    if not (ROOT / name.split(".")[0] / "__init__.py").is_file():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except ModuleNotFoundError:
        # `from package.module import name`: the name is no module of its own.
        return None
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin)
    return path if ROOT in path.parents else None


def _imported_names(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def migrations_digest(vendor: str) -> str:
    """A digest of everything the migrations read, on this database vendor."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    ours = [config for config in apps.get_app_configs() if _project_module_path(config.name)]
    pending = [
        path for config in ours for path in sorted((Path(config.path) / "migrations").glob("*.py"))
    ]
    # The handlers `migrate` runs after the migrations (roles, the Site), where they are defined.
    for _key, receiver, *_is_async in post_migrate.receivers:
        function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        module = _project_module_path(getattr(function, "__module__", ""))
        if module is not None:
            pending.append(module)
    files: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in files:
            continue
        files.add(path)
        for name in _imported_names(path):
            module = _project_module_path(name)
            if module is not None:
                pending.append(module)
    digest = hashlib.sha256(vendor.encode())
    for path in [*sorted(files), *(ROOT / name for name in READ_BY_MIGRATIONS)]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    for name in READ_FROM_ENVIRONMENT:
        digest.update(f"{name}={os.environ.get(name, '')}".encode())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process at a time builds or clones the template (xdist workers start together)."""
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    with (TEMPLATES / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _point_at(connection, name: str) -> None:
    from django.conf import settings

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()


def _sqlite_from_template(connection, verbosity: int, rebuild: bool) -> None:
    template = TEMPLATES / f"sqlite-{migrations_digest('sqlite')}.sqlite3"
    with _locked(template.stem):
        if rebuild or not template.exists():
            # Built in the worker's own database, then copied out: this worker needs no clone.
            connection.creation.create_test_db(verbosity, autoclobber=True, serialize=False)
            building = template.with_suffix(".building")
            building.unlink(missing_ok=True)
            with contextlib.closing(sqlite3.connect(building)) as target:
                connection.connection.backup(target)
            for stale in TEMPLATES.glob("sqlite-*"):
                if stale.stem != template.stem:
                    stale.unlink()
            building.replace(template)
            return
    _point_at(connection, connection.creation._get_test_db_name())
    with contextlib.closing(sqlite3.connect(template)) as source:
        source.backup(connection.connection)


def _postgresql_from_template(connection, verbosity: int, rebuild: bool) -> None:
    creation = connection.creation
    quote = connection.ops.quote_name
    worker = creation._get_test_db_name()
    template = f"test_{connection.settings_dict['NAME']}_template_{migrations_digest('postgresql')}"
    with _locked(template):
        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if rebuild or not exists:
            # Built under another name and renamed once migrated: an interrupted build never
            # passes for a template.
            building = f"{template}_building"
            connection.settings_dict["TEST"]["NAME"] = building
            try:
                creation.create_test_db(verbosity, autoclobber=True, serialize=False)
            finally:
                connection.settings_dict["TEST"]["NAME"] = worker
            connection.close()
            with creation._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
        with creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker)}")
            cursor.execute(f"CREATE DATABASE {quote(worker)} TEMPLATE {quote(template)}")
    _point_at(connection, worker)


def _put_back_by_copy(connection) -> None:
    """Put the migrated rows back by copying them, instead of deserializing them.

    Deserializing saves some 600 objects one by one, more than a second each time a
    transactional test starts (and after its flush, for the tests that follow). A copy of the
    rows as they are now (just cloned: the migrations' rows, nothing else) is kept and put back
    in one go, after emptying every table: what a flush then the deserialization leave.
    SQLite copies its whole 2 MB database with the backup API; PostgreSQL keeps the rows in
    tables of a schema outside the search path, and empties the tables that hold rows then
    refills them in one transaction (Django's foreign keys are checked at commit, whatever the
    order of the rows).
    """
    put_back_rows = keep_rows(connection)
    deserialize = connection.creation.deserialize_db_from_string

    def put_back(data: str) -> None:
        if data is not connection._test_serialized_contents:
            deserialize(data)
            return
        put_back_rows()

    connection.creation.deserialize_db_from_string = put_back


def _flush_by_delete(connection) -> None:
    """A transactional test's flush empties the tables with DELETE, not TRUNCATE, on PostgreSQL.

    TRUNCATE makes new files for every table and index, some 140 tables: 1.9 to 3.9 s of the
    server's time after each transactional test, where one DELETE statement per table took
    0.17 to 0.20 s (the tables a test wrote in hold a few rows; the others are empty). The
    tables are just as empty after it; Django's foreign keys are checked at commit, so the
    order does not matter. Sequences go on as after a TRUNCATE without RESTART IDENTITY; a
    flush that resets them (`reset_sequences`) still truncates.
    """
    truncate = connection.ops.sql_flush
    quote = connection.ops.quote_name

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["".join(f"DELETE FROM {quote(table)};" for table in tables)]  # noqa: S608 (ours)

    connection.ops.sql_flush = sql_flush


def keep_rows(connection) -> Callable[[], None]:
    """A copy of every row the database holds now, and the function that puts exactly those
    rows back (whatever tables the database holds rows in then): milliseconds, where building
    them again (pages, a world) or deserializing them takes seconds."""
    if connection.vendor == "sqlite":
        return _sqlite_rows_kept(connection)
    return _postgresql_rows_kept(connection, f"kept_rows_{next(_KEPT_COPIES)}")


_KEPT_COPIES = itertools.count()


def _sqlite_rows_kept(connection):
    connection.ensure_connection()
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)

    def put_back() -> None:
        connection.ensure_connection()
        target = connection.connection
        # The copy brings back the copied counters of AUTOINCREMENT keys; the ones reached since
        # are kept, as a flush keeps them: an id is never given twice to rows of two tests (the
        # caches outlive a test, Wagtail's renditions for one, keyed by image id).
        reached = target.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
        # A request the live server is still answering (the browser's last) holds the shared
        # in-memory database a moment longer.
        deadline = time.monotonic() + 10
        while True:
            try:
                snapshot.backup(target)
                break
            except sqlite3.OperationalError as error:
                if "in use" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        for name, seq in reached:
            target.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (seq, name)
            )
            target.execute(
                "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                (name, seq, name),
            )

    return put_back


def _postgresql_rows_kept(connection, schema: str):
    from django.db import transaction

    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    # One query that names the tables holding rows (emptying all of them with TRUNCATE takes
    # about a second: a new file for every table and index).
    holding_rows = " UNION ALL ".join(
        f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 (our table names)
        for i, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        cursor.execute(holding_rows)
        kept = [tables[i] for (i,) in cursor.fetchall()]
        for table in kept:
            copy = f"{schema}.{quote(table)}"
            cursor.execute(f"CREATE TABLE {copy} AS TABLE {quote(table)}")

    def put_back() -> None:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(holding_rows)
            for (i,) in cursor.fetchall():
                cursor.execute(f"DELETE FROM {quote(tables[i])}")  # noqa: S608 (ours)
            for table in kept:
                cursor.execute(
                    f"INSERT INTO {quote(table)} "  # noqa: S608 (our table names)
                    f"SELECT * FROM {schema}.{quote(table)}"
                )

    return put_back


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's fixture of that name, with the database cloned from the template (and
    always migrated: `--no-migrations` has no effect here). The test environment and the
    database settings' xdist suffix are asked for what they set up before."""
    from django.db import connections
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, _serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    from_template = {"sqlite": _sqlite_from_template, "postgresql": _postgresql_from_template}
    old_names = []
    with django_db_blocker.unblock():
        for alias in sorted(aliases):
            connection = connections[alias]
            old_names.append((connection, connection.settings_dict["NAME"]))
            from_template[connection.vendor](connection, verbosity, rebuild=django_db_createdb)
            # The migrations' rows (programmes, objectives, groups…): what transactional
            # tests with serialized_rollback put back before they run, and what
            # `pytest_runtest_teardown` puts back after any transactional test's flush.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
            _put_back_by_copy(connection)
            if connection.vendor == "postgresql":
                _flush_by_delete(connection)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            for connection, old_name in old_names:
                connection.creation.destroy_test_db(old_name, verbosity, keepdb=False)


def _flushes(item: pytest.Item) -> bool:
    """A test that ends by flushing its database (pytest-django's own rule for "transactional":
    its marker, or the fixtures that make it so)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """A transactional test's flush empties the migrations' rows too. Run alone, pytest-django
    puts those tests last; a pytest-xdist worker may be given another file after one, whose
    tests expect the rows: they are put back once the flush is done."""
    result = yield
    # The next test flushing too starts from an empty database, as it would run alone.
    if nextitem is not None and _flushes(item) and not _flushes(nextitem):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


def main() -> None:
    """Build the template now, unless it is built already: scripts/test runs this beside its
    checks (one core), so that the first pytest worker does not build it while the other waits.
    The same settings and test environment as the pytest processes: the same digest."""
    import django
    from django.test.utils import setup_test_environment

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    setup_test_environment(debug=False)
    from django.db import connection

    from_template = {"sqlite": _sqlite_from_template, "postgresql": _postgresql_from_template}
    from_template[connection.vendor](connection, verbosity=0, rebuild=False)


if __name__ == "__main__":
    main()
