import re
import socket
import threading
from datetime import timedelta

import pytest

# The test database, cloned from a migrated template rather than migrated by each process; the
# search suites' world and engines.
pytest_plugins = ["tests.database_template", "tests.search_world"]

# What gives a test the database: pytest-django blocks it for any test without one of these
# or the django_db marker. A module-scoped world unblocks it (django_db_blocker, which every
# test has) after django_db_setup, which is among these.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "django_db_setup",
        "live_server",
        "admin_user",
        "admin_client",
    }
)


# Markers of the tests that check the site as a whole, through views the other tests run on
# both engines: they are `production_database` (scripts/test runs them on PostgreSQL only).
ON_PRODUCTION_DATABASE = frozenset({"browser"})


def pytest_collection_modifyitems(items):
    """A test that cannot reach the database checks nothing the database engine decides: it is
    `any_database` (scripts/test runs it on SQLite only). A browser flow is `production_database`
    (scripts/test runs it on PostgreSQL only). No test is both: scripts/test would run it
    nowhere."""
    for item in items:
        if any(item.get_closest_marker(name) for name in ON_PRODUCTION_DATABASE):
            item.add_marker(pytest.mark.production_database)
        if item.get_closest_marker("django_db") is None and not DATABASE_FIXTURES.intersection(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.any_database)
        if item.get_closest_marker("any_database") and item.get_closest_marker(
            "production_database"
        ):
            raise pytest.UsageError(
                f"{item.nodeid} is both any_database and production_database: "
                "scripts/test would run it on neither database"
            )


@pytest.fixture
def commune(db):
    from tests.factories import CommuneFactory

    return CommuneFactory(name_fr="Liège", name_nl="Luik", code="62063", search_names="liege luik")


@pytest.fixture
def place(db, commune):
    from tests.factories import PlacePageFactory, objective

    return PlacePageFactory(
        title="La Maison des Petits Pas",
        commune=commune,
        objectives=[objective("passerelles")],
    )


@pytest.fixture
def place_a(commune):
    from tests.factories import PlacePageFactory

    return PlacePageFactory(title="Lieu A", commune=commune)


@pytest.fixture
def place_b(commune):
    from tests.factories import PlacePageFactory

    return PlacePageFactory(title="Lieu B", commune=commune)


def organiser_of(django_user_model, place, username):
    """An account in the organisers' group of `place` (given one if the place has none yet)."""
    from directory.roles import organiser_group, organiser_groups_for

    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password="x"
    )
    user.groups.add(organiser_group(place) or organiser_groups_for([place])[0])
    return user


@pytest.fixture
def organiser_a(django_user_model, place_a):
    return organiser_of(django_user_model, place_a, "orga-a")


@pytest.fixture
def organiser_b(django_user_model, place_b):
    return organiser_of(django_user_model, place_b, "orga-b")


@pytest.fixture
def staff_member(django_user_model):
    from django.contrib.auth.models import Group

    from rencontres.roles import ONE_STAFF_GROUP

    user = django_user_model.objects.create_user(
        "one-staff", email="staff@one.example", password="x"
    )
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return user


@pytest.fixture
def keeping(settings):
    """Public responses kept (core.kept), from a generation of this test's own."""
    from core.kept import new_generation

    settings.KEPT_RESPONSES_SECONDS = 60
    new_generation()


@pytest.fixture
def feed_settled_at_once(monkeypatch):
    """Change feeds give a change as soon as it is made: for tests of what the feed holds, made
    and read within a second (the settling itself: tests/directory/test_change_feed.py)."""
    from core import change_feed

    monkeypatch.setattr(change_feed, "SETTLE", timedelta(0))


@pytest.fixture
def discreet_place(commune):
    from tests.discreet import make_discreet_place

    return make_discreet_place(commune)


