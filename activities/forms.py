"""The activity editor's form: weekdays as checkboxes, objectives among the place's, and a
schedule that gives at least one session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from core.weekdays import Weekday, parse_weekdays


class ActivityPageForm(WagtailAdminPageForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("jours de la semaine"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Pour une répétition chaque semaine."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk or self.instance.weekdays:
            self.initial["weekdays"] = list(parse_weekdays(self.instance.weekdays or ""))
        place = self._place()
        if place is not None and "objectives" in self.fields:
            # Only the place's own objectives are offered.
            self.fields["objectives"].queryset = place.objectives.all()

    def _place(self):
        from directory.models import PlacePage

        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        parent = parent.specific
        return parent if isinstance(parent, PlacePage) else None

    def clean_weekdays(self) -> str:
        return ",".join(str(day) for day in sorted(set(self.cleaned_data.get("weekdays") or [])))

    def clean(self):
        cleaned_data = super().clean()
        self._check_objectives(cleaned_data)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        # After the model's own checks: a rule with a field in error has no meaning yet.
        self._check_rule_gives_sessions(self.cleaned_data)

    def _check_objectives(self, cleaned_data) -> None:
        place = self._place()
        if place is None:
            return
        allowed = set(place.objectives.values_list("pk", flat=True))
        for objective in cleaned_data.get("objectives") or []:
            if objective.pk not in allowed:
                self.add_error(
                    "objectives",
                    _("L'objectif « %(objective)s » n'est pas un objectif du lieu.")
                    % {"objective": objective.name_fr},
                )

    def _check_rule_gives_sessions(self, cleaned_data) -> None:
        from activities.preview import schedule_from_values

        if self.errors:
            return
        schedule = schedule_from_values(cleaned_data, tz=None)
        if schedule is not None and not schedule.has_sessions():
            self.add_error(
                "start_date",
                _("Ce calendrier ne donne aucune séance : vérifiez les jours et la date de fin."),
            )
