"""The map page (the directory root): its views, each a search through the same FilterSet and
service as the API, so that the page, its list twin and the API never disagree.

The places' view is this app's; other apps add theirs (activities: sessions) through the
`register_map_page_view` hook (`directory.extensions`), so that the directory needs nothing of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.maps import map_config
from core.search.controls import FormControl, declared_controls, form_controls
from core.search.index import SearchIndex
from core.search.paging import SearchPage, search_page
from core.search.results import SearchResult
from core.search.service import nearest_beyond
from directory.cards import card_facts
from directory.extensions import MAP_PAGE_VIEWS, render_map_page_sections
from directory.search.far import at_widest, nearest_in_territory
from directory.search.index import PLACES
from directory.search.map_points import map_feature
from objectives.models import Programme


@dataclass(frozen=True)
class MapView:
    """One view of the map page (`?view=<slug>`): what it searches, and the template context
    it adds for a request."""

    slug: str
    label: str
    index: SearchIndex
    context: Callable[[HttpRequest], dict]
    # The parameters its own inputs add to those of its index's controls (which are the
    # table's: core.search.controls).
    inputs: tuple[str, ...] = ()


def form_choices(params: QueryDict, result: SearchResult | None) -> dict:
    """The form's options, with facet counts beside objectives and programmes."""
    objective_counts = result.facets.get("objectives", {}) if result else {}
    programme_counts = result.facets.get("programmes", {}) if result else {}
    chosen_objectives = set(params.getlist("objective"))
    chosen_programmes = set(params.getlist("programme"))
    programmes = []
    for programme in Programme.objects.prefetch_related("objectives"):
        programmes.append(
            {
                "programme": programme,
                "count": programme_counts.get(programme.slug, 0),
                "checked": programme.slug in chosen_programmes,
                "hint": hint_id(programme),
                "objectives": [
                    {
                        "objective": objective,
                        "count": objective_counts.get(objective.slug, 0),
                        "checked": objective.slug in chosen_objectives,
                        "hint": hint_id(objective),
                    }
                    for objective in programme.objectives.all()
                ],
            }
        )
    objectives = [item for group in programmes for item in group["objectives"]]
    groups = {"programme": programmes, "objective": objectives}
    # A group's errors link to its first checkbox.
    for name, items in groups.items():
        if items:
            items[0]["id"] = f"field-{name}"
    return {
        "programmes": programmes,
        "inputs": [name for name, items in groups.items() if items],
    }


def hint_id(term) -> str:
    """The id of a programme's or objective's explanation beside its checkbox, if it has one."""
    return f"explain-{term.slug}" if term.explanation else ""


