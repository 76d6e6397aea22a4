"""Likely duplicate places: a pair found when a place is imported or published, waiting for ONE
staff to merge it (directory/merging.py) or to say the two are different places.

A pair is stored once, lower id first, whatever its status: a dismissed pair is never proposed
again, and a merged one stays as the record of who merged what.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models.places import PlacePage


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("à examiner")
    MERGED = "merged", _("fusionnés")
    DISMISSED = "dismissed", _("lieux différents")


class DuplicateSource(models.TextChoices):
    IMPORT = "import", _("import")
    PUBLISH = "publish", _("publication")


class DuplicateCandidate(models.Model):
    first = models.ForeignKey(
        PlacePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("premier lieu")
    )
    second = models.ForeignKey(
        PlacePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("second lieu")
    )
    # 0 to 1: how alike the two are (directory/duplicates.py says how it is computed).
    score = models.FloatField(_("ressemblance"))
    # What the two share, as codes (`directory.duplicates.REASONS`): "name", "phone"…
    reasons = models.JSONField(_("raisons"), default=list)
    found_by = models.CharField(_("trouvé à"), max_length=10, choices=DuplicateSource.choices)
    found_at = models.DateTimeField(_("trouvé le"), default=timezone.now)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=DuplicateStatus.choices,
        default=DuplicateStatus.OPEN,
        db_index=True,
    )
    kept = models.ForeignKey(
        PlacePage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lieu gardé"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("doublon possible")
        verbose_name_plural = _("doublons possibles")
        permissions = [("merge_places", _("Fusionner les lieux en double"))]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_duplicate_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id}"

    def other(self, place_id: int) -> int:
        return self.second_id if place_id == self.first_id else self.first_id
