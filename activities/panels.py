"""The schedule preview panel: the next sessions, refreshed as the editor types."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class SchedulePreviewPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Aperçu des prochaines séances"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "activities/panels/schedule_preview.html"

        def _place(self):
            parent = getattr(self.form, "parent_page", None)
            if parent is None and self.instance.pk:
                parent = self.instance.get_parent()
            return parent.specific if parent is not None else None

        def get_context_data(self, parent_context=None):
            from activities.preview import render_preview, schedule_from_values

            context = super().get_context_data(parent_context)
            place = self._place()
            schedule = None
            if place is not None and self.instance.start_date and self.instance.start_time:
                values = {
                    name: getattr(self.instance, name)
                    for name in (
                        "start_date",
                        "start_time",
                        "duration_minutes",
                        "repeat",
                        "interval",
                        "weekdays",
                        "month_week",
                        "month_weekday",
                        "ends",
                        "until",
                        "count",
                    )
                }
                schedule = schedule_from_values(
                    values,
                    place.time_zone,
                    excluded=frozenset(d.date for d in self.instance.excluded_dates.all()),
                    added=frozenset(d.date for d in self.instance.added_dates.all()),
                )
            context["preview_html"] = render_preview(schedule)
            context["preview_url"] = reverse("activities_schedule_preview") + (
                f"?place={place.pk}" if place is not None else ""
            )
            return context

        @property
        def media(self):
            return forms.Media(js=["activities/js/schedule_preview.js"])
