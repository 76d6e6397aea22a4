"""What a place shows of the layers above the directory (its upcoming sessions, its projects).

Those apps register through Wagtail hooks, so the directory never imports them:

- ``place_page_sections``: ``fn(place, request) -> str`` returns a rendered section of the
  public place page ("" when it has nothing to show), in hook order;
- ``place_page_essentials``: ``fn(place, request) -> str`` returns a short piece shown among
  what a family needs to go, at the top of the place page, before its description (activities:
  the next three sessions and a link to them all); "" when it has nothing to show;
- ``place_editor_panels``: ``fn() -> list[Panel]`` returns panels appended to the place editor;
- ``register_map_page_view``: ``fn() -> directory.search.page.MapView`` adds a view to the map
  page (`?view=<slug>`), beside the places' own;
- ``map_page_sections``: ``fn(request, view, search) -> str`` returns a rendered section shown
  under the map page's results (``view`` the chosen ``MapView``, ``search`` its ``SearchPage``;
  "" when it has nothing to show);
- ``places_api_next_activity``: ``fn(place_ids) -> {place_id: {id, title, url, start}}`` fills
  the places API's `next_activity`;
- ``places_sessions_ahead``: ``fn(place_ids) -> {place_id: [{id, title, url_path, start, end}]}``
  gives the places' sessions that take place and are not over (`start` local, `end` with its
  offset, both ISO 8601), for the places' search documents (`directory.search.documents`); an
  app that gives them sends `directory.search.index.place_records_changed` when they change;
- ``places_api_upcoming_sessions``: ``fn(place_id) -> list[{id, title, url, start, end, status,
  calendar_url}]`` fills the place detail's `upcoming_sessions` (every hook's, by start);
- ``places_live_rooms``: ``fn(place_ids, now) -> {place_id: [directory.live_room.LiveRoom]}``
  gives the last state each team gave of its sessions' rooms, for sessions not ended at
  ``now``, in one query for the batch (the place's record reads it); an app that gives them
  sends `directory.search.index.place_records_changed` when one changes;
- ``place_organisers_imported``: ``fn(place_id, emails, user) -> list[str]`` invites the
  addresses of an imported row's `organiser_emails` column to organise the place (written by
  then), and returns notes for the import report (counts, no addresses).
"""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.panels import PanelGroup

PLACE_PAGE_SECTIONS = "place_page_sections"
PLACE_PAGE_ESSENTIALS = "place_page_essentials"
PLACE_EDITOR_PANELS = "place_editor_panels"
MAP_PAGE_VIEWS = "register_map_page_view"
MAP_PAGE_SECTIONS = "map_page_sections"
PLACES_API_NEXT_ACTIVITY = "places_api_next_activity"
PLACES_API_UPCOMING_SESSIONS = "places_api_upcoming_sessions"
PLACES_SESSIONS_AHEAD = "places_sessions_ahead"
PLACE_ORGANISERS_IMPORTED = "place_organisers_imported"
PLACES_LIVE_ROOMS = "places_live_rooms"


def render_place_sections(place, request) -> list[str]:
    sections = (section(place, request) for section in hooks.get_hooks(PLACE_PAGE_SECTIONS))
    return [html for html in sections if html]


def render_place_essentials(place, request) -> list[str]:
    pieces = (piece(place, request) for piece in hooks.get_hooks(PLACE_PAGE_ESSENTIALS))
    return [html for html in pieces if html]


def render_map_page_sections(request, view, search) -> list[str]:
    sections = (section(request, view, search) for section in hooks.get_hooks(MAP_PAGE_SECTIONS))
    return [html for html in sections if html]


class RegisteredPlacePanels(PanelGroup):
    """The editor's panels registered by other apps, bound when the editor is first built
    (after every app's hooks are loaded)."""

    def __init__(self, **kwargs):
        kwargs.pop("children", None)
        super().__init__(children=(), **kwargs)

    def on_model_bound(self):
        self.children = [
            panel for panels in hooks.get_hooks(PLACE_EDITOR_PANELS) for panel in panels()
        ]
        super().on_model_bound()

    class BoundPanel(PanelGroup.BoundPanel):
        template_name = "wagtailadmin/panels/object_list.html"
