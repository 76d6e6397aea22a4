"""Programmes and objectives as HSDS taxonomies: one taxonomy of programmes, one of objectives;
each objective's term has its programme's term for parent."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from objectives.models import Objective, Programme
from opendata.ids import keys_of, record_id

PROGRAMMES, OBJECTIVES = 1, 2


def absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def taxonomies() -> list[dict]:
    return [
        {
            "id": record_id("taxonomy", PROGRAMMES),
            "name": _("Programmes"),
            "description": _(
                "Les cadres publics auxquels les lieux appartiennent, avec leurs règles d'accès."
            ),
            "uri": absolute("/api/v1/programmes/"),
            "version": "1",
        },
        {
            "id": record_id("taxonomy", OBJECTIVES),
            "name": _("Objectifs"),
            "description": _("Les objectifs des programmes (pour l'ONE, les 8 de l'annexe 1)."),
            "uri": absolute("/api/v1/objectives/"),
            "version": "1",
        },
    ]


def taxonomy(taxonomy_id: str) -> dict | None:
    return next((t for t in taxonomies() if t["id"] == taxonomy_id.strip().lower()), None)


def programme_term(programme: Programme, nested: bool = True) -> dict:
    term = {
        "id": record_id("programme_term", programme.pk),
        "code": programme.slug,
        "name": programme.name_fr,
        "description": programme.description_fr or programme.name_fr,
        "taxonomy_id": record_id("taxonomy", PROGRAMMES),
        "term_uri": absolute(programme.get_absolute_url()),
        "language": "fr",
    }
    if nested:
        term["taxonomy_detail"] = taxonomies()[0]
    return term


def objective_term(objective: Objective, nested: bool = True) -> dict:
    term = {
        "id": record_id("objective_term", objective.pk),
        "code": objective.slug,
        "name": objective.name_fr,
        "description": objective.description_fr or objective.name_fr,
        "parent_id": record_id("programme_term", objective.programme_id),
        "taxonomy_id": record_id("taxonomy", OBJECTIVES),
        "term_uri": absolute(objective.get_absolute_url()),
        "language": "fr",
    }
    if nested:
        term["taxonomy_detail"] = taxonomies()[1]
    return term


def all_terms(taxonomy_id: str | None = None) -> list[dict]:
    """Programmes first, then objectives; of one taxonomy when `taxonomy_id` is given."""
    terms = []
    if taxonomy_id in (None, record_id("taxonomy", PROGRAMMES)):
        terms += [programme_term(p) for p in Programme.objects.all()]
    if taxonomy_id in (None, record_id("taxonomy", OBJECTIVES)):
        terms += [objective_term(o) for o in Objective.objects.all()]
    return terms


def term(term_id: str) -> dict | None:
    if keys := keys_of("programme_term", term_id):
        found = Programme.objects.filter(pk=keys[0]).first()
        return programme_term(found) if found else None
    if keys := keys_of("objective_term", term_id):
        found = Objective.objects.filter(pk=keys[0]).first()
        return objective_term(found) if found else None
    return None


def search_values(term_id: str) -> tuple[str, str] | None:
    """The places search's parameter and value a term stands for: ("programme", slug) or
    ("objective", slug); None for an unknown term."""
    found = term(term_id)
    if found is None:
        return None
    kind = "programme" if found["taxonomy_id"] == record_id("taxonomy", PROGRAMMES) else "objective"
    return kind, found["code"]
