"""Public responses kept until the content they show changes.

A public response (a search API answer, a place's page) is kept in the default cache (each
worker's memory, or the shared Redis server) under a key made of the address asked (scheme,
host, path, query string), the language and the *content generation*: a token in the state
store every worker reads (the search breaker's: files under `RENCONTRES_STATE_DIR`, or Redis).
Responses also expire after `KEPT_RESPONSES_SECONDS`, for what time alone changes (the next
session) and what no signal announces (rows imported by a command); 0 keeps nothing.

One mechanism replaces the generation, `changed()`: whatever changes what a public response
shows announces it, once per transaction, after the transaction commits and after the work that
shows the change to every engine (the search cluster's documents rewritten, `before=`): a
response computed before that moment is kept under the generation read before it was computed,
the old one, never under the new one. The models whose rows feed public responses are
declared by their apps in `ready()` (`shown_publicly`): their saves, deletions, many-to-many
links and, for pages, publications, unpublications, moves and deletions announce a change.
Wagtail's own search index (the database engine's text search) is updated by a queued task
(`db_worker`), later: its end announces again.

What a response shows may stop being true at a known moment whatever is announced (a live room
at its session's end): whoever shows it says so with `shown_until(moment)` while the response is
computed or rendered, and the response is kept no longer than the earliest such moment.

Only what is the same for every visitor is kept or given: a GET from a visitor who carries no
cookie but the language's and the CSRF one (signed-in editors, a page's password, a flash
message all live in the session or their own cookie), outside previews, answered 200 without
setting a cookie and without a CSRF token (a kept token would be another visitor's).
"""

from __future__ import annotations

import hashlib
import math
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django_tasks.signals import task_finished
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "kept:content-generation"


def _state():
    return caches["search-breaker"]


def new_generation() -> str:
    """Makes every kept response unreachable at once; returns the new generation. What changes
    content announces it with `changed()` instead, which calls this at the right moment."""
    token = uuid.uuid4().hex
    _state().set(GENERATION_KEY, token, timeout=None)
    return token


def generation() -> str:
    return _state().get(GENERATION_KEY) or new_generation()


class _Announcement:
    """The changes of one transaction: each adds a hook run after the commit (its `before`, if
    any), and the last hook replaces the generation, after every `before` has run."""

    def __init__(self) -> None:
        self.bumping: list[_Hook] = []
        self.started = False


class _Hook:
    def __init__(
        self, announcement: _Announcement, before: Callable[[], None] | None, savepoints: set[str]
    ) -> None:
        self.announcement = announcement
        self.before = before
        self.savepoints = savepoints
        self.bumps = True

    def __call__(self) -> None:
        self.announcement.started = True
        try:
            if self.before is not None:
                self.before()
        finally:
            # Even when a cluster update failed: the database engine answers then.
            if self.bumps:
                new_generation()


# Django's connections are per thread: so are the transaction and its announcement. One whose
# hooks were dropped with a rolled back transaction has not started: the next change reuses it.
_current = threading.local()


def changed(before: Callable[[], None] | None = None) -> None:
    """The public content changed: every kept response becomes unreachable once the current
    transaction commits (at once outside one), after `before` and every other `before` of the
    transaction have run, so that no response computed before every engine shows the change is
    kept under the new generation. Inside `held()`, nothing: it announces once, at its end."""
    if getattr(_holding, "depth", 0):
        # Whoever holds the announcements shows every change to the engines before their end.
        return
    connection = transaction.get_connection()
    announcement = getattr(_current, "announcement", None)
    # Outside a transaction (an earlier hook of a commit, among others), the hook runs at once.
    if announcement is None or announcement.started or not connection.in_atomic_block:
        announcement = _current.announcement = _Announcement()
    # Django drops a rolled back savepoint's hooks with it (`on_commit`): a later hook takes
    # over an earlier one's replacement only when no rollback can drop the later one alone.
    hook = _Hook(announcement, before, set(connection.savepoint_ids))
    for earlier in announcement.bumping:
        earlier.bumps = not hook.savepoints <= earlier.savepoints
    announcement.bumping = [earlier for earlier in announcement.bumping if earlier.bumps]
    announcement.bumping.append(hook)
    transaction.on_commit(hook)


_holding = threading.local()