def with_params(params: QueryDict, **changes) -> str:
    """The same search with some parameters changed (and back to its first page)."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.setlist(name, [str(value)])
    return "?" + urlencode(sorted(query.lists()), doseq=True)


def near_context(request: HttpRequest, search) -> dict:
    """What `near` was understood as, the other places it may have meant ("Vouliez-vous
    dire…"), each a link to the same search around it, and, when nothing is within the radius,
    the nearest places beyond it with a link that widens the radius to take them in."""
    circle = search.query.get("near") if search.query else None
    point = circle.place if circle is not None else None
    offered = search.suggestions.get("near", [])
    if point is not None:
        offered = [{"value": a.value, "label": a.label} for a in point.alternatives]
    beyond = nearest_beyond(PLACES, search.query, search.result) if search.result else None
    return {
        "near_point": point,
        # Nothing even at the widest radius: the nearest in the territory, or none there yet.
        "far": nearest_in_territory(search.query, search.result, beyond),
        "near_alternatives": [
            {"label": item["label"], "url": with_params(request.GET, near=item["value"])}
            for item in offered
        ],
        "beyond": beyond,
        "widen_url": with_params(request.GET, radius_km=f"{beyond.radius_km:g}") if beyond else "",
    }


def map_points_url(params: QueryDict, route: str = "api-v1:places_map") -> str:
    """The API's answer with the map's points for the same search (`/api/v1/places/map.geojson`:
    every match, or grid cells beyond `map_points.POINTS_LIMIT`; the activities view's
    `route` is its sessions' places), in the page's language. Its parameters in one order, so
    that every page of a search asks the same kept answer."""
    query = [
        (name, value)
        for name, values in sorted(params.lists())
        if name not in ("page", "page_size", "view", "lang")
        for value in values
    ]
    query.append(("lang", get_language()))
    return reverse(route) + "?" + urlencode(query)


def places_context(request: HttpRequest) -> dict:
    search = search_page(PLACES, request.GET)
    near = near_context(request, search)
    hits = search.result.hits if search.result else []
    if near["beyond"]:
        hits = near["beyond"].hits
    elif near["far"]:
        hits = near["far"].hits
    facts = card_facts(hits)
    # The nearest places beyond the radius, or in the territory at any distance, are the page's
    # own points; otherwise every match is.
    every_match = bool(
        search.result and search.result.count and not near["beyond"] and not near["far"]
    )
    return {
        "search": search,
        "choices": form_choices(request.GET, search.result),
        "place_cards": [{"hit": hit, "facts": facts[hit.id]} for hit in hits],
        # The map's points are every match, not only this page's: the browser asks them of the
        # API (map_points_url), so that the page does not carry them. The nearest places beyond
        # the radius, or a bad search's, are the page's own: written in it.
        "map_features": [] if every_match else [map_feature(hit) for hit in hits],
        "map_points_url": map_points_url(request.GET) if every_match else "",
        **near,
    }


PLACES_VIEW = MapView("places", _("Lieux"), PLACES, places_context)


def map_views() -> list[MapView]:
    return [PLACES_VIEW, *(hook() for hook in hooks.get_hooks(MAP_PAGE_VIEWS))]


def said_by_the_form(params: QueryDict) -> QueryDict | None:
    """The same search as the form can say it, or None when it already is. A checkbox cannot
    say "false" (the API's "only the others"): shown unticked, it would come back as no
    criterion, and the page would answer one search and its form send another."""
    said = params.copy()
    for declared in declared_controls(PLACES):
        values = params.getlist(declared.name)
        if declared.control.kind != "checkbox" or len(values) != 1:
            continue
        try:
            false = declared.field.clean(values[0]) is False
        except ValidationError:
            false = False  # the form shows it with its error
        if false:
            del said[declared.name]
    return said if len(said) < len(params) else None


def refining(index: SearchIndex) -> list[str]:
    """The parameters that narrow a search down ("Affiner"), each value one filter."""
    return [d.name for d in declared_controls(index) if d.control.refines]


def refined(params: QueryDict, index: SearchIndex) -> int:
    """How many filters the search is narrowed by."""
    return sum(1 for name in refining(index) for value in params.getlist(name) if value)


def controls_of(search: SearchPage, params: QueryDict) -> dict[str, FormControl]:
    # What failed validation is not in the cleaned data: a checkbox is ticked only for a yes.
    cleaned = getattr(search.filterset.form, "cleaned_data", {})
    return form_controls(search.filterset.index, params, cleaned, search.errors)


def searched(params: QueryDict) -> bool:
    """Whether the family asked for something: then, on a phone, the form folds to its summary
    and the results come first."""
    return any(value for name, value in params.items() if name not in ("view", "page"))


def search_summary(params: QueryDict, index: SearchIndex) -> str:
    """The search in one line, for the folded form: "Près de 4000 · 10 km · « jeux » · 2
    filtres"."""
    parts = []
    if params.get("near"):
        parts.append(_("Près de %(near)s") % {"near": params["near"]})
        radius = params.get("radius_km") or PLACES.criterion("near").default_radius_km
        parts.append(_("%(radius)s km") % {"radius": radius})
    if params.get("q"):
        parts.append(_("« %(words)s »") % {"words": params["q"]})
    filters = refined(params, index)
    if filters:
        parts.append(ngettext("%(n)d filtre", "%(n)d filtres", filters) % {"n": filters})
    return " · ".join(str(part) for part in parts) or str(_("Toute la carte"))


def near_question(request: HttpRequest, search) -> dict | None:
    """ "Quel Saint-Denis ?": when `near` is a name that places far apart bear, none clearly
    the likeliest (`gazetteer.homonyms.choose_homonym`), each of them as a link to the same
    search around it (its stable key), the guess first; None otherwise."""
    circle = search.query.get("near") if search.query else None
    point = circle.place if circle is not None else None
    if point is None or not point.ambiguous:
        return None
    chosen = [{"value": point.key, "label": point.label}]
    offered = chosen + [{"value": a.value, "label": a.label} for a in point.alternatives]
    return {
        "name": point.homonym,
        "choices": [
            {"label": item["label"], "url": with_params(request.GET, near=item["value"])}
            for item in offered
        ],
    }


def map_page_context(request: HttpRequest) -> dict:
    """The chosen view's context, and a link to each view (`<slug>_url`) that keeps the
    parameters all views share."""
    views = map_views()
    chosen = next((v for v in views if v.slug == request.GET.get("view")), views[0])
    names = [set(view.index.param_names()) for view in views]
    shared = [name for name in PLACES.param_names() if all(name in n for n in names)]
    kept = [(name, value) for name in shared for value in request.GET.getlist(name)]
    context = {
        "params": request.GET,
        "searched": searched(request.GET),
        "search_summary": search_summary(request.GET, chosen.index),
        "refined": refined(request.GET, chosen.index),
        # The points are the results' own (map_features, in the part a search replaces).
        "results_map": map_config(
            points_from="map-features", cluster=True, scroll_wheel_zoom=False
        ),
        "view": chosen.slug,
    }
    for view in views:
        switch = [] if view is PLACES_VIEW else [("view", view.slug)]
        context[f"{view.slug}_url"] = "?" + urlencode([*switch, *kept])
    context.update(chosen.context(request))
    context["at_widest_radius"] = at_widest(context["search"].query)
    context["near_question"] = question = near_question(request, context["search"])
    if question:
        # Asked before anything is shown: no results, no points, for a place not yet chosen.
        context.update(place_cards=[], map_features=[], beyond=None, far=None)
    controls = controls_of(context["search"], request.GET)
    context["controls"] = controls
    # The taxonomy's checkboxes are drawn grouped, with their counts (form_choices); other
    # repeatable terms (languages) as the table says.
    grouped = {criterion.name for criterion in PLACES.facet_criteria()}
    drawn = [
        control
        for control in controls.values()
        if not (control.kind == "checkboxes" and control.name in grouped)
    ]
    context["filters"] = [control for control in drawn if control.control.refines]
    # Where errors link: "#field-<name>" (page, page_size, modified_after come from links and
    # hand-written addresses, and have none).
    context["form_inputs"] = {
        *(control.name for control in drawn),
        *chosen.inputs,
        *context["choices"]["inputs"],
    }
    context["sections"] = (
        [] if question else render_map_page_sections(request, chosen, context["search"])
    )
    return context
