"""What the APIs answer for a place merged into another (directory/merging.py): the kept
place, so that a partner holding the old id finds it (docs/duplicates.md says why a 301)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponsePermanentRedirect

from directory.models.places import PlacePage

MAX_PAGE_ID = 2**31 - 1


@dataclass(frozen=True)
class Replacement:
    id: int
    page_url: str


def replacement_of(place_id: int) -> Replacement | None:
    """The live, public place that replaced the place `place_id`, or None (not merged, or the
    kept place is not public either). One query, and one for its address."""
    if not 0 < place_id <= MAX_PAGE_ID:
        return None
    kept_id = (
        PlacePage.objects.filter(pk=place_id, replaced_by__isnull=False)
        .values_list("replaced_by", flat=True)
        .first()
    )
    kept = kept_id and PlacePage.objects.live().public().filter(pk=kept_id).first()
    return Replacement(kept.pk, kept.full_url or kept.url) if kept else None


def moved_permanently(request, record_id: int | str, relative_url: str, page_url: str):
    """A 301 to the kept place's record (`relative_url`, from the asked record's URL), and the
    same in its body for a client that does not follow redirects."""
    url = request.build_absolute_uri(relative_url)
    body = {"replaced_by": {"id": record_id, "url": url, "page_url": page_url}}
    return HttpResponsePermanentRedirect(
        url, content=json.dumps(body, cls=DjangoJSONEncoder), content_type="application/json"
    )
