"""The demo's partners' side (docs/partners-sync.md): one partner's webhook, inactive (the demo
never posts to the Internet; its secret is shown in the admin, Settings → Partners' webhooks),
and, once, a merge among the places just written: the last one merged into the one before it,
so that the change feed (`/api/v1/places/?cursor=start`) ends with a tombstone that names the
place kept."""

from __future__ import annotations

from core.models import WebhookEndpoint
from core.tombstones import record_removal
from directory.models import PlacePage

DEMO_PARTNER = "Commune de démonstration (exemple)"


def seed_partners(created: list[int]) -> int | None:
    """The partner's endpoint if missing; the merge when this run wrote two places or more.
    Returns the id of the place merged, if any."""
    WebhookEndpoint.objects.get_or_create(
        name=DEMO_PARTNER,
        defaults={"url": "https://partenaire.example.org/rencontres/webhooks", "active": False},
    )
    if len(created) < 2:
        return None
    kept, merged = PlacePage.objects.get(pk=created[-2]), PlacePage.objects.get(pk=created[-1])
    merged.unpublish()
    record_removal(merged, replaced_by=kept)
    return merged.pk
