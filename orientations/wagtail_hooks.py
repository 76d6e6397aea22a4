from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button

from core.admin import register_restricted_menu_item
from directory.extensions import PLACE_PAGE_SECTIONS
from directory.models import PlacePage
from organisers.home import ATTENTION_ITEMS
from orientations import (
    counts,
    home,
    invitation_views,
    place_views,
    professional_views,
    staff_panels,  # noqa: F401 (registers ONE staff's home panel)
)
from orientations.access import (
    answerable_place_ids,
    can_invite_from,
    can_set_up,
    invites_professionals,
    is_professional,
    sees_counts,
)
from orientations.models import Orientation, PlaceOrientationSettings


@hooks.register("register_admin_urls")
def orientations_admin_urls():
    return [
        path("orientations/", professional_views.sent_list, name="orientations_sent"),
        path("orientations/<int:pk>/", professional_views.sent_one, name="orientations_sent_one"),
        path(
            "orientations/lieux/<int:place_id>/orienter/",
            professional_views.new_orientation,
            name="orientations_new",
        ),
        path("orientations/recues/", place_views.received_list, name="orientations_received"),
        path(
            "orientations/recues/<int:pk>/",
            place_views.received_one,
            name="orientations_received_one",
        ),
        path(
            "orientations/lieux/<int:place_id>/reglages/",
            place_views.place_settings,
            name="orientations_place_settings",
        ),
        path(
            "orientations/professionnels/inviter/",
            invitation_views.invite_professional,
            name="orientations_invite",
        ),
        path(
            "orientations/lieux/<int:place_id>/inviter/",
            invitation_views.invite_professional,
            name="orientations_invite_from_place",
        ),
        path("orientations/chiffres/", counts.counts, name="orientations_counts"),
    ]


@hooks.register("register_page_header_buttons")
def place_orientation_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, PlacePage):
        return
    if can_set_up(user, page.pk):
        yield Button(
            _("Orientations"),
            reverse("orientations_place_settings", args=[page.pk]),
            icon_name="mail",
            priority=16,
        )
    if can_invite_from(user, page.pk):
        yield Button(
            _("Inviter un professionnel"),
            reverse("orientations_invite_from_place", args=[page.pk]),
            icon_name="user",
            priority=17,
        )


register_restricted_menu_item(
    _("Mes orientations"), "orientations_sent", is_professional, "mail", order=228
)
register_restricted_menu_item(
    _("Orientations reçues"),
    "orientations_received",
    lambda user: bool(answerable_place_ids(user)),
    "mail",
    order=229,
)
register_restricted_menu_item(
    _("Orientations en chiffres"), "orientations_counts", sees_counts, "table", order=230
)
register_restricted_menu_item(
    _("Inviter un professionnel"), "orientations_invite", invites_professionals, "user", order=231
)


def orient_button(place, request) -> str:
    """« Orienter une famille », for a professional only, on a place that takes orientations.
    A signed-in visitor's page is never kept (core.kept): nobody else is served it."""
    if not is_professional(request.user):
        return ""
    if not PlaceOrientationSettings.objects.filter(
        place_id=place.pk, takes_orientations=True
    ).exists():
        return ""
    return render_to_string(
        "orientations/place_section.html",
        {"url": reverse("orientations_new", args=[place.pk])},
        request=request,
    )


# High on the page's sections: a professional came for it.
hooks.register(PLACE_PAGE_SECTIONS, orient_button, order=5)


@hooks.register(ATTENTION_ITEMS)
def orientations_to_answer(user, place_ids):
    count = Orientation.objects.for_places(place_ids).unanswered().count()
    if not count:
        return []
    label = ngettext(
        "%(count)s orientation à traiter", "%(count)s orientations à traiter", count
    ) % {"count": count}
    return [{"label": label, "url": reverse("orientations_received")}]


hooks.register("construct_homepage_panels", home.orientation_panels)
