"""The demo's partners' side (docs/partners-sync.md): one partner's webhook, inactive (the demo
never posts to the Internet; its secret is shown in the admin, Settings → Partners' webhooks).
The change feed's tombstone of a merged place comes from the demo's duplicates
(`seed_demo --duplicates`, rencontres/demo/duplicates.py), merged as ONE staff merge them."""

from __future__ import annotations

from core.models import WebhookEndpoint

DEMO_PARTNER = "Commune de démonstration (exemple)"


def seed_partners() -> None:
    WebhookEndpoint.objects.get_or_create(
        name=DEMO_PARTNER,
        defaults={"url": "https://partenaire.example.org/rencontres/webhooks", "active": False},
    )
