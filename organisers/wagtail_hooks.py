from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from activities.extensions import ACTIVITY_PAGE_SECTIONS
from core.admin import register_restricted_menu_item
from directory.extensions import PLACE_ORGANISERS_IMPORTED, PLACE_PAGE_SECTIONS
from directory.models import PlacePage
from organisers import (
    admin_views,
    freshness_views,
    home,  # noqa: F401 (registers the dashboard panels)
    live_room,
    notice_views,
    report_admin,
    report_views,
    staff_panels,  # noqa: F401 (registers ONE staff's home panels)
    text_failures,
)
from organisers.access import can_invite_for, can_report_room_for, is_invitation_manager
from organisers.freshness import stale_attention_items
from organisers.home import ATTENTION_ITEMS
from organisers.invitations import invite_imported
from organisers.listing_quality import quality_attention_items
from organisers.models import Invitation
from organisers.reports import can_see_reports, open_count


class InvitationPermissionPolicy(ModelPermissionPolicy):
    """Invitations are made from a place (so that the e-mail leaves), never typed in as
    snippets: the listing only shows and revokes (deletes) them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "copy"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Invitation, InvitationPermissionPolicy(Invitation))


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations en attente")
    menu_order = 225
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["email", "place", "created_at", "expires_at", "invited_by"]
    list_filter = ["place"]
    search_fields = ["email"]

    def get_queryset(self, request):
        return Invitation.objects.pending().select_related("place", "invited_by")


register_snippet(InvitationViewSet)


@hooks.register("register_admin_urls")
def organisers_admin_urls():
    return [
        path(
            "organisateurs/lieux/<int:place_id>/",
            admin_views.place_organisers,
            name="organisers_place",
        ),
        path(
            "organisateurs/lieux/<int:place_id>/retirer/<int:user_id>/",
            admin_views.remove_member,
            name="organisers_remove_member",
        ),
        path(
            "organisateurs/invitations/<int:pk>/retirer/",
            admin_views.revoke_invitation,
            name="organisers_revoke_invitation",
        ),
        path(
            "organisateurs/lieux/<int:place_id>/confirmer/",
            freshness_views.confirm_place,
            name="organisers_confirm_place",
        ),
        path(
            "organisateurs/fiches-a-verifier/", freshness_views.stale_list, name="organisers_stale"
        ),
        path(
            "organisateurs/sms-non-remis/",
            text_failures.failed_texts_list,
            name="organisers_failed_texts",
        ),
        path(
            "avis/lieux/<int:place_id>/",
            notice_views.place_notices,
            name="organisers_place_notices",
        ),
        path(
            "avis/activites/<int:activity_id>/",
            notice_views.activity_notices,
            name="organisers_activity_notices",
        ),
        path(
            "avis/lieux/retirer/<int:pk>/",
            notice_views.remove_place_notice,
            name="organisers_remove_place_notice",
        ),
        path(
            "avis/activites/retirer/<int:pk>/",
            notice_views.remove_activity_notice,
            name="organisers_remove_activity_notice",
        ),
        path(
            "organisateurs/lieux/<int:place_id>/salle/",
            live_room.room_admin,
            name="organisers_live_room",
        ),
        path(
            "organisateurs/lieux/<int:place_id>/salle/nouveau-lien/",
            live_room.renew_team_link,
            name="organisers_renew_team_link",
        ),
        path("signalements/", report_admin.report_list, name="organisers_reports"),
        path("signalements/<int:pk>/", report_admin.report_detail, name="organisers_report"),
        path("frequentation/", admin_views.head_counts, name="organisers_head_counts"),
        path(
            "frequentation/seances/<int:occurrence_id>/",
            admin_views.head_count,
            name="organisers_head_count",
        ),
    ]


@hooks.register("register_page_header_buttons")
def place_organisers_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, PlacePage) and can_invite_for(user, page.pk):
        yield Button(
            _("Organisateurs"),
            reverse("organisers_place", args=[page.pk]),
            icon_name="group",
            priority=14,
        )


@hooks.register("register_page_header_buttons")
def place_live_room_button(page, user, view_name, next_url=None):
    """The team's live room page and its link, from the place's editor."""
    if isinstance(page.specific_deferred, PlacePage) and can_report_room_for(user, page.pk):
        yield Button(
            _("État de la salle"),
            reverse("organisers_live_room", args=[page.pk]),
            icon_name="group",
            priority=15,
        )


hooks.register(PLACE_ORGANISERS_IMPORTED, invite_imported)

hooks.register(ATTENTION_ITEMS, stale_attention_items)
hooks.register(ATTENTION_ITEMS, text_failures.attention_items)
hooks.register(ATTENTION_ITEMS, quality_attention_items)

register_restricted_menu_item(
    _("Fiches à vérifier"), "organisers_stale", is_invitation_manager, "time", order=226
)


# Last on the page: after the sessions and projects a family came for.
hooks.register(PLACE_PAGE_SECTIONS, report_views.section, order=90)
hooks.register(ACTIVITY_PAGE_SECTIONS, report_views.section, order=90)


@hooks.register(ATTENTION_ITEMS)
def open_reports(user, place_ids):
    count = open_count(place_ids)
    if not count:
        return []
    label = ngettext(
        "%(count)s signalement à traiter", "%(count)s signalements à traiter", count
    ) % {"count": count}
    return [{"label": label, "url": reverse("organisers_reports")}]


register_restricted_menu_item(
    _("Signalements"), "organisers_reports", can_see_reports, "warning", order=227
)
