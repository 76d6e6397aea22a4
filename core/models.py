"""The core layer's own table: the search updates the cluster missed (core.search.pending)."""

from django.db import models
from django.utils import timezone


class PendingSearchUpdate(models.Model):
    """A document to send the search cluster again: its row changed while the cluster was down
    or its breaker open. One row per document, however often it changed meanwhile."""

    index = models.CharField(max_length=64)
    key = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    noted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index", "key", "object_id"], name="one_pending_update_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.index} {self.key}={self.object_id}"
