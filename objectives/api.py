"""The taxonomy's routes of the public JSON API: `/programmes/`, `/objectives/` and
`/access-modes/`.
`rencontres.api` mounts this router."""

from __future__ import annotations

from ninja import Field, Router, Schema

from core.openapi import examples
from objectives.models import AccessMode, Objective, Programme

router = Router(tags=["taxonomy"])


class TaxonOut(Schema):
    """What a programme and an objective both say."""

    slug: str
    name: str = Field(description="Le nom dans la langue demandée (`lang` ou Accept-Language).")
    name_fr: str
    name_nl: str
    name_en: str
    explanation: str = Field(
        description="Ce que cela veut dire pour une famille, en mots simples, dans la langue "
        "demandée (vide si personne ne l'a encore écrit)."
    )
    description: str = Field(
        description="Ce qu'est le programme ou l'objectif, dans la langue demandée (en français "
        "quand il n'est pas encore traduit)."
    )
    url: str


class ModeOut(Schema):
    """An access mode as a place or a programme names it."""

    slug: str
    name: str = Field(description="Le nom dans la langue demandée.")


class ProgrammeOut(TaxonOut):
    country: str
    access_modes: list[ModeOut] = Field(
        description="Comment une famille arrive dans les lieux du programme (filtre `access`)."
    )


class AccessModeOut(Schema):
    slug: str
    name: str = Field(description="Le nom dans la langue demandée (`lang` ou Accept-Language).")
    name_fr: str
    name_nl: str
    name_en: str
    explanation: str = Field(
        description="Ce que cela veut dire pour une famille, en mots simples, dans la langue "
        "demandée (vide si personne ne l'a encore écrit)."
    )
    programme: str


class ObjectiveOut(TaxonOut):
    programme: str


def taxon_out(taxon: Programme | Objective) -> dict:
    return {
        "slug": taxon.slug,
        "name": taxon.name,
        "name_fr": taxon.name_fr,
        "name_nl": taxon.name_nl,
        "name_en": taxon.name_en,
        "explanation": taxon.explanation,
        "description": taxon.description,
        "url": taxon.get_absolute_url(),
    }


@router.get(
    "/programmes/",
    response=list[ProgrammeOut],
    summary="Les programmes",
    openapi_extra=examples(
        [
            {
                "slug": "lieux-rencontre-enfants-parents",
                "name": "Lieux de rencontre enfants-parents",
                "name_fr": "Lieux de rencontre enfants-parents",
                "name_nl": "Ontmoetingsplaatsen voor ouders en kinderen",
                "name_en": "Parent-child meeting places",
                "explanation": "Un lieu où vous venez jouer avec votre tout-petit, sans "
                "rendez-vous et sans donner votre nom.",
                "country": "BE",
                "access_modes": [{"slug": "accueil-libre", "name": "Accueil libre et anonyme"}],
                "description": "Accueil libre, gratuit et anonyme des tout-petits avec un parent.",
                "url": "/programmes/lieux-rencontre-enfants-parents/",
            }
        ]
    ),
)
def list_programmes(request):
    return [
        {
            **taxon_out(p),
            "country": p.country,
            "access_modes": [{"slug": m.slug, "name": m.name} for m in p.access_modes.all()],
        }
        for p in Programme.objects.prefetch_related("access_modes")
    ]


@router.get(
    "/objectives/",
    response=list[ObjectiveOut],
    summary="Les objectifs",
    openapi_extra=examples(
        [
            {
                "slug": "passerelles",
                "programme": "lieux-rencontre-enfants-parents",
                "name": "Socialisation douce « passerelles »",
                "name_fr": "Socialisation douce « passerelles »",
                "name_nl": "Zachte overgang naar de groep („passerelles”)",
                "name_en": "Gentle socialisation (bridges)",
                "explanation": "Votre enfant découvre les autres enfants en douceur, avec vous "
                "à côté, avant la crèche ou l'école.",
                "description": "Préparer en douceur l'entrée à la crèche ou à l'école.",
                "url": "/objectifs/passerelles/",
            }
        ]
    ),
)
def list_objectives(request):
    return [
        {**taxon_out(o), "programme": o.programme.slug}
        for o in Objective.objects.select_related("programme")
    ]


@router.get(
    "/access-modes/",
    response=list[AccessModeOut],
    summary="Les modes d'accès",
    openapi_extra=examples(
        [
            {
                "slug": "accord-des-parents",
                "programme": "espaces-de-rencontre",
                "name": "Par accord des parents",
                "name_fr": "Par accord des parents",
                "name_nl": "Met akkoord van de ouders",
                "name_en": "By agreement between the parents",
                "explanation": "Les deux parents sont d'accord pour que les rencontres aient "
                "lieu ici, sans attendre de décision du juge.",
            }
        ]
    ),
)
def list_access_modes(request):
    return [
        {
            "slug": m.slug,
            "name": m.name,
            "name_fr": m.name_fr,
            "name_nl": m.name_nl,
            "name_en": m.name_en,
            "explanation": m.explanation,
            "programme": m.programme.slug,
        }
        for m in AccessMode.objects.select_related("programme")
    ]
