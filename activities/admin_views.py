"""Organisers' admin views for an activity: its sessions (cancel one with a reason, restore
it), and its registrations (list, CSV export). Only users who may edit the activity page get
in: an organiser sees the activities of their own place, nothing else."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from activities.choices import HOLDING_SEATS, RegistrationStatus
from activities.family_fields import clean_family, family_fields
from activities.models import ActivityPage, Occurrence, Registration
from activities.models.seats import seats_taken
from activities.occurrences import cancel_occurrence, restore_occurrence
from activities.presence import ticked_present
from activities.registrations import Family, RegistrationClosed, accepts_registrations, register
from core.absolute import absolute_url


class CancelForm(forms.Form):
    occurrence = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        max_length=300,
        help_text=gettext_lazy("Montré aux familles, par exemple : animatrice malade."),
    )


def editable_activity(request, page_id: int) -> ActivityPage:
    activity = get_object_or_404(ActivityPage, pk=page_id)
    if not activity.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return activity


def _occurrences(activity: ActivityPage):
    return (
        activity.occurrences.filter(end__gte=timezone.now())
        .select_related("place", "closure")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
            seats_taken=seats_taken(),
        )
        .order_by("start")
    )


@require_http_methods(["GET", "POST"])
def occurrences(request, page_id: int):
    activity = editable_activity(request, page_id)
    if request.method == "POST":
        occurrence = get_object_or_404(
            Occurrence, pk=request.POST.get("occurrence") or 0, activity=activity
        )
        if request.POST.get("action") == "restore":
            restore_occurrence(occurrence)
            messages.success(request, _("La séance est rétablie."))
            return redirect("activities_occurrences", page_id=activity.pk)
        form = CancelForm(request.POST)
        if form.is_valid():
            cancel_occurrence(occurrence, form.cleaned_data["reason"])
            messages.success(
                request, _("La séance est annulée ; elle reste affichée comme annulée.")
            )
            return redirect("activities_occurrences", page_id=activity.pk)
        messages.error(request, _("Donnez le motif de l'annulation."))
    return TemplateResponse(
        request,
        "activities/admin/occurrences.html",
        {
            "activity": activity,
            "occurrences": _occurrences(activity),
            "page_title": _("Séances de « %(title)s »") % {"title": activity.title},
            "header_icon": "date",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[activity.pk]),
        },
    )


def _registrations(activity: ActivityPage):
    """Each with `present`: ticked on its session's register (activities.presence)."""
    return (
        Registration.objects.filter(occurrence__activity=activity)
        .select_related("occurrence", "occurrence__place")
        .annotate(present=ticked_present())
        .order_by("occurrence__start", "status", "created_at", "pk")
    )


