from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultipleChooserPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from campaigns import (
    admin_views,
    staff_panels,  # noqa: F401 (registers ONE staff's home panel)
)
from campaigns.access import MANAGE_PERMISSION
from campaigns.admin_forms import CampaignForm
from campaigns.links import answer_path
from campaigns.models import Campaign, CampaignRequest


class CampaignPermissionPolicy(ModelPermissionPolicy):
    """One permission, `manage_campaigns`, for every action on campaigns."""

    def _get_permission_codename(self, action):
        return MANAGE_PERMISSION.split(".")[1]


register_permission_policy(Campaign, CampaignPermissionPolicy(Campaign))


class CampaignCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ParticipationColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("campaigns_participation", args=[instance.pk]),
            _("Participation"),
        )


class CampaignViewSet(SnippetViewSet):
    """ONE staff's campaigns: made here, then started (on their first day, or « Lancer ») and
    followed from their participation table."""

    model = Campaign
    icon = "tasks"
    menu_label = _("Campagnes de mise à jour")
    menu_order = 228
    add_to_admin_menu = True
    copy_view_enabled = False
    add_view_class = CampaignCreateView
    create_template_name = "campaigns/admin/campaign_create.html"
    edit_template_name = "campaigns/admin/campaign_edit.html"
    list_display = ["name", "starts_on", "ends_on", ParticipationColumn("participation")]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("provinces"),
            MultipleChooserPanel(
                "communes",
                chooser_field_name="commune",
                heading=_("Communes"),
                label=_("commune"),
                help_text=_("Quelques communes, sans toute leur province."),
            ),
            FieldPanel("sections"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        ],
        base_form_class=CampaignForm,
    )


register_snippet(CampaignViewSet)


@hooks.register("register_admin_urls")
def campaigns_admin_urls():
    return [
        path(
            "campagnes/<int:pk>/participation/",
            admin_views.participation,
            name="campaigns_participation",
        ),
        path(
            "campagnes/<int:pk>/participation.csv",
            admin_views.export,
            name="campaigns_export",
        ),
        path("campagnes/<int:pk>/lancer/", admin_views.launch, name="campaigns_launch"),
        path(
            "campagnes/<int:pk>/demandes/<int:request_id>/fait/",
            admin_views.mark_done,
            name="campaigns_mark_done",
        ),
    ]


@hooks.register("organiser_attention_items")
def open_requests(user, place_ids):
    """The organiser's open campaign requests, each to their own answer page (one query)."""
    requests = (
        CampaignRequest.objects.filter(
            place_id__in=place_ids,
            answer="",
            campaign__in=Campaign.objects.open_on(timezone.localdate()),
        )
        .select_related("campaign", "place")
        .order_by("campaign__ends_on", "place__title")
    )
    return [
        {
            "label": _("« %(place)s » : %(campaign)s, à vérifier avant le %(day)s")
            % {
                "place": r.place.title,
                "campaign": r.campaign.name,
                "day": r.campaign.ends_on.strftime("%d/%m/%Y"),
            },
            "url": answer_path(r.pk, user.pk),
        }
        for r in requests
    ]
