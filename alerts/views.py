"""The alert's pages: the "Prévenez-moi" form's answer, the confirmation and the unsubscribe
links. The form is plain HTML (no script needed), with a honeypot field, CSRF and the
registrations' rate limit per client address."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts.queries import InvalidSearch, normalized, view_indexes
from alerts.subscriptions import alert_for_confirmation, confirm, keyed, subscribe, unsubscribe
from core.absolute import absolute_url
from core.clients import held_back
from core.recipients import ALREADY_SENT

# Its own counter: a family who registers is not held back for having set an alert.
RATE_SCOPE = "alert"


class AlertForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Votre courriel"), max_length=254)
    view = forms.CharField(max_length=20)
    query = forms.CharField(max_length=1000, required=False)
    # A field people never see (hidden by CSS, out of the tab order): bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Laissez ce champ vide"), required=False, max_length=200
    )

    @property
    def search_unreadable(self) -> bool:
        """The view and the query are hidden fields, copied from the map page: the visitor
        cannot correct them here, only search again."""
        return "view" in self.errors or "query" in self.errors

    def clean_view(self):
        view = self.cleaned_data["view"]
        if view not in view_indexes():
            raise forms.ValidationError(_("Cette recherche n'existe pas."))
        return view

    def clean(self):
        data = super().clean()
        if "view" in data and "query" in data:
            index = view_indexes()[data["view"]]
            try:
                data["query"] = normalized(index, QueryDict(data["query"]))
            except InvalidSearch as error:
                names = ", ".join(sorted(error.errors))
                self.add_error(
                    "query", _("Paramètres de recherche invalides : %(names)s.") % {"names": names}
                )
        return data


def _base_url(request: HttpRequest) -> str:
    return absolute_url("/")


# No CSRF token: the form is on the map page, which is then the same for every visitor and kept
# (core.kept). A forged subscription only sends a confirmation to the address given, as the
# form itself would; nothing is sent before the link is followed.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # An alert follows a search and a GET carries none (a reload after a refused form, a
        # typed address): the map page is where a search is made and its alert asked for.
        return redirect("wagtail_serve", "lieux/")
    form = AlertForm(request.POST)
    status = 400
    if held_back(request, form, RATE_SCOPE, settings.ALERTS["subscribe_rate"]):
        status = 429
    elif form.is_valid():
        data = form.cleaned_data
        if not data["website"]:
            subscribed = subscribe(
                data["email"],
                data["view"],
                data["query"],
                translation.get_language() or "fr",
                _base_url(request),
            )
            if subscribed.held:
                context = {"already_sent": ALREADY_SENT}
                return TemplateResponse(request, "alerts/already_sent.html", context)
        # A bot is answered as a family is, and nothing is kept.
        return redirect("alerts:pending")
    return TemplateResponse(request, "alerts/subscribe.html", {"form": form}, status=status)


def pending(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "alerts/pending.html", {})


@require_http_methods(["GET", "POST"])
def confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link shows a button: mail scanners that open links do not confirm for the family."""
    alert = alert_for_confirmation(token)
    if alert is None:
        return TemplateResponse(request, "alerts/link_expired.html", {}, status=404)
    if request.method == "POST":
        confirm(alert)
        return TemplateResponse(request, "alerts/confirmed.html", {"alert": alert})
    return TemplateResponse(request, "alerts/confirm.html", {"alert": alert})


# RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to the link, with no CSRF token;
# the link's unguessable key is what proves the right to end the alert.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, key: str) -> HttpResponse:
    if request.method == "POST":
        unsubscribe(key)
        return TemplateResponse(request, "alerts/unsubscribed.html", {})
    exists = keyed(key).exists()
    if not exists:
        return TemplateResponse(request, "alerts/unsubscribed.html", {})
    return TemplateResponse(request, "alerts/unsubscribe.html", {})
