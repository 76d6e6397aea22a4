"""An activity's notices as the public reads them (directory.notice_records.Notice): read for a
batch of activities in one query, through the French page's `translation_key` (a notice is on
the French activity, directory.models.notices), in the visitor's language; with its place's
notices for an activity's page, where both matter."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from activities.models.notices import ActivityNotice
from core.pages import visitor_language
from directory.notice_records import Notice, notices_from_rows
from directory.record_rows import NOTICE_COLUMNS, notice_rows


def activities_notices(activities: Iterable) -> dict[int, tuple[Notice, ...]]:
    """The notices not yet ended of `activities` (pages, French or translations), by page id, in
    one query whatever their number."""
    keys = {activity.pk: activity.translation_key for activity in activities}
    if not keys:
        return {}
    rows = (
        ActivityNotice.objects.filter(
            activity__translation_key__in=set(keys.values()),
            end_date__gte=timezone.localdate(),
        )
        .order_by()
        .values_list("activity__translation_key", *NOTICE_COLUMNS)
    )
    found: dict = {}
    for key, *notice in rows:
        found.setdefault(key, []).append(notice)
    language = visitor_language()
    return {pk: notices_from_rows(found[key], language) for pk, key in keys.items() if key in found}


def place_notices(place) -> tuple[Notice, ...]:
    """A place's notices not yet ended, for the page of one of its activities (one query)."""
    rows = notice_rows([place.translation_key], timezone.localdate())
    return notices_from_rows((notice for _key, *notice in rows), visitor_language())
