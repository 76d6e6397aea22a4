"""A family answers a seat offered from the waiting list (activities.offers) through the signed
links of its e-mail or text: the link opens a page that asks once more with a button, so that a
mail client or a link preview opening it ahead answers nothing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from activities.offers import answer_offer
from activities.registration_links import manage_url, registration_for_offer_token

ANSWERS = {"accepter": True, "refuser": False}


@require_http_methods(["GET", "POST"])
def seat_offer(request: HttpRequest, token: str, answer: str = "accepter") -> HttpResponse:
    registration = registration_for_offer_token(token)
    if registration is None or answer not in ANSWERS:
        raise Http404
    accept = ANSWERS[answer]
    outcome = None
    if request.method == "POST":
        # The button pressed: the page offers both, the link's first.
        accept = ANSWERS.get(request.POST.get("answer", answer), accept)
        outcome = answer_offer(registration, accept, request.build_absolute_uri("/"))
        registration.refresh_from_db()
    occurrence = registration.occurrence
    return TemplateResponse(
        request,
        "activities/seat_offer.html",
        {
            "registration": registration,
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "place": occurrence.place,
            "accept": accept,
            "outcome": outcome,
            "manage_url": manage_url(registration, request.build_absolute_uri("/")),
        },
    )
