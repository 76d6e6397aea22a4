"""Form fields and filters for query strings written by hand: strict where a lenient parse would
quietly answer another question than the family asked."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TEXT_LENGTH = 200
# A JSON number whose value is whole, as the OpenAPI description's "integer" is: "2.0" is one.
WHOLE_NUMBER = re.compile(r"(-?[0-9]+)(?:\.0+)?", re.ASCII)
# More digits than any count the search holds (and than every database's integers).
MAX_DIGITS = 9
# django-filter's own guard against overflows: no limit of the contract's.
NUMBER_FILTER_GUARD = 1e50


# Which of two values did the family mean? Asking beats keeping the last one.
GIVEN_TWICE = _("Donnez ce paramètre une seule fois.")


def many_valued(field: forms.Field) -> bool:
    """Whether a parameter may be given several times ("objective=a&objective=b"): its
    widget reads every value, where another reads one and would quietly drop the rest."""
    # Only choice widgets say; any other reads one value.
    return getattr(field.widget, "allow_multiple_selected", False)


def bounds(field: forms.Field) -> tuple:
    """The least and the greatest value a number field accepts (None: no bound), read from the
    validators that enforce them: what the OpenAPI description and the forms say is what is
    checked."""
    minimums = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    maximums = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    maximums = [limit for limit in maximums if limit < NUMBER_FILTER_GUARD]
    return (max(minimums) if minimums else None, min(maximums) if maximums else None)


class StrictIntegerField(forms.IntegerField):
    """Whole numbers as JSON writes them: Django's own field also reads "+0.0", "12." and
    "١٢", which the OpenAPI description calls strings."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        number = WHOLE_NUMBER.fullmatch(text)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if len(number[1].lstrip("-")) > MAX_DIGITS:
            raise forms.ValidationError(_("Nombre trop grand."), code="max_value")
        return int(number[1])


class NumberFilter(django_filters.NumberFilter):
    """A number within its validators' bounds: django-filter adds its own guard against overflows
    (at most 1e50), whose message would follow the bound's as a second, undocumented limit."""

    def get_max_validator(self):
        bounded = any(isinstance(v, MaxValueValidator) for v in self.extra.get("validators", ()))
        return None if bounded else super().get_max_validator()


class IntegerFilter(NumberFilter):
    """Whole numbers only: "2.5" months or pages is an error, not a rounding."""

    field_class = StrictIntegerField


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


