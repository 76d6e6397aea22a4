"""The taxonomy's routes of the public JSON API: `/programmes/` and `/objectives/`.
`rencontres.api` mounts this router."""

from __future__ import annotations

from ninja import Field, Router, Schema

from core.openapi import examples
from objectives.models import Objective, Programme

router = Router(tags=["taxonomy"])


class ProgrammeOut(Schema):
    slug: str
    name: str = Field(description="Le nom dans la langue demandée (`lang` ou Accept-Language).")
    name_fr: str
    name_nl: str
    name_en: str
    explanation: str = Field(
        description="Ce que cela veut dire pour une famille, en mots simples, dans la langue "
        "demandée (vide si personne ne l'a encore écrit)."
    )
    country: str
    access_mode: str
    description: str
    url: str


class ObjectiveOut(Schema):
    slug: str
    programme: str
    name: str = Field(description="Le nom dans la langue demandée (`lang` ou Accept-Language).")
    name_fr: str
    name_nl: str
    name_en: str
    explanation: str = Field(
        description="Ce que cela veut dire pour une famille, en mots simples, dans la langue "
        "demandée (vide si personne ne l'a encore écrit)."
    )
    description: str
    url: str


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
                "access_mode": "drop_in",
                "description": "Accueil libre, gratuit et anonyme des tout-petits avec un parent.",
                "url": "/programmes/lieux-rencontre-enfants-parents/",
            }
        ]
    ),
)
def list_programmes(request):
    return [
        {
            "slug": p.slug,
            "name": p.name,
            "name_fr": p.name_fr,
            "name_nl": p.name_nl,
            "name_en": p.name_en,
            "explanation": p.explanation,
            "country": p.country,
            "access_mode": p.access_mode,
            "description": p.description,
            "url": p.get_absolute_url(),
        }
        for p in Programme.objects.all()
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
        {
            "slug": o.slug,
            "programme": o.programme.slug,
            "name": o.name,
            "name_fr": o.name_fr,
            "name_nl": o.name_nl,
            "name_en": o.name_en,
            "explanation": o.explanation,
            "description": o.description,
            "url": o.get_absolute_url(),
        }
        for o in Objective.objects.select_related("programme")
    ]
