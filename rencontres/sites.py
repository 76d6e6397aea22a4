"""The Wagtail Site follows `RENCONTRES_BASE_URL`: its hostname and port make every absolute URL
(sitemap, JSON-LD, calendar files, the APIs' `url`), so they must be the public ones, not the
`localhost:80` the migrations create. Applied after `migrate` and when the server starts."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}


def host_and_port(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def apply_base_url() -> bool:
    """Sets the default Site's hostname and port from the base URL; True when it changed it."""
    from wagtail.models import Site

    hostname, port = host_and_port(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return True


def apply_base_url_after_migrate(sender, **kwargs) -> None:
    apply_base_url()


def apply_base_url_at_start() -> None:
    """At the server's start the database may be down or not migrated yet: the site still
    starts (and says 503), and the next `migrate` applies the base URL."""
    try:
        apply_base_url()
    except DatabaseError:
        logger.warning("The Site's hostname could not be set from RENCONTRES_BASE_URL.")
