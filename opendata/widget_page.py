"""The page that gives a partner its widget's snippet (`/donnees-ouvertes/widget/`): a commune or
postcode and a language chosen, the HTML to paste, and the widget itself as it will look."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from directory.search.index import PLACES
from opendata.widget import HEIGHT, query, snippet


class SnippetForm(forms.Form):
    near = forms.CharField(
        label=_("Commune ou code postal"),
        max_length=200,
        help_text=_("Les lieux les plus proches de ce point, et leurs séances, s'afficheront."),
    )
    language = forms.ChoiceField(
        label=_("Langue du widget"),
        choices=settings.LANGUAGES,
        help_text=_("Celle de la page où vous le placez."),
    )


@require_safe
def widget_page(request: HttpRequest) -> HttpResponse:
    asked = "near" in request.GET
    form = SnippetForm(
        request.GET if asked else None, initial={"language": translation.get_language()}
    )
    context: dict = {"form": form, "height": HEIGHT}
    if asked and form.is_valid():
        near, language = form.cleaned_data["near"], form.cleaned_data["language"]
        found = query(PLACES, {"near": near})
        if isinstance(found, dict):
            for message in found.get("near", []):
                form.add_error("near", message)
        else:
            circle = found.get("near")
            label = getattr(circle.place, "label", "") or near
            with translation.override(language):
                title = gettext("Lieux de rencontre enfants-parents près de %(near)s") % {
                    "near": label
                }
                preview = f"{reverse('widget')}?{urlencode({'near': near})}"
            context.update(snippet=snippet(near, language, title), preview_src=preview)
    status = 400 if asked and form.errors else 200
    return render(request, "opendata/widget_page.html", context, status=status)
