"""The public activity page's context: its notices and its place's, its upcoming sessions (with
their live rooms), the sections other apps add, its JSON-LD. Above the model it reads:
`ActivitiesConfig.ready()` registers it as `ActivityPage`'s presenter (`core.pages.present`), as
`directory.place_page` is `PlacePage`'s."""

from __future__ import annotations

from django.utils import timezone

from activities.cycles import cycle_dates, cycle_sessions
from activities.extensions import render_activity_sections
from activities.live_room import with_live_rooms
from activities.models import Occurrence
from activities.models.seats import seats_taken
from activities.notices import activities_notices, place_notices
from activities.registrations import accepts_registrations
from activities.texts_in_language import activity_text, draft_text
from core.content_languages import content_of, content_query
from core.translated_texts import text_language_context
from directory.notice_records import Notice, announced_today
from directory.structured_data import json_ld_script_text

UPCOMING_ON_PAGE = 12


def upcoming_for_activity(activity, limit: int = UPCOMING_ON_PAGE) -> list:
    # A translation's sessions are its French activity's.
    return list(
        activity.source_page.occurrences.filter(end__gte=timezone.now())
        .select_related("activity", "place", "place__commune", "closure")
        .annotate(seats_taken=seats_taken())
        .order_by("start")[:limit]
    )


def previewed_sessions(activity, place, limit: int = UPCOMING_ON_PAGE) -> list:
    """The editor's draft schedule, as unsaved sessions: a preview shows what publishing will
    give, and a page not yet created has no stored session."""
    schedule = activity.schedule(place.time_zone)
    today = timezone.localdate(timezone=place.time_zone)
    return [
        Occurrence(
            activity=activity,
            place=place,
            date=start.date(),
            day=start.date(),
            start=start,
            end=end,
        )
        for start, end in schedule.next_sessions(today, limit)
    ]


def activity_page_notices(activity, place) -> tuple[Notice, ...]:
    """The activity's notices, then its place's, that the public reads today (two queries)."""
    own = activities_notices([activity]).get(activity.pk, ())
    return announced_today(own + place_notices(place))


def cycle_of(activity) -> dict | None:
    """A cycle's dates, first to last, and its one registration (on its first session): how
    many seats are left, and whether it still takes registrations (two queries)."""
    source = activity.source_page
    if not source.is_cycle:
        return None
    sessions = cycle_dates(
        cycle_sessions(source.pk)
        .select_related("activity", "place", "place__commune", "closure")
        .annotate(seats_taken=seats_taken())
    )
    if not sessions:
        return None
    first = sessions[0]
    return {
        "sessions": sessions,
        "first": first,
        "open": accepts_registrations(first),
        "remaining": first.remaining_places(),
        "place_id": source.place.pk,
    }


def activity_page_context(activity, request) -> dict:
    from activities.structured_data import event_json_ld

    place = activity.place
    preview = getattr(request, "is_preview", False)
    content = content_of(request)
    texts = draft_text(activity) if preview else activity_text(activity, content)
    if preview:
        upcoming = previewed_sessions(activity, place)
    else:
        upcoming = with_live_rooms(upcoming_for_activity(activity))
    next_session = next(
        (o for o in upcoming if not o.is_cancelled), upcoming[0] if upcoming else None
    )
    remaining = None
    cycle = None if preview else cycle_of(activity)
    if cycle is not None:
        remaining = cycle["remaining"]
    elif next_session is not None and not preview:
        remaining = next_session.remaining_places()
    return {
        "preview": preview,
        "place": place,
        # Its title, description and what to bring, in the family's language where translated.
        "texts": texts,
        **text_language_context(texts.text, content),
        # The registration links keep the language the family reads the text in.
        "link_query": content_query(request),
        # A preview shows the page as it will read, without other apps' forms.
        "sections": [] if preview else render_activity_sections(activity, request),
        # What the activity and its place tell families for a while, announced today.
        "notices": [] if preview else activity_page_notices(activity, place),
        "schedule_text": activity.schedule(place.time_zone).describe(),
        "upcoming": upcoming,
        # Shown with when, where and how to come, at the top of the page.
        "next_session": next_session,
        # A cycle: its dates and its one registration.
        "cycle": cycle,
        "json_ld_text": json_ld_script_text(
            event_json_ld(
                activity,
                place,
                request,
                next_session,
                remaining,
                getattr(next_session, "live_room", None),
                cycle["sessions"] if cycle else None,
            )
        ),
    }
