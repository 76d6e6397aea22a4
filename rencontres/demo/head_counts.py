"""The demo's head-counts: how many came to the demo's past sessions (organisers.HeadCount), so
that the yearly figures and their chart (projects.figures) show the last months, and the
organisers' « Séances à compter » screen shows a few still waiting.

Most sessions older than `RECENT_DAYS` are counted, fewer of the recent ones (a team counts
after a while); numbers only, drawn from the seed, the session's activity and its date, so a
second run draws the same (and writes nothing: sessions are written once, with their activity).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from organisers.models import HeadCount

RECENT_DAYS = 14
COUNTED_CHANCE = 0.8
RECENT_COUNTED_CHANCE = 0.3


def draw_head_counts(
    seed: int, sessions: Iterable[tuple[int, int, date]], today: date
) -> list[HeadCount]:
    """Head-counts for some of `sessions` ((id, activity id, date) of past sessions held)."""
    recent = today - timedelta(days=RECENT_DAYS)
    counts = []
    for pk, activity_id, day in sessions:
        rng = random.Random(f"{seed}:{activity_id}:{day}:head-count")
        chance = RECENT_COUNTED_CHANCE if day >= recent else COUNTED_CHANCE
        if rng.random() >= chance:
            continue
        children = rng.randint(2, 12)
        adults = max(1, children - rng.randint(0, 4))
        counts.append(
            HeadCount(
                occurrence_id=pk,
                children=children,
                adults=adults,
                first_visits=rng.randint(0, min(3, children + adults)),
            )
        )
    return counts
