"""ONE staff's home panel of this app (core.staff_home): the running update campaigns, the
soonest to end first, each with how many of the places asked have answered and a link to its
participation table. Two queries whatever the number of campaigns and requests."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from campaigns.access import is_campaign_manager
from campaigns.models import Campaign
from core.staff_home import ROWS_SHOWN, STAFF_HOME_PANELS, StaffPanel, StaffRow


@hooks.register(STAFF_HOME_PANELS)
def running_campaigns(request) -> StaffPanel | None:
    if not is_campaign_manager(request.user):
        return None
    running = Campaign.objects.open_on(timezone.localdate())
    count = running.count()
    # Both counts in the same query: a request is answered once `answer` is set.
    campaigns = running.annotate(
        asked=Count("requests"), answered=Count("requests", filter=~Q(requests__answer=""))
    ).order_by("ends_on", "name", "pk")[:ROWS_SHOWN]
    rows = [
        StaffRow(
            campaign.name,
            reverse("campaigns_participation", args=[campaign.pk]),
            _("répondu %(answered)s / %(asked)s")
            % {"answered": campaign.answered, "asked": campaign.asked},
        )
        for campaign in campaigns
    ]
    return StaffPanel(
        key="campaigns",
        title=_("Campagnes de mise à jour"),
        order=40,
        count=count,
        summary=ngettext(
            "%(count)s campagne en cours, celles qui se terminent le plus tôt d'abord :",
            "%(count)s campagnes en cours, celles qui se terminent le plus tôt d'abord :",
            count,
        )
        % {"count": count},
        empty=_("Aucune campagne en cours."),
        url=reverse("wagtailsnippets_campaigns_campaign:list"),
        url_label=_("Toutes les campagnes"),
        rows=rows,
    )
