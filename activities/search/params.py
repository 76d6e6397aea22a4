"""The parameters of `/api/v1/activities/`: the places' search parameters plus `from` and `to`,
validated by the same kind of FilterSet, so that a bad one answers 400 naming it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.search.params import PlaceQuery, PlaceSearchFilterSet

MAX_RANGE_DAYS = 366


@dataclass(frozen=True)
class ActivityQuery:
    """What a family asked for, already validated: where (as for places) and when."""

    where: PlaceQuery = field(default_factory=PlaceQuery)
    date_from: date = field(default_factory=timezone.localdate)
    date_to: date = field(default_factory=timezone.localdate)

    @property
    def offset(self) -> int:
        return self.where.offset

    @property
    def page_size(self) -> int:
        return self.where.page_size

    @property
    def page(self) -> int:
        return self.where.page


class IsoDateField(forms.DateField):
    """YYYY-MM-DD only: "03/04/2027" means different days to different people."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": _("Date attendue au format AAAA-MM-JJ.")}


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


class ActivitySearchForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("from"), cleaned_data.get("to")
        if start and end:
            if end < start:
                self.add_error("to", _("La date de fin précède la date de début (from)."))
            elif (end - start).days > MAX_RANGE_DAYS:
                self.add_error(
                    "to",
                    _("Période trop longue : %(days)d jours au plus.") % {"days": MAX_RANGE_DAYS},
                )
        return cleaned_data


class ActivitySearchFilterSet(PlaceSearchFilterSet):
    """Validates the query string of /api/v1/activities/ and of the map page's activities."""

    class Meta(PlaceSearchFilterSet.Meta):
        form = ActivitySearchForm

    def to_activity_query(self) -> ActivityQuery:
        data = self.form.cleaned_data
        start = data.get("from") or timezone.localdate()
        end = data.get("to") or start + timedelta(days=settings.ACTIVITIES["window_days"])
        return ActivityQuery(where=self.to_query(), date_from=start, date_to=end)


# `from` is a Python keyword: the filter is added under its contract name after the class.
ActivitySearchFilterSet.base_filters["from"] = IsoDateFilter()
ActivitySearchFilterSet.base_filters["to"] = IsoDateFilter()
