"""ONE staff's list of partners' webhooks (core.webhooks): a partner's name and URL, whether it
is told, and the secret it checks the signatures with (made when the endpoint is added, shown to
hand over, never typed), with what its last attempt did."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from core.models import WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = _("Webhooks des partenaires")
    menu_order = 902
    add_to_settings_menu = True
    url_prefix = "webhooks"
    list_display = ["name", "url", "active", "last_attempt_at", "last_outcome"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("active"),
        FieldPanel("secret", read_only=True),
        FieldPanel("last_attempt_at", read_only=True),
        FieldPanel("last_outcome", read_only=True),
    ]


webhook_endpoints = WebhookEndpointViewSet("webhook_endpoints")
