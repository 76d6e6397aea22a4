"""The task worker's connections in tests (core.worker)."""

from __future__ import annotations

from core import worker as worker_module


def keep_the_test_connection(monkeypatch) -> None:
    """The worker closes its connections between turns and when the database is lost; a test
    runs inside its own transaction, which a close would end on PostgreSQL (every later query:
    "connection already closed"). Here they stay open: the real close and reconnection are proved
    by the production smoke step, which restarts PostgreSQL under the worker."""
    monkeypatch.setattr(worker_module, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker_module, "close_all", lambda: None)
