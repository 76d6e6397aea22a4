"""The search parameters of the public contract, validated by a django-filter FilterSet.

The FilterSet's form is the one place where query strings are parsed: engines only ever see a
valid `PlaceQuery`, and a bad parameter becomes a 400 that names it.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.ages import MAX_CHILD_AGE_MONTHS
from core.weekdays import WEEKDAY_SLUGS
from directory.models import Language, PlacePage
from gazetteer.lookup import NearPoint, resolve_near
from objectives.models import Objective, Programme

DEFAULT_RADIUS_KM = 10
MAX_RADIUS_KM = 200
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_TEXT_LENGTH = 200


@dataclass(frozen=True)
class PlaceQuery:
    """What a family asked for, already validated."""

    q: str = ""
    near: NearPoint | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    objectives: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    age_months: int | None = None
    day: int | None = None
    language: str | None = None
    accessible: bool | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


class NearField(forms.CharField):
    default_error_messages = {
        "unknown": _(
            "Lieu inconnu : donnez un code postal, un nom de commune ou des coordonnées "
            "« latitude,longitude »."
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_TEXT_LENGTH, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        point = resolve_near(text)
        if point is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return point


class NearFilter(django_filters.Filter):
    field_class = NearField


class IntegerFilter(django_filters.NumberFilter):
    """Whole numbers only: "2.5" months or pages is an error, not a rounding."""

    field_class = forms.IntegerField


class StrictBooleanField(forms.NullBooleanField):
    """Accepts true/false, 1/0, yes/no, on/off, oui/non; anything else is an error."""

    widget = forms.TextInput
    TRUE = {"true", "1", "yes", "on", "oui"}
    FALSE = {"false", "0", "no", "off", "non"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Valeur attendue : true ou false."), code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


def _slugs(queryset):
    return queryset.values_list("slug", flat=True)


class PlaceSearchFilterSet(django_filters.FilterSet):
    """Validates the query string of /api/v1/places/ and of the map page."""

    q = django_filters.CharFilter(max_length=MAX_TEXT_LENGTH)
    near = NearFilter()
    radius_km = django_filters.NumberFilter(
        validators=[MinValueValidator(0.1), MaxValueValidator(MAX_RADIUS_KM)]
    )
    objective = django_filters.ModelMultipleChoiceFilter(
        queryset=Objective.objects.all(), to_field_name="slug"
    )
    programme = django_filters.ModelMultipleChoiceFilter(
        queryset=Programme.objects.all(), to_field_name="slug"
    )
    age_months = IntegerFilter(
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CHILD_AGE_MONTHS)]
    )
    day = django_filters.ChoiceFilter(choices=[(slug, slug) for slug in WEEKDAY_SLUGS])
    language = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), to_field_name="code"
    )
    accessible = StrictBooleanFilter()
    page = IntegerFilter(validators=[MinValueValidator(1)])
    page_size = IntegerFilter(validators=[MinValueValidator(1), MaxValueValidator(MAX_PAGE_SIZE)])

    class Meta:
        model = PlacePage
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, queryset=PlacePage.objects.none(), **kwargs)

    def to_query(self) -> PlaceQuery:
        """The validated parameters; call only when `is_valid()`."""
        data = self.form.cleaned_data
        radius = data.get("radius_km")
        return PlaceQuery(
            q=(data.get("q") or "").strip(),
            near=data.get("near"),
            radius_km=float(radius) if radius is not None else DEFAULT_RADIUS_KM,
            objectives=tuple(sorted(o.slug for o in data.get("objective") or [])),
            programmes=tuple(sorted(p.slug for p in data.get("programme") or [])),
            age_months=data.get("age_months"),
            day=WEEKDAY_SLUGS.index(data["day"]) if data.get("day") else None,
            language=data["language"].code if data.get("language") else None,
            accessible=data.get("accessible"),
            page=data.get("page") or 1,
            page_size=data.get("page_size") or DEFAULT_PAGE_SIZE,
        )

    def error_details(self) -> dict[str, list[str]]:
        """Each bad parameter with the reasons, in the contract's parameter names."""
        return {name: [str(message) for message in errors] for name, errors in self.errors.items()}
