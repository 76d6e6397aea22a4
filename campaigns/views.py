"""The page an organiser answers a campaign request on, from the e-mailed signed link (or from
their admin home, which builds the same link): made for a phone; only the campaign's sections,
each with its current values, a small form to change them (published at once, campaigns.answers)
and, at the end, « Tout est juste » (the place verified today).

A tampered link, or one that is not (or no longer) the organiser's, is a 404; a link of a
campaign that ended (or has not begun) is a 410 saying so. A form with errors answers 400, the
errors beside their fields and named at the top; a place whose draft waits for approval, 409."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaigns.answers import confirmed, edited, has_draft, publish_change
from campaigns.forms import FORMS, RemoveClosureForm
from campaigns.links import Refusal, request_of_token
from campaigns.models import Section
from directory.models import PlacePage


def _forms_of(section: str) -> list[str]:
    return [action for action, (owner, _cls) in FORMS.items() if owner == section]


def _sections(place: PlacePage, sections: list[str], bound: tuple[str, object] | None):
    today = timezone.localdate()
    shown = []
    for section in (s for s in Section.values if s in sections):
        forms = {}
        for action in _forms_of(section):
            if action == "closure_remove":
                continue
            _owner, form_class = FORMS[action]
            if bound and bound[0] == action:
                forms[action] = bound[1]
            else:
                forms[action] = form_class(place=place, auto_id=f"id_{action}_%s")
        shown.append(
            {
                "key": section,
                "label": Section(section).label,
                "forms": forms,
                "closures": list(place.closures.filter(end_date__gte=today))
                if section == Section.CLOSURES
                else [],
                "hours": list(place.opening_hours.all()) if section == Section.HOURS else [],
            }
        )
    return shown


def _invalid(request, refusal: Refusal):
    status = 410 if refusal is Refusal.CLOSED else 404
    return TemplateResponse(
        request,
        "campaigns/answer_invalid.html",
        {"closed": refusal is Refusal.CLOSED},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token: str):
    found = request_of_token(token)
    if isinstance(found, Refusal):
        return _invalid(request, found)
    campaign_request, organiser = found
    campaign = campaign_request.campaign
    place = PlacePage.objects.get(pk=campaign_request.place_id)
    bound = None
    status = 200
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        allowed = action in FORMS and FORMS[action][0] in campaign.sections
        if action == "confirm":
            confirmed(campaign_request, organiser)
            messages.success(request, _("Merci : la fiche est confirmée à la date d'aujourd'hui."))
            return redirect(request.path)
        if not allowed:
            status, error = 400, _("Cette rubrique n'est pas demandée par la campagne.")
        elif has_draft(place):
            status = 409
            error = _(
                "Une modification de la fiche attend la validation du personnel ONE : "
                "elle ne peut pas être changée ici avant. Vous pouvez confirmer le reste."
            )
        else:
            section, form_class = FORMS[action]
            form = form_class(request.POST, place=place, auto_id=f"id_{action}_%s")
            if form.is_valid():
                publish_change(place.pk, organiser, form)
                edited(campaign_request, organiser, section)
                messages.success(
                    request, _("C'est publié : les familles le voient dès maintenant.")
                )
                return redirect(request.path)
            bound, status = (action, form), 400
            if action == "closure_remove":
                error = _("Cette fermeture n'existe plus.")
    context = {
        "campaign": campaign,
        "campaign_request": campaign_request,
        "place": place,
        "sections": _sections(place, campaign.sections, bound),
        "remove_form": RemoveClosureForm(place=place),
        "error": error,
        "draft": has_draft(place),
    }
    return TemplateResponse(request, "campaigns/answer.html", context, status=status)
