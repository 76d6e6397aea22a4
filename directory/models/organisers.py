"""Each place's organiser group, linked by id.

The group's name says which place it is for, but nothing finds it by name: a place renamed (or a
group renamed by hand) keeps its organisers, and taking a place's trust away reaches them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models.places import PlacePage


class PlaceOrganisers(models.Model):
    place = models.OneToOneField(
        PlacePage, on_delete=models.CASCADE, related_name="organisers", verbose_name=_("lieu")
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="organised_place",
        verbose_name=_("groupe des organisateurs"),
    )

    class Meta:
        verbose_name = _("organisateurs d'un lieu")
        verbose_name_plural = _("organisateurs des lieux")

    def __str__(self) -> str:
        return self.group.name