class IsoDateField(forms.DateField):
    """YYYY-MM-DD only: "03/04/2027" means different days to different people."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": _("Date attendue au format AAAA-MM-JJ.")}


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


class IsoDateTimeField(forms.Field):
    """An ISO 8601 day or moment ("2027-03-04", "2027-03-04T10:00:00+01:00"); a moment without
    an offset is read in the site's time zone, a day as its first moment."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Date attendue au format ISO 8601 : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS+HH:MM."),
    }

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip()
        if len(text) > 40:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 2000 <= moment.year <= 2099:
            # The years the OpenAPI description names (as for dates: core.search.dates).
            raise forms.ValidationError(
                _("Date hors limites : entre %(first)s et %(last)s.")
                % {"first": "2000-01-01", "last": "2099-12-31"},
                code="out_of_range",
            )
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            # In UTC: ISO 8601 allows offsets PostgreSQL cannot hold ("+19:05" is a
            # DataError there), and every database and the cluster hold UTC.
            moment = moment.astimezone(UTC)
            moment.astimezone(timezone.get_current_timezone())
        except (ValueError, OverflowError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 1 < moment.year < 9999:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return moment


class IsoDateTimeFilter(django_filters.Filter):
    field_class = IsoDateTimeField


def number_up_to(maximum: int) -> str:
    """A regular expression of the whole numbers from 0 to `maximum`, written without leading
    zeros (the same in Python's and ECMAScript's syntax)."""
    text = str(maximum)
    shorter = ["[0-9]", *(f"[1-9][0-9]{{{width - 1}}}" for width in range(2, len(text)))]
    if len(text) == 1:
        return f"[0-{maximum}]"
    same_width = [text]
    for position, digit in enumerate(text):
        low, high = (1 if position == 0 else 0), int(digit) - 1
        if high < low:
            continue
        step = str(low) if high == low else f"[{low}-{high}]"
        rest = len(text) - position - 1
        same_width.append(text[:position] + step + (f"[0-9]{{{rest}}}" if rest else ""))
    return "|".join([*same_width, *reversed(shorter)])


YEAR_UNITS = "[aA][nN][sS]?|[yY]ears?|[jJ]aar"
MONTH_UNITS = "[mM]ois|[mM]onths?|[mM]aanden|[mM]aand"
MAX_AGE_TEXT = 20


class AgeField(forms.CharField):
    """A child's age as families write it, read as months: "3 ans", "18 mois", or a number alone,
    in years (as every page speaks of ages: "de 0 à 3 ans"), in French, Dutch or English; at
    most `maximum_months` (whole years below it). The bounds are in the field's `pattern`, so
    that the OpenAPI description's pattern is exactly what is accepted."""

    default_error_messages = {
        "invalid": _(
            "Âge attendu en années ou en mois, par exemple « 3 ans » ou « 18 mois » (un nombre "
            "seul : des années), %(years)d ans ou %(months)d mois au plus."
        ),
    }

    def __init__(self, *, maximum_months: int, **kwargs):
        kwargs.setdefault("max_length", MAX_AGE_TEXT)
        self.maximum_months = maximum_months
        years, months = number_up_to(maximum_months // 12), number_up_to(maximum_months)
        self.pattern = (
            f" *(?:(?P<years>{years}) *(?:{YEAR_UNITS})?|(?P<months>{months}) *(?:{MONTH_UNITS})) *"
        )
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        age = re.fullmatch(self.pattern, text)
        if age is None:
            limits = {"years": self.maximum_months // 12, "months": self.maximum_months}
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params=limits
            )
        if age["years"] is not None:
            return int(age["years"]) * 12
        return int(age["months"])


class AgeFilter(django_filters.Filter):
    field_class = AgeField


# A time of day: "14:30", "9:05", "14h", "14h30" (what an <input type="time"> sends: "14:30").
TIME_PATTERN = "(?P<hour>[01]?[0-9]|2[0-3])(?::(?P<minute>[0-5][0-9])|[hH](?P<after>[0-5][0-9])?)"


class TimeOfDayField(forms.CharField):
    """A time of day, read as minutes after midnight."""

    widget = forms.TimeInput
    default_error_messages = {
        "invalid": _("Heure attendue au format HH:MM, par exemple « 14:30 »."),
    }
    pattern = TIME_PATTERN

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        if value not in (None, "") and len(str(value)) > self.max_length:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        text = super().clean(value)
        if not text:
            return None
        moment = re.fullmatch(TIME_PATTERN, text)
        if moment is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(moment["hour"]) * 60 + int(moment["minute"] or moment["after"] or 0)


class TimeOfDayFilter(django_filters.Filter):
    field_class = TimeOfDayField


class PlaceNotFound(Exception):  # noqa: N818 (a lookup's answer, not a programming error)
    """What a resolver raises to say why a place was not found, and what the family may have
    meant: `suggestions` are (value, label) pairs, each value itself a valid place name."""

    def __init__(self, message: str, suggestions: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions or [])


class PlaceNameField(forms.CharField):
    """A postcode, a commune's name or "latitude,longitude", resolved to a point by the function
    the declaring app gives (the gazetteer's). The resolver returns None for "unknown", or raises
    `PlaceNotFound` to say why and what else to try: the field then keeps those `suggestions`
    for the page and the API."""

    default_error_messages = {
        "unknown": _(
            "Lieu inconnu : donnez un code postal, un nom de commune ou des coordonnées "
            "« latitude,longitude »."
        ),
    }

    def __init__(self, *, resolve: Callable[[str], object | None], **kwargs):
        self.resolve = resolve
        self.suggestions: list[tuple[str, str]] = []
        super().__init__(max_length=MAX_TEXT_LENGTH, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            point = self.resolve(text)
        except PlaceNotFound as not_found:
            self.suggestions = not_found.suggestions
            raise forms.ValidationError(not_found.message, code="unknown") from not_found
        if point is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return point


class PlaceNameFilter(django_filters.Filter):
    field_class = PlaceNameField
