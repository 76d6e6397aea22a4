"""Admin views: ONE staff's coverage dashboard and its exports, and the read-only page of a
santé-parentalité project (what an organiser of a linked place may see of it)."""

from __future__ import annotations

import json
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin import RestrictedViewMixin
from core.maps import map_config
from objectives.models import Objective, Programme
from projects import coverage, figures, gaps, searches
from projects.access import can_edit_projects, can_view_coverage, projects_visible_to
from projects.exports import download

DEFAULT_PROGRAMME = "lieux-rencontre-enfants-parents"
DEFAULT_DISTANCE_KM = Decimal(10)
EXPORT_FORMATS = ("csv", "xlsx")


class CoverageForm(forms.Form):
    programme = forms.ModelChoiceField(
        Programme.objects.all(),
        required=False,
        to_field_name="slug",
        label=gettext_lazy("Programme"),
        empty_label=None,
    )
    objective = forms.ModelChoiceField(
        Objective.objects.select_related("programme"),
        required=False,
        to_field_name="slug",
        label=gettext_lazy("Objectif recherché"),
        help_text=gettext_lazy("Pour la liste des communes mal desservies."),
    )
    distance_km = forms.DecimalField(
        required=False,
        min_value=Decimal(1),
        max_value=Decimal(200),
        decimal_places=1,
        label=gettext_lazy("Distance (km)"),
        help_text=gettext_lazy("Une commune plus éloignée que cela de tout lieu est un manque."),
    )
    weeks = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=156,
        label=gettext_lazy("Semaines de recherches"),
        help_text=gettext_lazy(
            "Pour les recherches des familles qui n'ont rien trouvé à moins de la distance."
        ),
    )
    year = forms.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        label=gettext_lazy("Année"),
        help_text=gettext_lazy("Pour les chiffres de fréquentation."),
    )

    def clean(self):
        cleaned_data = super().clean()
        programme = cleaned_data.get("programme") or default_programme()
        cleaned_data["programme"] = programme
        objective = cleaned_data.get("objective")
        if objective is not None and objective.programme_id != programme.pk:
            self.add_error(
                "objective",
                _("Cet objectif n'appartient pas au programme « %(programme)s ».")
                % {"programme": programme.name_fr},
            )
        elif objective is None:
            cleaned_data["objective"] = programme.objectives.first()
        if cleaned_data.get("distance_km") is None and "distance_km" not in self.errors:
            cleaned_data["distance_km"] = DEFAULT_DISTANCE_KM
        if cleaned_data.get("weeks") is None and "weeks" not in self.errors:
            cleaned_data["weeks"] = searches.DEFAULT_WEEKS
        if cleaned_data.get("year") is None and "year" not in self.errors:
            cleaned_data["year"] = timezone.localdate().year
        return cleaned_data


def default_programme() -> Programme:
    return Programme.objects.filter(slug=DEFAULT_PROGRAMME).first() or Programme.objects.first()


def _tables(
    programme: Programme,
    objective: Objective | None,
    distance_km: Decimal,
    year: int,
    weeks: int,
    empty: list[searches.EmptySearches] | None = None,
) -> dict:
    """Every table of the dashboard, by key; `empty` is `searches.empty_searches`' answer when
    the caller has it already (the map shows the same communes)."""
    today = timezone.localdate()
    if empty is None:
        empty = searches.empty_searches(programme, float(distance_km), weeks, today)
    tables = {
        "provinces": coverage.places_by_area(programme, "province"),
        "arrondissements": coverage.places_by_area(programme, "arrondissement"),
        "communes": coverage.places_by_commune(programme),
        "projects": coverage.projects_by_status(),
    }
    if objective is not None:
        # One pass over the territory for both tables.
        reach = gaps.coverage_reach(objective, float(distance_km))
        tables["reach"] = gaps.reach_table(objective, float(distance_km), reach)
        tables["gaps"] = gaps.gaps_table(objective, float(distance_km), reach)
    tables["searches"] = searches.empty_searches_table(
        float(distance_km), weeks, empty, searches.since_monday(weeks, today)
    )
    tables["figures-months"] = figures.monthly_table(year, figures.monthly(year))
    for key, _column, _path in figures.DIMENSIONS:
        tables[f"figures-{key}"] = figures.figures_table(year, key)
    return tables


def _require_coverage(request) -> None:
    if not can_view_coverage(request.user):
        raise PermissionDenied


class CoverageView(RestrictedViewMixin, WagtailAdminTemplateMixin, TemplateView):
    allowed = can_view_coverage
    template_name = "projects/admin/coverage.html"
    page_title = gettext_lazy("Couverture des objectifs")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CoverageForm(self.request.GET or None)
        if form.is_bound and form.is_valid():
            params = form.cleaned_data
        else:
            # Nothing asked yet, or a bad value (shown beside its field): the defaults.
            programme = default_programme()
            params = {
                "programme": programme,
                "objective": programme.objectives.first(),
                "distance_km": DEFAULT_DISTANCE_KM,
                "weeks": searches.DEFAULT_WEEKS,
                "year": timezone.localdate().year,
            }
        programme = params["programme"]
        empty = searches.empty_searches(
            programme, float(params["distance_km"]), params["weeks"], timezone.localdate()
        )
        tables = _tables(
            programme,
            params["objective"],
            params["distance_km"],
            params["year"],
            params["weeks"],
            empty,
        )
        query = self.request.GET.urlencode()
        context.update(
            form=form,
            programme=programme,
            objective=params["objective"],
            distance_km=params["distance_km"],
            tables=[
                {
                    "table": table,
                    "exports": [
                        (
                            fmt.upper(),
                            reverse("projects_coverage_export", args=[key, fmt])
                            + (f"?{query}" if query else ""),
                        )
                        for fmt in EXPORT_FORMATS
                    ],
                }
                for key, table in tables.items()
            ],
            territory=", ".join(coverage.territory_regions(programme)),
            map_features=gaps.map_features(programme),
            empty_searches=searches.map_points(empty),
            map_objectives=[
                {"slug": o.slug, "name": o.name_fr, "colour": o.colour}
                for o in programme.objectives.all()
            ],
            coverage_map=map_config(fit_max_zoom=12),
            year=params["year"],
            figures_chart=figures.chart(figures.monthly(params["year"])),
        )
        return context


def coverage_export(request, table: str, fmt: str):
    _require_coverage(request)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form = CoverageForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(
            json.dumps(form.errors.get_json_data(), ensure_ascii=False),
            content_type="application/json",
        )
    params = form.cleaned_data
    tables = _tables(
        params["programme"],
        params["objective"],
        params["distance_km"],
        params["year"],
        params["weeks"],
    )
    if table not in tables:
        raise Http404
    return download(tables[table], fmt)


class ProjectDetailView(WagtailAdminTemplateMixin, TemplateView):
    """Read-only: staff see everything; an organiser of a linked place sees the project without
    its TMS referents and internal notes."""

    template_name = "projects/admin/project_detail.html"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.project = get_object_or_404(
            projects_visible_to(request.user)
            .prefetch_related(
                "objectives",
                "consultation_links__consultation",
                "place_links__place",
                "tms_referents",
            )
            .distinct(),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.project.name

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.project.name}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = can_edit_projects(self.request.user)
        context.update(
            project=self.project,
            staff=staff,
            edit_url=(
                reverse(
                    "wagtailsnippets_projects_healthparentingproject:edit",
                    args=[self.project.pk],
                )
                if staff
                else None
            ),
        )
        return context
