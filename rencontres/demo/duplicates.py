"""The demo's likely duplicates (docs/duplicates.md): a few demo places imported twice, as a
second list would, under the same phone and address and their name with « asbl »; the pairs
wait in ONE staff's queue, and the first is merged already so that its old address shows the
redirect and the API its `replaced_by`.

Written once: nothing when a twin exists already (slug `twin-demo-…`, removed by `--clear`
with the demo places).
"""

from __future__ import annotations

import random

from directory.duplicates import find_duplicates, found_by
from directory.merging import merge_places
from directory.models import DuplicateCandidate, PlacePage
from directory.models.duplicates import DuplicateSource
from rencontres.demo.generator import TWIN_SLUG_PREFIX
from rencontres.demo.projects import demo_places_queryset

TWINS = 3


def seed_duplicates(parent, seed: int) -> int:
    """Make the twins and their pairs; the number of pairs waiting."""
    if PlacePage.objects.child_of(parent).filter(slug__startswith=TWIN_SLUG_PREFIX).exists():
        return 0
    candidates = list(
        demo_places_queryset(parent)
        .live()
        .exclude(phone="")
        .exclude(street_address="")
        .filter(is_discreet=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    if not candidates:
        return 0
    originals = random.Random(seed).sample(candidates, min(TWINS, len(candidates)))
    twins = []
    # As a second list's import would: the copies' publication finds the pairs (directory
    # signals), marked as found by the import.
    with found_by(DuplicateSource.IMPORT):
        for original in PlacePage.objects.filter(pk__in=originals).order_by("pk"):
            twin = original.copy(
                to=parent,
                update_attrs={
                    "slug": f"{TWIN_SLUG_PREFIX}{original.slug[5:]}",
                    "title": f"{original.title} asbl",
                },
                copy_revisions=False,
                keep_live=True,
                reset_translation_key=True,
                log_action=None,
            )
            twins.append((original, twin.specific))
        find_duplicates([twin.pk for _original, twin in twins])
    original, twin = twins[0]
    merge_places(original, twin)
    return DuplicateCandidate.objects.filter(status="open").count()
