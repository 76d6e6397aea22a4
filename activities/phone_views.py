"""The registration form's phone number and texts, and the page where a family types the code
texted to them (activities.phone_codes).

The number is read in the place's country (core.phones) and kept in E.164. A family with no
e-mail address gets texts: registered by phone alone, their number is checked by its code
before the seat is theirs, so that invented numbers hold no seat for long.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from activities.models import Registration
from activities.phone_codes import Outcome, check_code, pending_check, start_check
from activities.registration_links import registration_for_token, token_for
from activities.texts_in_language import activity_text
from core.absolute import absolute_url
from core.clients import held_back
from core.content_languages import content_of, content_query
from core.phones import BadNumber, read_phone


def clean_contact(form, cleaned_data: dict) -> dict:
    """E-mail, number and texts together: an address, or texts to a mobile number (or, where
    the organiser takes registrations by phone, a number: texts then)."""
    if "email" in form.errors or "phone" in form.errors:
        return cleaned_data
    email = cleaned_data.get("email")
    typed = (cleaned_data.get("phone") or "").strip()
    texts = bool(cleaned_data.get("texts"))
    phone_only = not email
    if phone_only and not texts and not (form.phone_allowed and typed):
        if form.phone_allowed:
            form.add_error("email", _("Donnez un courriel ou un numéro de téléphone."))
        else:
            form.add_error(
                "email", _("Donnez un courriel, ou choisissez les SMS avec votre numéro de GSM.")
            )
        return cleaned_data
    if texts and not typed:
        form.add_error("phone", _("Donnez le numéro de GSM où recevoir les SMS."))
        return cleaned_data
    if typed:
        try:
            cleaned_data["phone"] = read_phone(typed, form.region, mobile=texts or phone_only)
        except BadNumber as error:
            form.add_error("phone", str(error))
            return cleaned_data
    # Without an address, the family is told by text, and confirms the number by its code.
    cleaned_data["texts"] = texts or phone_only
    return cleaned_data


def after_registration(registration: Registration, texts: bool, query: str = "") -> HttpResponse:
    """A new registration's next page: the code's when texts were chosen, else its own;
    `query` carries the note the registration's page shows (no e-mail left)."""
    token = token_for(registration)
    if texts and registration.phone and not registration.added_by_organiser:
        with transaction.atomic():
            Registration.objects.filter(pk=registration.pk).update(texts=True)
            registration.texts = True
            start_check(registration)
        return redirect(reverse("registration_code", args=[token]) + query)
    return redirect(reverse("registration", args=[token]) + query)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code reçu par SMS"),
        max_length=12,
        help_text=gettext_lazy("Les 6 chiffres du SMS que nous venons de vous envoyer."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("Le code a 6 chiffres."))
        return code


RATE_SCOPE = "registration-code"


@require_http_methods(["GET", "POST"])
def registration_code(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    if pending_check(registration) is None:
        return redirect("registration", token=token)
    occurrence = registration.occurrence
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "activity": occurrence.activity,
        # The activity's texts in the language the family reads them (`?content=ar`).
        "texts": activity_text(occurrence.activity, content_of(request)),
        "place": occurrence.place,
        "minutes": settings.SMS["hold_minutes"],
    }
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if held_back(request, form, RATE_SCOPE, settings.ACTIVITIES["registration_rate"]):
            status = 429
        elif form.is_valid():
            outcome, left = check_code(registration, form.cleaned_data["code"], absolute_url("/"))
            if outcome == Outcome.CONFIRMED:
                return redirect(reverse("registration", args=[token]) + content_query(request))
            if outcome == Outcome.RELEASED:
                context["kept_registration"] = bool(registration.email)
                return TemplateResponse(
                    request, "activities/registration_code_released.html", context, status=410
                )
            form.add_error(
                "code",
                ngettext(
                    "Ce n'est pas le bon code. Encore %(left)d essai.",
                    "Ce n'est pas le bon code. Encore %(left)d essais.",
                    left,
                )
                % {"left": left},
            )
            status = 400
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, "activities/registration_code.html", context, status=status)