# ---------------------------------------------------------------------------------------------
# The shared cache: a throwaway Redis-protocol server from Debian (redis-server, or
# valkey-server), started once for the session on a free loopback port. Without the binary the
# tests that need it are skipped, except in CI where they fail: CI must exercise the real cache.
REDIS_SERVERS = ("redis-server", "valkey-server")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    import os
    import shutil
    import socket
    import subprocess
    import time

    import redis

    binary = next((shutil.which(name) for name in REDIS_SERVERS if shutil.which(name)), None)
    if binary is None:
        message = "No redis-server or valkey-server: apt-get install redis-server."
        if os.environ.get("CI"):
            pytest.fail(f"The shared-cache tests need a Redis-protocol server in CI. {message}")
        pytest.skip(message)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    directory = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(  # noqa: S603 (Debian's binary, our arguments)
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        + ["--dir", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 15
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"{binary} did not start on port {port}")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    client.close()
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(params=["memory", "redis"])
def shared_cache(request, settings):
    """Runs a test once on each process's memory (no RENCONTRES_CACHE_URL) and once on the shared
    Redis cache (with one), both built by the settings' own `caches_for`."""
    from django.core.cache import cache

    from rencontres.settings import caches_for

    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    settings.CACHES = caches_for(url)
    cache.clear()
    yield request.param
    cache.clear()


# The cache keys core.recipients and organisers.invitations count messages under.
COUNTED_KEYS = re.compile(r":(recipient-|invitations-by:)")


@pytest.fixture(autouse=True)
def _no_message_counted_yet():
    """Each test starts with no message counted for any recipient (core.recipients) nor any
    invitation for any organiser: the counts live in the cache, which outlives a test. Only
    those keys go: the rest of the cache stays as it was (some query counts rely on it)."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from core.cache import local_counts

    local_counts.clear()
    default = caches["default"]
    # The tests' cache is each process's memory (a test on Redis clears it: `shared_cache`).
    if isinstance(default, LocMemCache):
        with default._lock:
            for key in [k for k in default._cache if COUNTED_KEYS.search(k)]:
                del default._cache[key]
                default._expire_info.pop(key, None)


@pytest.fixture(autouse=True)
def _search_breaker_closed():
    """Each test starts with the search cluster's breaker closed (its state lives in the cache,
    which outlives a test)."""
    from core.search import breaker

    breaker.reset()


@pytest.fixture(autouse=True)
def _french_between_tests():
    """A request under /nl/ or /en/ leaves its language active in the thread (LocaleMiddleware
    does not reset it): each test starts in French, the site's default, as a request would."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# ---------------------------------------------------------------------------------------------
# A hung search cluster: it accepts connections and never answers (a stopped one is a closed
# port).
class HungServer:
    """Accepts TCP connections, reads what it is sent, never answers."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.socket.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hung_cluster(settings):
    """The search cluster settings point at a HungServer (it is closed after the test)."""
    from core.search.transport import ClusterSettings
    from tests.search_world import use_cluster

    server = HungServer()
    use_cluster(
        settings,
        ClusterSettings(
            url=f"http://127.0.0.1:{server.port}", flavour="opensearch2", index_prefix="hung"
        ),
    )
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _texts_outbox_emptied():
    """The texts the memory backend kept (core.texting.outbox), emptied for each test as
    Django empties mail.outbox."""
    from core import texting

    texting.outbox.clear()
    yield
    texting.outbox.clear()


@pytest.fixture
def sms_centre(settings):
    """A local SMPP server (tests/sms_server.py) that the site's texts go to, through
    smpplib's real client."""
    from tests.sms_server import SmsCentre

    centre = SmsCentre()
    settings.SMS = {**settings.SMS, "backend": "smpp", "url": centre.url, "listen_seconds": 0.3}
    yield centre
    centre.stop()


@pytest.fixture
def no_search_events(db):
    """The tests that count search events start from none: on PostgreSQL, a live server still
    answering an earlier browser test's last requests can write events after that test's flush
    (clean-clone runs found 73 to 88 rows left; each file passes alone)."""
    from core.models import SearchEvent, SearchWeek

    SearchEvent.objects.all().delete()
    SearchWeek.objects.all().delete()
