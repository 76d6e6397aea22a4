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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from core.maps import map_config
from core.search.index import SearchIndex
from core.search.paging import SearchPage, search_page
from core.search.query import filterset_for
from core.search.results import SearchResult
from core.search.service import nearest_beyond
from core.weekdays import WEEKDAY_SLUGS, Weekday
from directory.cards import card_facts
from directory.extensions import MAP_PAGE_VIEWS, render_map_page_sections
from directory.models import Language
from directory.search.index import PLACES
from directory.search.map_points import map_feature, map_features
from objectives.models import Programme

RADIUS_CHOICES = [2, 5, 10, 20, 50, 100, 200]


@dataclass(frozen=True)
class MapView:
    """One view of the map page (`?view=<slug>`): what it searches, and the template context
    it adds for a request."""

    slug: str
    label: str
    index: SearchIndex
    context: Callable[[HttpRequest], dict]
    # The parameters its own inputs add to the form's (FORM_INPUTS).
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
    default_radius = PLACES.criterion("near").default_radius_km
    return {
        "programmes": programmes,
        "languages": Language.objects.all(),
        "days": list(zip(WEEKDAY_SLUGS, Weekday.labels, strict=True)),
        "radii": RADIUS_CHOICES,
        "default_radius": default_radius,
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
        "near_alternatives": [
            {"label": item["label"], "url": with_params(request.GET, near=item["value"])}
            for item in offered
        ],
        "beyond": beyond,
        "widen_url": with_params(request.GET, radius_km=f"{beyond.radius_km:g}") if beyond else "",
    }


def places_context(request: HttpRequest) -> dict:
    search = search_page(PLACES, request.GET)
    near = near_context(request, search)
    hits = search.result.hits if search.result else []
    if near["beyond"]:
        hits = near["beyond"].hits
    facts = card_facts(hits)
    if near["beyond"] or not search.result:
        features = [map_feature(hit) for hit in hits]
    else:
        features = map_features(search.query, search.result.count)
    return {
        "search": search,
        "choices": form_choices(request.GET, search.result),
        "place_cards": [{"hit": hit, "facts": facts[hit.id]} for hit in hits],
        # Every match, not only this page's (directory.search.map_points).
        "map_features": features,
        **near,
    }


PLACES_VIEW = MapView("places", _("Lieux"), PLACES, places_context)


def map_views() -> list[MapView]:
    return [PLACES_VIEW, *(hook() for hook in hooks.get_hooks(MAP_PAGE_VIEWS))]


# The form's parameters that are not a place or words: each value counts as one filter.
FILTER_PARAMS = ("programme", "objective", "age_months", "day", "language", "accessible", "free")
# The form's checkboxes: ticked sends "true", unticked sends nothing.
CHECKBOXES = ("accessible", "free")
# The parameters with an input in every view's form ("#field-<name>", where their errors link;
# the programmes' and objectives' checkboxes are there when the taxonomy has some). The others
# (page, page_size, modified_after) come from links and hand-written addresses.
FORM_INPUTS = ("near", "radius_km", "q", "age_months", "day", "language", *CHECKBOXES)


def said_by_the_form(params: QueryDict) -> QueryDict | None:
    """The same search as the form can say it, or None when it already is. A checkbox cannot
    say "false" (the API's "only the others"): shown unticked, it would come back as no
    criterion, and the page would answer one search and its form send another."""
    fields = filterset_for(PLACES).form_class.base_fields
    said = params.copy()
    for name in CHECKBOXES:
        values = params.getlist(name)
        try:
            false = len(values) == 1 and fields[name].clean(values[0]) is False
        except ValidationError:
            false = False  # the form shows it with its error
        if false:
            del said[name]
    return said if len(said) < len(params) else None


def ticked(search: SearchPage) -> dict[str, bool]:
    """Which checkboxes the search is for: the validated value, not the text given
    ("accessible=maybe" is an error, not a yes)."""
    cleaned = getattr(search.filterset.form, "cleaned_data", {})
    return {name: cleaned.get(name) is True for name in CHECKBOXES}


def searched(params: QueryDict) -> bool:
    """Whether the family asked for something: then, on a phone, the form folds to its summary
    and the results come first."""
    return any(value for name, value in params.items() if name not in ("view", "page"))


def search_summary(params: QueryDict) -> str:
    """The search in one line, for the folded form: "Près de 4000 · 10 km · « jeux » · 2
    filtres"."""
    parts = []
    if params.get("near"):
        parts.append(_("Près de %(near)s") % {"near": params["near"]})
        radius = params.get("radius_km") or PLACES.criterion("near").default_radius_km
        parts.append(_("%(radius)s km") % {"radius": radius})
    if params.get("q"):
        parts.append(_("« %(words)s »") % {"words": params["q"]})
    filters = sum(1 for name in FILTER_PARAMS for value in params.getlist(name) if value)
    if filters:
        parts.append(ngettext("%(n)d filtre", "%(n)d filtres", filters) % {"n": filters})
    return " · ".join(str(part) for part in parts) or str(_("Toute la carte"))


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
        "search_summary": search_summary(request.GET),
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
    context["ticked"] = ticked(context["search"])
    context["form_inputs"] = {*FORM_INPUTS, *chosen.inputs, *context["choices"]["inputs"]}
    context["sections"] = render_map_page_sections(request, chosen, context["search"])
    return context
