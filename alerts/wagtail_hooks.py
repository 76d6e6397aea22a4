from django.template.loader import render_to_string
from wagtail import hooks

from alerts.queries import canonical
from directory.extensions import MAP_PAGE_SECTIONS


@hooks.register(MAP_PAGE_SECTIONS)
def alert_form(request, view, search) -> str:
    """ "Prévenez-moi" under the results of a valid search, carrying that search (already
    validated by the page: no second validation, no query more)."""
    if search.query is None:
        return ""
    query = canonical(view.index, search.filterset.data)
    return render_to_string(
        "alerts/includes/alert_form.html", {"view": view.slug, "query": query}, request=request
    )