class PhonedFamilyForm(forms.Form):
    """A family who phoned the place, added by its organiser: a phone number or an address."""

    occurrence = forms.TypedChoiceField(label=gettext_lazy("Séance"), coerce=int)
    name = forms.CharField(label=gettext_lazy("Nom"), max_length=120)
    phone = forms.CharField(label=gettext_lazy("Téléphone"), max_length=40, required=False)
    email = forms.EmailField(
        label=gettext_lazy("Courriel (facultatif)"),
        required=False,
        help_text=gettext_lazy(
            "Avec un courriel, la famille reçoit la confirmation et les changements."
        ),
    )
    children_count, children_ages, adults_count = family_fields().values()

    def __init__(self, *args, sessions, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["occurrence"].choices = [
            (o.pk, timezone.localtime(o.start, o.place.time_zone).strftime("%d/%m/%Y %H:%M"))
            for o in sessions
        ]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("email") and not (cleaned_data.get("phone") or "").strip():
            self.add_error("phone", _("Donnez un numéro de téléphone ou un courriel."))
        return clean_family(self, cleaned_data, self.activity)


@require_http_methods(["GET", "POST"])
def add_family(request, page_id: int):
    """Organisers add a family who phoned, to a session of their own activity."""
    activity = editable_activity(request, page_id)
    sessions = [o for o in _occurrences(activity) if accepts_registrations(o)]
    form = PhonedFamilyForm(request.POST or None, sessions=sessions, activity=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        family = Family.from_form(data)
        try:
            registered = register(data["occurrence"], family, absolute_url("/"), by_organiser=True)
        except RegistrationClosed:
            messages.error(request, _("Cette séance ne prend plus d'inscription."))
        else:
            if not registered.created:
                messages.warning(request, _("Cette famille est déjà inscrite à la séance."))
            elif registered.registration.status == RegistrationStatus.WAITING:
                messages.success(request, _("La séance est complète : la famille est en attente."))
            else:
                messages.success(request, _("La famille est inscrite."))
            return redirect("activities_registrations", page_id=activity.pk)
    return TemplateResponse(
        request,
        "activities/admin/add_family.html",
        {
            "activity": activity,
            "form": form,
            "page_title": _("Ajouter une famille à « %(title)s »") % {"title": activity.title},
            "header_icon": "user",
            "registrations_url": reverse("activities_registrations", args=[activity.pk]),
        },
        status=400 if form.errors else 200,
    )


def registrations(request, page_id: int):
    """Who registered to the activity's sessions (organisers of its place, and ONE staff): the
    seats each family takes, the seats offered from the waiting list (until when, answered),
    and the presence to tick."""
    activity = editable_activity(request, page_id)
    unit = activity.capacity_unit
    by_session: dict[int, dict] = {}
    for registration in _registrations(activity):
        group = by_session.setdefault(
            registration.occurrence_id,
            {"occurrence": registration.occurrence, "rows": [], "taken": 0, "present": 0},
        )
        registration.seat_count = registration.seats(unit)
        if registration.status in HOLDING_SEATS:
            group["taken"] += registration.seat_count
        if registration.status == RegistrationStatus.CONFIRMED and registration.present:
            group["present"] += 1
        group["rows"].append(registration)
    return TemplateResponse(
        request,
        "activities/admin/registrations.html",
        {
            "activity": activity,
            "sessions": list(by_session.values()),
            "page_title": _("Inscriptions à « %(title)s »") % {"title": activity.title},
            "header_icon": "group",
            "csv_url": reverse("activities_registrations_csv", args=[activity.pk]),
            "occurrences_url": reverse("activities_occurrences", args=[activity.pk]),
            "add_family_url": reverse("activities_add_family", args=[activity.pk]),
            "presence_url": reverse("activities_presence", args=[activity.pk]),
        },
    )


CSV_COLUMNS = [
    ("session", gettext_lazy("séance")),
    ("status", gettext_lazy("statut")),
    ("name", gettext_lazy("nom")),
    ("email", gettext_lazy("courriel")),
    ("phone", gettext_lazy("téléphone")),
    ("children_count", gettext_lazy("enfants")),
    ("children_ages", gettext_lazy("âges")),
    ("adults_count", gettext_lazy("adultes")),
    ("seats", gettext_lazy("places")),
    ("offer", gettext_lazy("place proposée jusqu'au")),
    ("offer_answer", gettext_lazy("réponse")),
    ("present", gettext_lazy("présente")),
    ("created_at", gettext_lazy("inscrite le")),
]


def _csv_cell(value: str) -> str:
    # A cell starting with =, +, - or @ would be run as a formula by a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _local(moment, occurrence) -> str:
    return timezone.localtime(moment, occurrence.place.time_zone).strftime("%Y-%m-%d %H:%M")


def registrations_csv(request, page_id: int) -> HttpResponse:
    activity = editable_activity(request, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscriptions-{activity.pk}.csv"'
    response.write("\ufeff")  # spreadsheets read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for registration in _registrations(activity):
        occurrence = registration.occurrence
        offer_until = registration.offer_expires_at
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    occurrence.local_start.strftime("%Y-%m-%d %H:%M"),
                    registration.get_status_display(),
                    registration.name,
                    registration.email,
                    registration.phone,
                    str(registration.children_count),
                    registration.children_ages,
                    str(registration.adults_count),
                    str(registration.seats(activity.capacity_unit)),
                    _local(offer_until, occurrence) if offer_until else "",
                    registration.get_offer_answer_display(),
                    _("oui") if registration.present else "",
                    timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                )
            ]
        )
    return response
