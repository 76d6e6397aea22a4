"""What the change feeds say of a record the public no longer sees: a tombstone (its id, when it
left, and the record that replaces it after a merge). Recorded by the one function
`record_removal`, which the apps' signal handlers call on an unpublication or a deletion and a
merge calls with the place kept; dropped by `forget_removal` when the record is published again,
so that a tombstone never stands beside a public record. Kept for
settings.TOMBSTONE_RETENTION (`manage.py purge_tombstones`): a client that has not followed the
feed for longer reloads everything (docs/partners-sync.md)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Model, Q
from django.utils import timezone

from core.cursors import Keyset, keyset_after
from core.models import Tombstone
from core.webhooks import announce

_kinds: dict[type[Model], str] = {}


def follow(model: type[Model], kind: str) -> None:
    """Records of `model` leave tombstones of `kind` ("place"): called from an app's ready()."""
    _kinds[model] = kind


def kind_of(obj: Model) -> str:
    specific = getattr(obj, "specific_deferred", obj)
    for model in type(specific).__mro__:
        if model in _kinds:
            return _kinds[model]
    raise LookupError(f"{type(specific).__name__} leaves no tombstone: see core.tombstones.follow")


def _id(record: Model | int | None) -> int | None:
    return record if record is None or isinstance(record, int) else record.pk


def record_removal(obj: Model, replaced_by: Model | int | None = None) -> Tombstone:
    """`obj` is no longer public, from now: unpublished or deleted, or merged into
    `replaced_by` (a record of the same kind, or its id). A removal without `replaced_by` keeps
    the one a merge already said (a merge unpublishes the place it absorbs). Partners' webhooks
    are told once the transaction commits."""
    kind = kind_of(obj)
    replacement = _id(replaced_by)
    now = timezone.now()
    tombstone, created = Tombstone.objects.get_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={"deleted_at": now, "replaced_by": replacement},
    )
    if not created:
        tombstone.deleted_at = now
        if replacement is not None:
            tombstone.replaced_by = replacement
        tombstone.save(update_fields=["deleted_at", "replaced_by"])
    announce(f"{kind}.removed", removal_data(tombstone))
    return tombstone


def removal_data(tombstone: Tombstone) -> dict:
    return {
        "id": tombstone.object_id,
        "deleted_at": tombstone.deleted_at.isoformat(),
        "replaced_by": tombstone.replaced_by,
    }


def forget_removal(obj: Model) -> bool:
    """`obj` is public again: its tombstone goes. True when it had one."""
    deleted, _rows = Tombstone.objects.filter(kind=kind_of(obj), object_id=obj.pk).delete()
    return bool(deleted)


def removals_after(
    kind: str, point: Keyset, since: datetime | None = None, limit: int = 100
) -> list[Tombstone]:
    """The tombstones of `kind` after `point` in the feed's order, (deleted_at, id); only those
    after `since` when given (the feed's `modified_after`)."""
    after = point.moment
    rows = Tombstone.objects.filter(kind=kind).filter(
        Q(deleted_at__gt=after) | Q(deleted_at=after, object_id__gt=point.pk)
    )
    if since is not None:
        rows = rows.filter(deleted_at__gt=since)
    return list(rows.order_by("deleted_at", "object_id")[:limit])


def tombstone_point(tombstone: Tombstone) -> Keyset:
    return keyset_after(tombstone.deleted_at, tombstone.object_id)


def purge_tombstones(now: datetime | None = None) -> int:
    """Deletes the tombstones older than settings.TOMBSTONE_RETENTION; returns how many."""
    limit = (now or timezone.now()) - settings.TOMBSTONE_RETENTION
    deleted, _rows = Tombstone.objects.filter(deleted_at__lt=limit).delete()
    return deleted
