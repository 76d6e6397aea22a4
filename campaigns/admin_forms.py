"""The campaign's editor form: the territory as the gazetteer's provinces and départements
(`Commune.province_code`), the sections as the fixed list (`Section`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.models import Section
from core.countries import Country
from gazetteer.models import Commune
from gazetteer.points import area_label


def province_choices() -> list[tuple[str, str]]:
    """Every province or département the gazetteer knows, by country then name (one query)."""
    rows = (
        Commune.objects.exclude(province_code="")
        .values_list("country", "province_code", "province")
        .distinct()
    )
    named = {(country, code): area_label(name) for country, code, name in rows}
    return [
        (code, f"{name} ({Country(country).label})")
        for (country, code), name in sorted(named.items(), key=lambda item: (item[0][0], item[1]))
    ]


class CampaignForm(WagtailAdminModelForm):
    provinces = forms.MultipleChoiceField(
        label=_("Provinces ou départements"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucune : partout."),
    )
    sections = forms.MultipleChoiceField(
        label=_("À vérifier"), choices=Section.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = province_choices()

    def clean_sections(self):
        chosen = set(self.cleaned_data["sections"])
        return [value for value in Section.values if value in chosen]
