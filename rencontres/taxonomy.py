"""The taxonomy's public pages: a programme or an objective with its places (and, for an
objective, its upcoming sessions). They span the directory and activities, hence live here."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from activities.listing import upcoming_for_objective
from directory.listing import paginate, public_places
from objectives.getting_in import modes_label
from objectives.models import Objective, Programme


def programme_detail(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    access_modes = list(programme.access_modes.all())
    return render(
        request,
        "rencontres/programme_detail.html",
        {
            "programme": programme,
            "access_modes": access_modes,
            "access_label": modes_label(access_modes),
            "objectives": programme.objectives.all(),
            "listing": paginate(public_places().filter(programmes=programme), request),
        },
    )


def objective_detail(request, slug):
    objective = get_object_or_404(Objective.objects.select_related("programme"), slug=slug)
    return render(
        request,
        "rencontres/objective_detail.html",
        {
            "objective": objective,
            "listing": paginate(public_places().filter(objectives=objective), request),
            "sessions": upcoming_for_objective(objective),
        },
    )


app_name = "objectives"

urlpatterns = [
    path("programmes/<slug:slug>/", programme_detail, name="programme"),
    path("objectifs/<slug:slug>/", objective_detail, name="objective"),
]
