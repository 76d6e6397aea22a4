"""The family a registration names, as both its forms ask it (the family's, and the organiser's
for a family who phoned): how many children with each one's age, how many adults; checked
against the activity: each child's age (the error names the child) and a family larger than
every seat of a session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.child_ages import children_errors, months_of
from activities.choices import CapacityUnit
from activities.models.seats import seats_of

MAX_CHILDREN = 12
MAX_ADULTS = 12


def family_fields() -> dict[str, forms.Field]:
    return {
        "children_count": forms.IntegerField(
            label=gettext_lazy("Nombre d'enfants"),
            min_value=1,
            max_value=MAX_CHILDREN,
            initial=1,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        ),
        "children_ages": forms.CharField(
            label=gettext_lazy("Âge de chaque enfant"),
            max_length=120,
            help_text=gettext_lazy("En mois ou en ans, par exemple : 8 mois, 3 ans."),
        ),
        "adults_count": forms.IntegerField(
            label=gettext_lazy("Nombre d'adultes"),
            min_value=0,
            max_value=MAX_ADULTS,
            initial=1,
            # Left empty (or a form sent before the field existed): one adult.
            required=False,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        ),
    }


def clean_family(form: forms.Form, cleaned_data: dict, activity) -> dict:
    """Each child's age read and checked (`children_months` added to the cleaned data), and the
    family's seats against the activity's capacity."""
    if cleaned_data.get("adults_count") is None and "adults_count" not in form.errors:
        cleaned_data["adults_count"] = 1
    count = cleaned_data.get("children_count")
    ages = cleaned_data.get("children_ages")
    if count is None or not ages:
        return cleaned_data
    errors = children_errors(ages, count, activity.age_min_months, activity.age_max_months)
    for error in errors:
        form.add_error("children_ages", error)
    if not errors:
        cleaned_data["children_months"] = months_of(ages)
    adults = cleaned_data.get("adults_count")
    if activity.capacity and adults is not None:
        if seats_of(activity.capacity_unit, count, adults) > activity.capacity:
            field = "children_count"
            if activity.capacity_unit == CapacityUnit.PEOPLE:
                message = _("Une séance accueille au plus %(n)d personnes, adultes compris.")
            else:
                message = _("Une séance accueille au plus %(n)d enfants.")
            form.add_error(field, message % {"n": activity.capacity})
    return cleaned_data
