"""Absolute addresses start at `RENCONTRES_BASE_URL`, whatever host a request came by: behind
the proxy the request's host is `127.0.0.1:…`, and a forged Host header must not reach the
links of an e-mail, a feed or an API."""

from __future__ import annotations

from django.conf import settings


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str = "/") -> str:
    """`path` (from the root, with its query) as an absolute address."""
    return f"{base_url()}{path}"
