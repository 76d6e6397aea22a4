"""The small forms of a campaign's answer page, one per section (`Section`), each reading its
current values from the place and writing them back onto it (`apply`), for `edits.publish_change`
to publish as a new revision."""

from __future__ import annotations

import html
import re

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.hours import read_hours
from directory.models import ClosurePeriod, OpeningHours, PlacePage

# The short French days `core.hours.read_hours` reads back.
SHORT_DAYS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
TEXTAREA = {"rows": 6}


def _clock(value) -> str:
    return f"{value.hour}h{value.minute:02d}" if value.minute else f"{value.hour}h"


def hours_text(place: PlacePage) -> str:
    """The place's opening hours as a line per slot, the way the hours reader reads them."""
    return "\n".join(
        f"{SHORT_DAYS[row.weekday]} {_clock(row.opens)}-{_clock(row.closes)}"
        for row in place.opening_hours.all()
    )


def description_text(place: PlacePage) -> str:
    """The rich-text description as paragraphs of plain text (one blank line between)."""
    paragraphs = re.split(r"</p>|<br\s*/?>|</li>", place.description or "")
    texts = [html.unescape(strip_tags(part)).strip() for part in paragraphs]
    return "\n\n".join(text for text in texts if text)


def description_html(text: str) -> str:
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{html.escape(part)}</p>" for part in paragraphs)


class HoursForm(forms.Form):
    hours = forms.CharField(
        label=_("Heures d'ouverture"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
        help_text=_("Un créneau par ligne : « lun 9h-12h », « mer 13h30-17h »."),
    )

    def __init__(self, *args, place: PlacePage, **kwargs):
        super().__init__(*args, initial={"hours": hours_text(place)}, **kwargs)

    def clean_hours(self):
        rows, reasons = read_hours(self.cleaned_data["hours"])
        if reasons:
            raise forms.ValidationError(reasons)
        return rows

    def apply(self, page: PlacePage) -> None:
        page.opening_hours = [
            OpeningHours(weekday=row.weekday, opens=row.opens, closes=row.closes)
            for row in self.cleaned_data["hours"]
        ]


class ClosureForm(forms.Form):
    start_date = forms.DateField(
        label=_("Fermé du"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("au (inclus)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Motif (facultatif)"),
        required=False,
        max_length=200,
        help_text=_("Par exemple : congés d'été."),
    )

    def __init__(self, *args, place: PlacePage, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin doit suivre le début."))
        return cleaned

    def apply(self, page: PlacePage) -> None:
        page.closures = [
            *page.closures.all(),
            ClosurePeriod(
                start_date=self.cleaned_data["start_date"],
                end_date=self.cleaned_data["end_date"],
                reason=self.cleaned_data["reason"],
            ),
        ]


class RemoveClosureForm(forms.Form):
    closure = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, place: PlacePage, **kwargs):
        self.place = place
        super().__init__(*args, **kwargs)

    def clean_closure(self):
        pk = self.cleaned_data["closure"]
        if not self.place.closures.filter(pk=pk).exists():
            raise forms.ValidationError(_("Cette fermeture n'existe plus."))
        return pk

    def apply(self, page: PlacePage) -> None:
        page.closures = [c for c in page.closures.all() if c.pk != self.cleaned_data["closure"]]


class ContactsForm(forms.Form):
    phone = forms.CharField(
        label=_("Téléphone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("Courriel"), required=False)

    def __init__(self, *args, place: PlacePage, **kwargs):
        initial = {"phone": place.phone, "email": place.email}
        super().__init__(*args, initial=initial, **kwargs)

    def apply(self, page: PlacePage) -> None:
        page.phone = self.cleaned_data["phone"].strip()
        page.email = self.cleaned_data["email"]


class DescriptionForm(forms.Form):
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Une ligne vide entre deux paragraphes. Le gras et les liens sont retirés."),
    )

    def __init__(self, *args, place: PlacePage, **kwargs):
        initial = {"description": description_text(place)}
        super().__init__(*args, initial=initial, **kwargs)

    def apply(self, page: PlacePage) -> None:
        page.description = description_html(self.cleaned_data["description"])


class AccessForm(forms.Form):
    access_details = forms.CharField(
        label=_("Précisions sur l'accès"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args, place: PlacePage, **kwargs):
        initial = {"access_details": place.access_details}
        super().__init__(*args, initial=initial, **kwargs)

    def apply(self, page: PlacePage) -> None:
        page.access_details = self.cleaned_data["access_details"].strip()


# Each form by the POST's `action`, and the section that allows it.
FORMS = {
    "hours": ("hours", HoursForm),
    "closure_add": ("closures", ClosureForm),
    "closure_remove": ("closures", RemoveClosureForm),
    "contacts": ("contacts", ContactsForm),
    "description": ("description", DescriptionForm),
    "access": ("access", AccessForm),
}
