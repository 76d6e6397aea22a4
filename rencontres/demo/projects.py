"""Demo santé-parentalité projects: a share of the demo consultations carries a project with
the demo meeting places of its commune. A consultation that already has a project is left
alone, so a second run adds nothing."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from directory.models import PlacePage
from projects.models import (
    CONSULTATIONS_PROGRAMME,
    HealthParentingProject,
    PlaceRelation,
    ProjectConsultation,
    ProjectPlace,
    ProjectStatus,
)
from rencontres.demo.generator import DEMO_SLUG_PREFIX, demo_index

PROJECT_CHANCE = 0.5
THEMES = [
    ("Bien grandir ensemble", "Des rencontres autour du sommeil, de l'alimentation et du jeu."),
    ("Premiers pas vers l'école", "Préparer l'entrée à l'école avec les familles et les lieux."),
    ("Parents en réseau", "Rompre l'isolement des jeunes parents, avec les lieux du quartier."),
]


def seed_projects(places, seed: int, today: date) -> list[int]:
    """Projects for the demo consultations among `places` (a PlacePage queryset); returns the
    new projects' ids.

    Written in bulk: `create()` would index each project in every search backend on its own
    (Wagtail's post-save signal), one request to the cluster per project. The caller indexes
    them in batches (`core.search.wagtail_bulk.index_pages`).
    """
    rows = list(places.prefetch_related("programmes").only("pk", "slug", "title", "commune_id"))
    consultations, meeting = [], {}
    for place in rows:
        slugs = {programme.slug for programme in place.programmes.all()}
        if CONSULTATIONS_PROGRAMME in slugs:
            consultations.append(place)
        if slugs - {CONSULTATIONS_PROGRAMME}:
            meeting.setdefault(place.commune_id, []).append(place)
    carrying = set(
        ProjectConsultation.objects.filter(
            consultation__in=[c.pk for c in consultations]
        ).values_list("consultation_id", flat=True)
    )
    drawn = []
    for consultation in consultations:
        partners = [p for p in meeting.get(consultation.commune_id, []) if p.pk != consultation.pk]
        if consultation.pk in carrying or not partners:
            continue
        rng = random.Random(f"{seed}:{demo_index(consultation.slug)}:project")
        if rng.random() >= PROJECT_CHANCE:
            continue
        name, summary = rng.choice(THEMES)
        project = HealthParentingProject(
            name=f"{name} – {consultation.title}"[:200],
            status=ProjectStatus.ACTIVE,
            start_date=date(today.year, 1, 1),
            public_summary=summary,
            activity_year=today.year,
        )
        links = [
            ProjectPlace(place=place, relation=rng.choice(list(PlaceRelation)))
            for place in rng.sample(partners, min(2, len(partners)))
        ]
        drawn.append((project, consultation, links))
    with transaction.atomic():
        HealthParentingProject.objects.bulk_create([project for project, *_ in drawn])
        ProjectConsultation.objects.bulk_create(
            ProjectConsultation(project=project, consultation=consultation)
            for project, consultation, _links in drawn
        )
        for project, _consultation, links in drawn:
            for link in links:
                link.project = project
        ProjectPlace.objects.bulk_create(link for *_, links in drawn for link in links)
    return [project.pk for project, *_ in drawn]


def demo_places_queryset(parent):
    return PlacePage.objects.child_of(parent).filter(slug__startswith=DEMO_SLUG_PREFIX)
