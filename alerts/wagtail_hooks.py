from django.template.loader import render_to_string
from wagtail import hooks

from alerts.queries import InvalidSearch, normalized
from directory.extensions import MAP_PAGE_SECTIONS


@hooks.register(MAP_PAGE_SECTIONS)
def alert_form(request, view, search) -> str:
    """ "Prévenez-moi" under the results of a valid search, carrying that search."""
    if search.query is None:
        return ""
    try:
        query = normalized(view.index, search.filterset.data)
    except InvalidSearch:
        return ""
    return render_to_string(
        "alerts/includes/alert_form.html", {"view": view.slug, "query": query}, request=request
    )
