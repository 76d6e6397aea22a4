"""ONE staff's « Qualité des fiches »: the provinces' and départements' averages, and the worst
listings of one of them (or of all) with what they miss, one click to each editor."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.quality import LOW, RULES
from projects.access import can_view_coverage
from projects.listing_quality import WORST_SHOWN, territories, todo_text, worst


class TerritoryForm(forms.Form):
    territory = forms.ChoiceField(required=False, label=gettext_lazy("Province ou département"))

    def __init__(self, data, known, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["territory"].choices = [
            ("", _("Toutes")),
            *((t.code, f"{t.name} ({t.country})") for t in known if t.code),
        ]


def quality_view(request):
    if not can_view_coverage(request.user):
        raise PermissionDenied
    known = territories()
    form = TerritoryForm(request.GET or None, known)
    valid = form.is_valid() if form.is_bound else True
    territory = (form.cleaned_data.get("territory") or None) if form.is_bound and valid else None
    rows = [
        {"record": record, "quality": quality, "todo": todo_text(quality)}
        for record, quality in worst(territory)
    ]
    context = {
        "page_title": _("Qualité des fiches"),
        "header_icon": "tasks",
        "form": form,
        "territories": known,
        "territory": next((t for t in known if t.code == territory), None),
        "rows": rows,
        "low": LOW,
        "shown": WORST_SHOWN,
        "rules": RULES,
    }
    return TemplateResponse(
        request, "projects/admin/quality.html", context, status=200 if valid else 400
    )
