"""Demo orientations: a demo FFER espace de rencontre takes them, with its reasons, and a
professional has sent it one in each status (sent, on the waiting list, accepted, refused,
expired). Fiction: the families are first names at example.org. Made once per place."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from directory.models import PlacePage
from orientations.models import (
    Orientation,
    PlaceOrientationSettings,
    RefusalReason,
    Status,
)
from rencontres.demo.generator import DEMO_SLUG_PREFIX

FFER = "espaces-de-rencontre"
REASONS = {
    "reasons": "Maintien du lien parent-enfant\nReprise de contact\nRemise de l'enfant",
    "reasons_nl": "Band tussen ouder en kind behouden\nOpnieuw contact\nOverdracht van het kind",
    "reasons_en": "Keeping the parent-child bond\nGetting back in touch\nHanding over the child",
}
# As orientations.flow reminds with the default settings (30 days, 7 before expiry).
REMINDED_AFTER_DAYS = 23
# (status, family's first name, language, days ago, reason's line)
ORIENTATIONS = [
    (Status.SENT, "Amina", "fr", 2, 1),
    # Already reminded, still unanswered: ONE staff's home counts it apart.
    (Status.SENT, "Jan", "nl", 25, 0),
    (Status.WAITING, "Lucie", "fr", 12, 0),
    (Status.ACCEPTED, "Sam", "en", 20, 2),
    (Status.REFUSED, "Nora", "fr", 25, 1),
    (Status.EXPIRED, "Koen", "nl", 40, 0),
]


def demo_ffer_place() -> PlacePage | None:
    return (
        PlacePage.objects.live()
        .filter(slug__startswith=DEMO_SLUG_PREFIX, programmes__slug=FFER)
        .order_by("path")
        .first()
    )


def seed_orientations(place: PlacePage, professional) -> int:
    """The place takes orientations; `professional`'s demo ones, once; how many made."""
    PlaceOrientationSettings.objects.update_or_create(
        place=place, defaults={"takes_orientations": True, **REASONS}
    )
    if Orientation.objects.filter(place=place).exists():
        return 0
    now = timezone.now()
    reasons = REASONS["reasons"].splitlines()
    made = []
    for status, name, language, days, reason in ORIENTATIONS:
        sent = now - timedelta(days=days)
        answered = sent + timedelta(days=3) if status not in (Status.SENT, Status.EXPIRED) else None
        made.append(
            Orientation(
                place=place,
                professional=professional,
                family_name=name,
                family_email=f"{name.lower()}@example.org",
                children_ages="3 ans",
                languages_spoken={"fr": "français", "nl": "néerlandais", "en": "anglais"}[language],
                family_language=language,
                reason=reasons[reason],
                note="Orientation de démonstration.",
                consent=True,
                contact_consent=True,
                status=status,
                refusal_reason=RefusalReason.FULL if status == Status.REFUSED else "",
                created_at=sent,
                answered_at=answered,
                expired_at=sent + timedelta(days=30) if status == Status.EXPIRED else None,
                reminded_at=sent + timedelta(days=REMINDED_AFTER_DAYS)
                if status == Status.SENT and days > REMINDED_AFTER_DAYS
                else None,
            )
        )
    Orientation.objects.bulk_create(made)
    return len(made)
