"""The widget partners paste on their own site (a commune, a CPAS, a maternity ward): the
places near a commune or postcode and their sessions of the next seven days, in the language of
the snippet's address (`/widget/`, `/nl/widget/`, `/en/widget/`).

An `<iframe>`, not a script with a custom element (docs/widget.md): the partner's page runs
none of our code, so its own Content-Security-Policy needs one `frame-src` source and no
`script-src`, `connect-src` or `style-src` for us, and our styles and theirs never meet. The
widget's page runs no script either (nothing to allow, nothing to break), and only it may be
framed by any site (`frame-ancestors *`): it shows public facts only, through the places' and
sessions' searches (the public records, the discreet rule inside them), and has no form, no
button and no cookie to hijack. Every other page keeps `frame-ancestors 'none'`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from activities.search.index import SESSIONS
from core.absolute import absolute_url, base_url
from core.pages import in_source_language, localized_url
from core.search.query import SearchQuery, filterset_for
from core.search.results import SearchResult
from core.search.service import search
from directory.models import PlaceIndexPage
from directory.search.index import PLACES

PLACES_SHOWN, SESSIONS_SHOWN, DAYS = 5, 6, 7
# A snippet's height that shows the places and a few sessions without a scroll bar on a phone.
HEIGHT = 560


@dataclass(frozen=True)
class Nearby:
    near: str
    label: str
    places: SearchResult
    sessions: SearchResult


def query(index, params: dict) -> SearchQuery | dict[str, list[str]]:
    """`params` as `index`'s FilterSet reads them, or its messages by parameter."""
    filterset = filterset_for(index)(QueryDict(urlencode(params)))
    if not filterset.is_valid():
        return filterset.error_details()
    return filterset.to_query()


def nearby(near: str) -> Nearby | dict[str, list[str]]:
    """The places nearest `near` and their sessions of the next seven days, or the search's
    messages by parameter (a `near` the gazetteer cannot read, or one it reads several ways)."""
    if not near.strip():
        return {"near": [gettext("Indiquez une commune ou un code postal.")]}
    places = query(PLACES, {"near": near, "page_size": PLACES_SHOWN})
    if isinstance(places, dict):
        return places
    today = timezone.localdate()
    sessions = query(
        SESSIONS,
        {
            "near": near,
            "from": today.isoformat(),
            "to": (today + timedelta(days=DAYS - 1)).isoformat(),
            "page_size": SESSIONS_SHOWN,
        },
    )
    if isinstance(sessions, dict):
        return sessions
    circle = places.get("near")
    label = getattr(circle.place, "label", "") or near
    return Nearby(near, label, search(PLACES, places), search(SESSIONS, sessions))


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def widget(request: HttpRequest) -> HttpResponse:
    """The framed list; a 400 that says what is wrong with `near` when it cannot be read."""
    found = nearby(request.GET.get("near", ""))
    if isinstance(found, dict):
        return render(request, "opendata/widget.html", {"errors": found}, status=400)
    return render(request, "opendata/widget.html", {"found": found, "more": _map_url(found.near)})


def _map_url(near: str) -> str:
    """The map page with the same search, in the active language (its translation's address
    when it has one), absolute: the family leaves the partner's page for ours."""
    page = in_source_language(PlaceIndexPage.objects.live()).first()
    if page is None:
        return absolute_url()
    return f"{localized_url(page, base_url())}?{urlencode({'near': near})}"


def snippet(near: str, language: str, title: str) -> str:
    """The HTML a partner pastes: an iframe of the widget in `language`, sized in attributes
    (a `style` attribute would need the partner's CSP to allow inline styles)."""
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    source = absolute_url(f"{prefix}/widget/?{urlencode({'near': near})}")
    return (
        f'<iframe src="{escape(source)}" title="{escape(title)}" '
        f'width="100%" height="{HEIGHT}" loading="lazy"></iframe>'
    )
