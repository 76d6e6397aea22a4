"""ONE staff's screens of a campaign: its participation table (per place and per territory),
« Lancer » (start it now), « Fait par le personnel » on a place after a phone call, and the CSV
export. Anyone else is refused (403); an unknown campaign or request is a 404."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from campaigns.access import is_campaign_manager
from campaigns.answers import done_by_staff
from campaigns.models import Campaign, CampaignRequest
from campaigns.participation import by_territory, header, requests_of, row, status_label
from campaigns.scope import start


def _campaign(request, pk: int) -> Campaign:
    if not is_campaign_manager(request.user):
        raise PermissionDenied
    return get_object_or_404(Campaign, pk=pk)


def participation(request, pk: int):
    campaign = _campaign(request, pk)
    requests = list(requests_of(campaign))
    context = {
        "page_title": _("Participation : %(name)s") % {"name": campaign.name},
        "header_icon": "tasks",
        "campaign": campaign,
        "rows": [(r, status_label(r.answer)) for r in requests],
        "territories": by_territory(requests),
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "campaigns/admin/participation.html", context)


@require_POST
def launch(request, pk: int):
    campaign = _campaign(request, pk)
    if campaign.started_at is not None or campaign.ended_at is not None:
        messages.error(request, _("Cette campagne est déjà lancée."))
    elif campaign.ends_on < timezone.localdate():
        messages.error(request, _("Cette campagne est déjà passée : changez sa date de fin."))
    else:
        asked = start(campaign)
        messages.success(
            request,
            ngettext(
                "Campagne lancée : %(count)s lieu interrogé.",
                "Campagne lancée : %(count)s lieux interrogés.",
                asked,
            )
            % {"count": asked},
        )
    return redirect("campaigns_participation", campaign.pk)


@require_POST
def mark_done(request, pk: int, request_id: int):
    campaign = _campaign(request, pk)
    campaign_request = get_object_or_404(
        CampaignRequest.objects.select_related("place"), pk=request_id, campaign=campaign
    )
    done_by_staff(campaign_request, request.user)
    messages.success(
        request,
        _("« %(place)s » : fait par le personnel.") % {"place": campaign_request.place.title},
    )
    return redirect("campaigns_participation", campaign.pk)


class _Echo:
    def write(self, value: str) -> str:
        return value


def export(request, pk: int):
    """The table as CSV, streamed a row at a time, headers in the user's language."""
    campaign = _campaign(request, pk)
    writer = csv.writer(_Echo())
    language = translation.get_language()

    def lines():
        # Read after the view has returned: in the language the request asked for.
        with translation.override(language):
            # The byte-order mark makes spreadsheet programs read the file as UTF-8.
            yield "\ufeff" + writer.writerow(header())
            for campaign_request in requests_of(campaign).iterator(chunk_size=500):
                yield writer.writerow(row(campaign_request))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    filename = f"campagne-{campaign.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
