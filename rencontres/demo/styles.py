"""The demo's three kinds of place, which its names, texts, hours, ages and activities follow: a
walk-in place, a place families are sent to, a place one books. Drawn from a programme's access
modes (who takes the first step under them, `objectives.models.ReachedBy`), never from their
slugs: a programme staff add in the admin gets demo places too."""

from __future__ import annotations

from objectives.models import ReachedBy


class Style:
    DROP_IN = "drop_in"
    REFERRAL = "referral"
    APPOINTMENT = "appointment"


def style_of(reached_by: list[str]) -> str:
    """A programme's style, from who takes the first step under each of its modes."""
    if ReachedBy.PROFESSIONAL in reached_by:
        return Style.REFERRAL
    if ReachedBy.WALK_IN in reached_by or not reached_by:
        return Style.DROP_IN
    return Style.APPOINTMENT
