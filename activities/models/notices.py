"""Notices on an activity: a dated message about it for a while ("cette semaine l'atelier a lieu
à la maison de quartier"), as a place has (directory.models.notices, which says why a notice is
a plain row on the French page rather than a translated child of the page)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models.pages import ActivityPage
from directory.models.notices import Notice


class ActivityNotice(Notice):
    """A notice on an activity (its French page)."""

    activity = models.ForeignKey(ActivityPage, on_delete=models.CASCADE, related_name="notices")

    class Meta(Notice.Meta):
        verbose_name = _("avis temporaire d'une activité")
        verbose_name_plural = _("avis temporaires des activités")
        indexes = [models.Index(fields=["activity", "end_date"])]
