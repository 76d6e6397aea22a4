"""An alert: an e-mail address and the search it follows, nothing else about the person.

The address is the only personal datum. It is kept unconfirmed for `ALERTS["confirm_hours"]`
at most (`manage.py purge_alerts`), and deleted, row and all, by its unsubscribe link.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return secrets.token_urlsafe(32)


class Alert(models.Model):
    email = models.EmailField(_("courriel"))
    # The map page's view ("places", "activities") and its validated, normalized parameters.
    view = models.CharField(_("vue"), max_length=20)
    query = models.CharField(_("recherche"), max_length=1000, blank=True)
    # The language of the page it was set on: every e-mail is written in it.
    language = models.CharField(_("langue"), max_length=10)
    # What its links carry (never the row's id, which SQLite may give again after a deletion).
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    # New is "published after the last digest" (or after the confirmation, before the first).
    last_sent_at = models.DateTimeField(_("dernier envoi le"), null=True, blank=True)
    # The ISO week ("2026-W48") last looked at: one digest a week, however often it runs.
    digest_week = models.CharField(max_length=8, blank=True)

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        constraints = [
            models.UniqueConstraint(fields=["email", "view", "query"], name="alerts_one_per_search")
        ]

    def __str__(self) -> str:
        # An id, never the address: the row may be named in logs and the admin's history.
        return f"Alert {self.pk}"

    @property
    def since(self):
        return self.last_sent_at or self.confirmed_at
