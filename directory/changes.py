"""A place's publication, change and removal, as partners follow them: the tombstone of a place
unpublished or deleted (core.tombstones), dropped when it is published again, and the webhooks
(core.webhooks). Only French pages are places; a translation changes its place's words, not its
presence. Connected from the app's ready()."""

from __future__ import annotations

from wagtail.models import Locale

from core.absolute import absolute_url
from core.tombstones import forget_removal, record_removal
from core.webhooks import announce
from directory.models.places import PlacePage


def _is_place(instance: PlacePage) -> bool:
    return instance.locale_id == Locale.get_default().pk


def place_published(sender, instance: PlacePage, **kwargs) -> None:
    if not _is_place(instance):
        return
    was_removed = forget_removal(instance)
    # Wagtail sets first_published_at at the first publication, last_published_at at each.
    first = instance.first_published_at == instance.last_published_at
    kind = "place.published" if first or was_removed else "place.changed"
    modified = instance.last_published_at
    announce(
        kind,
        {
            "id": instance.pk,
            "modified": modified.isoformat() if modified else None,
            "url": absolute_url(f"/api/v1/places/{instance.pk}/"),
        },
    )


def place_removed(sender, instance: PlacePage, **kwargs) -> None:
    # A draft never published leaves nothing: no client ever read it.
    if _is_place(instance) and instance.first_published_at is not None:
        record_removal(instance)