@contextmanager
def held() -> Iterator[None]:
    """Bulk work (the demo's seeding) changes much and announces once: inside, `changed()` does
    nothing (nor runs its `before`: the work updates the engines itself, before the end);
    at the end, one announcement. Per thread, as transactions are."""
    _holding.depth = getattr(_holding, "depth", 0) + 1
    try:
        yield
    finally:
        _holding.depth -= 1
        if not _holding.depth:
            # After a failure too: what was committed before it is public.
            changed()


_public_pages: set[type[Page]] = set()
_public_models: set[type[Model]] = set()


def _row_changed(sender, raw: bool = False, **kwargs) -> None:
    # A fixture being loaded is no change anyone saw.
    if not raw:
        changed()


def _links_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_"):
        changed()


def _page_moved(sender, instance: Page, **kwargs) -> None:
    if isinstance(instance.specific_deferred, tuple(_public_pages)):
        changed()


def _search_index_updated(sender, task_result, **kwargs) -> None:
    """Wagtail's search index (the database engine's text search) is updated by a task queued
    when a row is saved, which a `db_worker` runs after the transaction, later. A page's draft
    queues one too (its row is saved): one announcement too many, which costs a recomputation."""
    if task_result.task.module_path != insert_or_update_object_task.module_path:
        return
    app_label, model_name, _pk = task_result.args
    if apps.get_model(app_label, model_name) in _public_models:
        changed()


def shown_publicly(*models: type[Model]) -> None:
    """Declared in an app's `ready()`: these models' rows feed public responses, so that a
    saved or deleted row, a many-to-many link, and for a page its publication, unpublication,
    move or deletion (not a draft) announce a change."""
    for model in models:
        uid = f"kept-{model._meta.label_lower}"
        _public_models.add(model)
        if issubclass(model, Page):
            _public_pages.add(model)
            page_published.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-publish")
            page_unpublished.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-unpublish")
        else:
            post_save.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"{uid}-{field.name}")
    post_page_move.connect(_page_moved, dispatch_uid="kept-page-move")
    task_finished.connect(_search_index_updated, dispatch_uid="kept-search-index")


# The moments what the response being computed (in this thread) shows stops being true.
_shown = threading.local()


def shown_until(moment: datetime) -> None:
    """What the response being computed shows is true until `moment` only: it is kept no
    longer (and not at all once `moment` has passed). Outside a kept response, nothing."""
    moments = getattr(_shown, "moments", None)
    if moments is not None:
        moments.append(moment)


def _keeping_seconds(moments: list[datetime]) -> int:
    seconds = settings.KEPT_RESPONSES_SECONDS
    if moments:
        left = (min(moments) - timezone.now()).total_seconds()
        seconds = min(seconds, max(0, math.floor(left)))
    return seconds


def _key(request: HttpRequest) -> str:
    asked = "|".join(
        (request.scheme, request.get_host(), request.get_full_path(), get_language(), generation())
    )
    return "kept:" + hashlib.sha256(asked.encode()).hexdigest()


def _may_keep(request: HttpRequest) -> bool:
    anonymous = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return (
        settings.KEPT_RESPONSES_SECONDS > 0
        and request.method == "GET"
        and not getattr(request, "is_preview", False)
        and request.COOKIES.keys() <= anonymous
    )


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def kept_response(request: HttpRequest, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """The kept response to `request`, else `respond()`'s, kept when it may be."""
    if not _may_keep(request):
        return respond()
    key = _key(request)
    response = cache.get(key)
    if response is not None:
        return response
    moments: list[datetime] = []
    _shown.moments = moments
    response = respond()

    def keep(rendered: HttpResponse) -> None:
        _shown.moments = None
        seconds = _keeping_seconds(moments)
        if seconds > 0 and _keepable(request, rendered):
            cache.set(key, rendered, seconds)

    if getattr(response, "is_rendered", True):
        keep(response)
    else:
        response.add_post_render_callback(keep)
    return response


def kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`kept_response` as a view decorator: Wagtail's pages (`rencontres.urls`), a ninja
    operation's `run` (`ninja.decorators.decorate_view`)."""

    @wraps(view)
    def respond(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return kept_response(request, lambda: view(request, *args, **kwargs))

    return respond
