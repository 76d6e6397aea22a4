"""The place criteria of the public contract, declared once.

The places' index reads them all from the place. The sessions' index reads the same criteria
through `venue` and `offer` prefixes: where it happens (position, programmes, access modes,
opening days, step-free access) from the session's place, what is offered (objectives, ages,
languages, fee) from its activity.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.ages import MAX_CHILD_AGE_MONTHS
from core.fees import FeeKind
from core.pages import in_source_language
from core.search.changes import Changes
from core.search.child_age import ChildAge
from core.search.criteria import Flag, Since, Terms
from core.search.criterion import Criterion
from core.search.free_text import Text, TextField
from core.search.minimum import AtLeast
from core.search.open_at import OpenAt
from directory.models.meetings import Accompaniment
from directory.models.places import PlacePage
from directory.models.vocabularies import AccessibilityFeature, Language
from directory.search.meeting_criteria import CourtNear, WaitingAtMost, Weekend
from gazetteer.addresses import resolve_for_search
from gazetteer.models import Commune, Court
from objectives.models import AccessMode, Objective, Programme


def public_places() -> QuerySet[PlacePage]:
    """One row per place: its French page. Translations are searched through it."""
    return in_source_language(PlacePage.objects.live().public())


def public_place_texts() -> QuerySet[PlacePage]:
    """The pages whose words find a place: its French page and its translations."""
    return PlacePage.objects.live().public()


def places_translated_by(pages: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
    """The French places the found pages are, or translate."""
    return public_places().filter(translation_key__in=pages.values("translation_key"))


PLACE_TEXT = Text(
    fields=(
        TextField("name", ("title",), boost=3),
        TextField("commune", ("commune__name_fr", "commune__name_nl"), boost=2),
        TextField("description", ("description",), html=True),
        TextField("objective_names", ("objectives__name_fr", "objectives__name_nl")),
        TextField("programme_names", ("programmes__name_fr", "programmes__name_nl")),
        # Annotated on the documents' rows (directory.search.index.with_translations).
        TextField("translations", ("translated_text",), html=True),
    ),
    pages=public_place_texts,
    found=places_translated_by,
)


def place_criteria(venue: str = "", offer: str = "") -> tuple[Criterion, ...]:
    """In the order the map page keeps them when switching views."""
    return (
        CourtNear(
            resolve=resolve_for_search,
            communes=Commune.objects.all,
            places=PlacePage.objects.all,
        ).under(venue),
        PLACE_TEXT,
        Terms(
            "objective",
            "objectives__slug",
            "objectives",
            Objective.objects.all(),
            "Slug d'objectif (répétable)",
        ).under(offer),
        Terms(
            "programme",
            "programmes__slug",
            "programmes",
            Programme.objects.all(),
            "Slug de programme (répétable)",
        ).under(venue),
        Terms(
            "access",
            "access_modes__slug",
            "access_modes",
            AccessMode.objects.all(),
            "Slug de mode d'accès (répétable : l'un d'eux ; voir /access-modes/)",
            label=_("Comment y entrer"),
        ).under(venue),
        ChildAge(
            "age_months",
            "age_min_months",
            "age_max_months",
            MAX_CHILD_AGE_MONTHS,
            "Âge de l'enfant",
            label=_("Âge de l'enfant"),
            hint=_("Par exemple : 3 ans, 18 mois"),
        ).under(offer),
        OpenAt(
            "opening_hours",
            "days",
            "Jour d'ouverture",
            label=_("Ouvert le"),
            time_label=_("Ouvert à"),
            time_description="Heure d'ouverture (HH:MM)",
        ).under(venue),
        Terms(
            "language",
            "languages__code",
            "languages",
            Language.objects.all(),
            "Langue parlée (ISO 639-1, répétable : l'une d'elles)",
            to_field="code",
            label=_("Langues parlées"),
            autonyms=True,
        ).under(offer),
        Flag(
            "accessible",
            "accessibility__step_free",
            "Accès de plain-pied",
            label=_("Accès de plain-pied (fauteuil, poussette)"),
        ).under(venue),
        # Any feature (a welcome adapted to a disabled child or parent, sign language…).
        Terms(
            "accessibility",
            "accessibility__slug",
            "accessibility",
            AccessibilityFeature.objects.all(),
            "Slug d'aménagement d'accessibilité (répétable : l'un d'eux)",
            label=_("Accessibilité"),
        ).under(venue),
        Flag(
            "free", "fee_kind", "Gratuit", equals=FeeKind.FREE, label=_("Gratuit uniquement")
        ).under(offer),
        # How meetings go at an espace de rencontre (directory.meeting_terms).
        Terms(
            "accompaniment",
            "accompaniments__slug",
            "accompaniments",
            Accompaniment.objects.all(),
            "Slug de type d'accompagnement (répétable : l'un d'eux)",
            label=_("Accompagnement"),
        ).under(venue),
        Terms(
            "court",
            "courts__slug",
            "courts",
            Court.objects.all(),
            "Slug du tribunal qui oriente les familles vers le lieu",
            many=False,
            label=_("Tribunal qui oriente vers le lieu"),
            blank=_("tous les tribunaux"),
        ).under(venue),
        Weekend(
            "weekend",
            "opening_hours__weekday",
            "Ouvert le samedi ou le dimanche",
            label=_("Ouvert le week-end"),
        ).under(venue),
        WaitingAtMost(
            "Attente déclarée d'au plus ce nombre de semaines (une déclaration de plus de trois "
            "mois ne compte pas)",
            label=_("Attente d'au plus (semaines)"),
        ).under(venue),
        Since(
            "modified_after",
            "last_published_at",
            "Modifié après ce moment (ISO 8601 : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS+HH:MM)",
        ).under(offer),
        # The change feed (docs/partners-sync.md): its tombstones are the list's to add.
        Changes(
            "cursor",
            "last_published_at",
            "Lire la liste dans l'ordre des modifications : « start » pour commencer, puis le "
            "« next_cursor » de la réponse précédente (opaque). Les retraits arrivent dans "
            "« tombstones ».",
        ).under(offer),
    )


def places_own_criteria() -> tuple[Criterion, ...]:
    """What only the places' index asks: the sessions' documents do not follow what changes
    these without a publication of the place."""
    return (
        # The listing's quality (directory.quality, docs/quality.md), as last stored.
        AtLeast(
            "quality_min",
            "quality_score",
            "quality_score",
            100,
            "Qualité de la fiche au moins égale à ce score (0 à 100 ; règles : docs/quality.md)",
        ),
    )
