"""ONE staff register a partner's webhook in the admin (rencontres/webhooks_admin.py): the
secret is made by the site, shown to hand over, never typed; organisers cannot reach it."""

from django.urls import reverse

from core.models import WebhookEndpoint


def test_one_staff_add_a_partner_and_read_its_secret(client, staff_member):
    client.force_login(staff_member)
    assert client.get(reverse("webhook_endpoints:index")).status_code == 200
    response = client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Commune de Liège",
            "url": "https://liege.example.org/hooks",
            "active": "on",
            "secret": "whsec_typed-by-hand",
        },
    )
    assert response.status_code == 302, response.content
    endpoint = WebhookEndpoint.objects.get(name="Commune de Liège")
    assert endpoint.secret.startswith("whsec_") and endpoint.secret != "whsec_typed-by-hand"
    edit = client.get(reverse("webhook_endpoints:edit", args=[endpoint.pk]))
    assert endpoint.secret in edit.content.decode()


def test_organisers_cannot_reach_the_webhooks(client, organiser_a):
    client.force_login(organiser_a)
    for name in ("webhook_endpoints:index", "webhook_endpoints:add"):
        assert client.get(reverse(name)).status_code in (302, 403)
