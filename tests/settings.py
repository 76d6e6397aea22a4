"""The production settings module, with the one value tests may not take from the environment."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("RENCONTRES_SECRET_KEY", "tests-only-secret-key")


def _own_directory(variable: str, prefix: str) -> None:
    """`variable` names a directory of this process's own, removed at exit, unless the caller
    chose one. A pytest-xdist worker inherits its controller's environment: what the controller
    made here is not a choice, and the worker makes its own."""
    made_here = f"TESTS_MADE_{variable}"
    if os.environ.get(variable) == os.environ.get(made_here):
        path = tempfile.mkdtemp(prefix=prefix)
        os.environ[variable] = os.environ[made_here] = path
        atexit.register(shutil.rmtree, path, ignore_errors=True)


# The files the search breaker keeps without a cache server (two workers sharing them would
# trip each other's breaker), and the uploads (never into the checkout's media/).
_own_directory("RENCONTRES_STATE_DIR", "rencontres-tests-state-")
_own_directory("RENCONTRES_MEDIA_ROOT", "rencontres-tests-media-")

from rencontres.settings import *  # noqa: E402, F403

# The manifest storage needs collectstatic first; tests serve static files from the finders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# A test writes rows without the signals a page's publication sends (factories): responses are
# kept only where a test turns keeping on (the `keeping` fixture, tests/conftest.py).
KEPT_RESPONSES_SECONDS = 0
# Each search's event written at once, for the tests to read (core.search.events gathers them).
SEARCH_STATISTICS = {**SEARCH_STATISTICS, "buffer_events": 1}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests never reach outside: an address form without a point asks a closed local port, which
# fails at once like an unreachable geocoder. Geocoding tests start their own Nominatim stand-in.
# No rate limit: searches with addresses would otherwise wait for each other.
GEOCODER = {**GEOCODER, "url": "http://127.0.0.1:9", "min_delay_seconds": 0.0}  # noqa: F405
GEOCODER_FRANCE = {**GEOCODER_FRANCE, "url": "http://127.0.0.1:9"}  # noqa: F405

# Background tasks (e-mails) run at once, inside the request that queues them; a failing task
# is recorded as failed, as the worker would.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Text messages kept in core.texting.outbox; the SMPP tests set the backend to their server.
SMS = {**SMS, "backend": "memory", "listen_seconds": 0.0}  # noqa: F405
