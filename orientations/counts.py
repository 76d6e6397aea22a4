"""ONE staff's figures: how many orientations each place and each objective received, by
status. Numbers and place names only: no family, no professional."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from orientations.access import sees_counts
from orientations.models import Orientation, Status

COLUMNS = [status for status, _label in Status.choices]


def _table(rows, key: str, label: str) -> list[dict]:
    """{label, counts in COLUMNS' order, total} per key, from (key, label, status, n) rows."""
    table: dict = defaultdict(lambda: {"counts": dict.fromkeys(COLUMNS, 0)})
    for row in rows:
        line = table[row[key]]
        line["label"] = row[label] or "—"
        line["counts"][row["status"]] = row["n"]
    lines = [
        {"label": line["label"], "counts": [line["counts"][c] for c in COLUMNS]}
        for line in table.values()
    ]
    for line in lines:
        line["total"] = sum(line["counts"])
    return sorted(lines, key=lambda line: (-line["total"], line["label"]))


def figures() -> dict:
    """Two queries whatever the number of places."""
    by_place = Orientation.objects.values("place_id", "place__title", "status").annotate(
        n=Count("pk")
    )
    by_objective = Orientation.objects.values(
        "place__objectives__pk", "place__objectives__name_fr", "status"
    ).annotate(n=Count("pk", distinct=True))
    return {
        "places": _table(by_place, "place_id", "place__title"),
        "objectives": _table(by_objective, "place__objectives__pk", "place__objectives__name_fr"),
    }


def counts(request):
    if not sees_counts(request.user):
        raise PermissionDenied
    context = {
        "page_title": _("Orientations en chiffres"),
        "header_icon": "table",
        "columns": [label for _status, label in Status.choices],
        **figures(),
    }
    return TemplateResponse(request, "orientations/admin/counts.html", context)
