"""Families register to a session, and see or cancel their registration through the signed
link they receive by e-mail. A honeypot field and a per-address rate limit keep bots out."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from activities.choices import RegistrationStatus
from activities.cycles import anchor_of, cycle_dates, cycle_sessions
from activities.family_fields import clean_family, family_fields
from activities.models import ActivityPage
from activities.phone_codes import pending_check, release_expired
from activities.phone_views import after_registration, clean_contact
from activities.registration_links import offer_url, registration_for_token
from activities.registrations import (
    Family,
    RegistrationClosed,
    accepts_registrations,
    cancel,
    register,
)
from activities.routing import public_page_at
from activities.texts_in_language import activity_text
from core.absolute import absolute_url
from core.clients import held_back
from core.content_languages import CONTENT_PARAMETER, content_of, content_query


class TelInput(forms.TextInput):
    input_type = "tel"


class RegistrationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Votre nom"), max_length=120)
    email = forms.EmailField(
        label=gettext_lazy("Votre courriel"),
        help_text=gettext_lazy("Pour la confirmation et le lien d'annulation."),
    )
    phone = forms.CharField(
        label=gettext_lazy("Téléphone (facultatif)"),
        max_length=40,
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    texts = forms.BooleanField(
        label=gettext_lazy("Recevoir les messages par SMS"),
        required=False,
        help_text=gettext_lazy(
            "Confirmation, rappel la veille, séance annulée ou changée. Un code vous est envoyé "
            "par SMS pour vérifier le numéro."
        ),
    )
    children_count, children_ages, adults_count = family_fields().values()
    consent = forms.BooleanField(label="")
    # A field people never see (hidden by CSS, out of the tab order): bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Laissez ce champ vide"), required=False, max_length=200
    )

    def __init__(
        self,
        *args,
        retention_days: int,
        activity,
        phone_allowed: bool = False,
        region: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.phone_allowed = phone_allowed
        self.region = region
        # Given or not, checked in `clean`: texts alone will do.
        self.fields["email"].required = False
        if phone_allowed:
            # The organiser takes registrations by phone: an e-mail address or a number will do.
            self.fields["email"].required = False
            self.fields["email"].label = _("Votre courriel (ou votre téléphone)")
            self.fields["email"].help_text = _(
                "Avec un courriel, vous recevez la confirmation, le lien d'annulation et les "
                "changements ; sans courriel, le lieu vous prévient par téléphone."
            )
            self.fields["phone"].label = _("Téléphone")
        self.fields["consent"].label = _(
            "J'accepte que ces données servent à gérer mon inscription ; elles sont supprimées "
            "%(days)d jours après la séance."
        ) % {"days": retention_days}
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        return clean_family(self, clean_contact(self, super().clean()), self.activity)


RATE_SCOPE = "registration"
# The query flag of a registration's page whose confirmation was not e-mailed (core.recipients).
MAIL_HELD = "courriel-retenu"


def _base_url(request: HttpRequest) -> str:
    return absolute_url("/")


def _activity_at(request: HttpRequest, page_path: str) -> ActivityPage:
    page = public_page_at(request, page_path)
    if not isinstance(page, ActivityPage):
        raise Http404
    return page


@require_http_methods(["GET", "POST"])
def registration_form(request: HttpRequest, page_path: str, occurrence_id: int) -> HttpResponse:
    activity = _activity_at(request, page_path)
    occurrence = get_object_or_404(
        activity.occurrences.select_related("activity", "place__commune", "closure"),
        pk=occurrence_id,
    )
    cycle = None
    if occurrence.activity.is_cycle:
        # One registration for the whole cycle, made to its first session.
        cycle = cycle_dates(cycle_sessions(occurrence.activity_id).select_related("place"))
        occurrence = anchor_of(occurrence)
    content = content_of(request)
    context = {
        "page": activity,
        "activity": activity,
        # The activity's texts in the language the family reads them (`?content=ar`).
        "texts": activity_text(activity, content),
        "link_query": content_query(request),
        "occurrence": occurrence,
        "place": occurrence.place,
        "cycle": cycle,
    }
    if not accepts_registrations(occurrence):
        return TemplateResponse(request, "activities/registration_closed.html", context)
    retention = settings.ACTIVITIES["retention_days"]
    form = RegistrationForm(
        request.POST or None,
        retention_days=retention,
        activity=activity,
        phone_allowed=activity.phone_registration,
        region=occurrence.place.country,
    )
    status = 200
    if request.method == "POST":
        if held_back(request, form, RATE_SCOPE, settings.ACTIVITIES["registration_rate"]):
            status = 429
        elif form.is_valid():
            if form.cleaned_data["website"]:
                # A bot: answered as if registered, and nothing is kept.
                return TemplateResponse(request, "activities/registration_thanks.html", context)
            family = Family.from_form(form.cleaned_data)
            release_expired(occurrence_id=occurrence.pk)
            try:
                registered = register(occurrence.pk, family, _base_url(request))
            except RegistrationClosed:
                return TemplateResponse(request, "activities/registration_closed.html", context)
            if not registered.created:
                # Not the registration's page: whoever typed someone's address must not see it.
                # Its link goes again to the address it was made with.
                context["already_registered"] = True
                context["no_email"] = not registered.registration.email
                context["already_sent"] = not registered.told
                return TemplateResponse(request, "activities/registration_thanks.html", context)
            # The page then says that no e-mail left (only a note: a forged flag shows no more),
            # in the language the family reads the texts in.
            query = {MAIL_HELD: "1"} if not registered.told else {}
            if content:
                query[CONTENT_PARAMETER] = content
            return after_registration(
                registered.registration,
                form.cleaned_data["texts"],
                f"?{urlencode(query)}" if query else "",
            )
        else:
            status = 400
    context["form"] = form
    context["remaining"] = occurrence.remaining_places()
    return TemplateResponse(request, "activities/registration_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """What the e-mailed link opens: the registration, and a button to cancel it."""
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    if pending_check(registration) is not None:
        return redirect("registration_code", token=token)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        cancel(registration, _base_url(request))
        return redirect(reverse("registration", args=[token]) + content_query(request))
    occurrence = registration.occurrence
    return TemplateResponse(
        request,
        "activities/registration.html",
        {
            "registration": registration,
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "texts": activity_text(occurrence.activity, content_of(request)),
            "link_query": content_query(request),
            "place": occurrence.place,
            "waiting_rank": registration.waiting_rank(),
            "accept_url": offer_url(registration, _base_url(request), "accepter")
            if registration.status == RegistrationStatus.OFFERED
            else "",
            "mail_held": request.GET.get(MAIL_HELD) == "1"
            and registration.status != RegistrationStatus.CANCELLED,
        },
    )
