"""The schedule preview of the activity editor: the next sessions for what the editor has typed,
before anything is saved."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.choices import Ends, MonthWeek, Repeat
from activities.recurrence import Schedule
from core.weekdays import Weekday
from directory.models import PlacePage

PREVIEW_COUNT = 8


class ScheduleValuesForm(forms.Form):
    """The schedule fields of the editor's form, read leniently: a half-typed schedule gives no
    preview, never an error page."""

    start_date = forms.DateField()
    start_time = forms.TimeField()
    duration_minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    repeat = forms.ChoiceField(choices=Repeat.choices)
    interval = forms.IntegerField(min_value=1, max_value=52, required=False)
    weekdays = forms.TypedMultipleChoiceField(choices=Weekday.choices, coerce=int, required=False)
    month_week = forms.TypedChoiceField(
        choices=MonthWeek.choices, coerce=int, required=False, empty_value=None
    )
    month_weekday = forms.TypedChoiceField(
        choices=Weekday.choices, coerce=int, required=False, empty_value=None
    )
    ends = forms.ChoiceField(choices=Ends.choices)
    until = forms.DateField(required=False)
    count = forms.IntegerField(min_value=1, max_value=1000, required=False)


def schedule_from_values(
    values: dict,
    tz: ZoneInfo | None,
    excluded: frozenset[date] = frozenset(),
    added: frozenset[date] = frozenset(),
) -> Schedule | None:
    """A Schedule from cleaned form values; None when a needed value is missing."""
    needed = ("start_date", "start_time", "duration_minutes", "repeat")
    if any(values.get(name) in (None, "") for name in needed):
        return None
    weekdays = values.get("weekdays") or ()
    if isinstance(weekdays, str):
        weekdays = [int(d) for d in weekdays.split(",") if d.strip().isdigit()]
    return Schedule(
        start_date=values["start_date"],
        start_time=values["start_time"],
        duration=timedelta(minutes=int(values["duration_minutes"])),
        tz=tz or ZoneInfo("Europe/Brussels"),
        repeat=values["repeat"],
        interval=values.get("interval") or 1,
        weekdays=tuple(sorted(set(weekdays))),
        month_week=values.get("month_week"),
        month_weekday=values.get("month_weekday"),
        ends=values.get("ends") or Ends.NEVER,
        until=values.get("until"),
        count=values.get("count"),
        excluded=excluded,
        added=added,
    )


def _formset_dates(data, prefix: str) -> frozenset[date]:
    """The dates of an inline formset in posted data, without the rows marked for deletion."""
    field = forms.DateField()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return frozenset()
    found = set()
    for row in range(min(total, 500)):
        if data.get(f"{prefix}-{row}-DELETE"):
            continue
        try:
            value = field.clean(data.get(f"{prefix}-{row}-date"))
        except forms.ValidationError:
            continue
        found.add(value)
    return frozenset(found)


def preview_sessions(schedule: Schedule | None, today: date | None = None) -> list[dict]:
    if schedule is None:
        return []
    today = today or timezone.localdate(timezone=schedule.tz)
    return [
        {"start": start, "end": end, "excluded": False}
        for start, end in schedule.next_sessions(today, PREVIEW_COUNT)
    ]


def render_preview(schedule: Schedule | None) -> str:
    return render_to_string(
        "activities/panels/schedule_preview_list.html",
        {
            "sessions": preview_sessions(schedule),
            "description": schedule.describe() if schedule is not None else "",
        },
    )


def schedule_preview(request: HttpRequest) -> HttpResponse:
    """POST: the whole editor form; `place` in the query string gives the time zone."""
    place_id = request.GET.get("place") or "0"
    if not (place_id.isascii() and place_id.isdigit() and len(place_id) <= 18):
        return HttpResponseBadRequest(_("Paramètre place : identifiant de lieu attendu."))
    place = get_object_or_404(PlacePage, pk=int(place_id))
    form = ScheduleValuesForm(request.POST)
    schedule = None
    if form.is_valid():
        schedule = schedule_from_values(
            form.cleaned_data,
            place.time_zone,
            excluded=_formset_dates(request.POST, "excluded_dates"),
            added=_formset_dates(request.POST, "added_dates"),
        )
    return HttpResponse(render_preview(schedule))
