"""Links e-mailed to organisers: they lead into the admin, in its own language."""

from django.urls import path

from organisers.freshness_views import confirm_listing
from organisers.views import accept_invitation

urlpatterns = [
    path(
        "organisateurs/invitation/<str:token>/",
        accept_invitation,
        name="organisers_accept",
    ),
    path(
        "organisateurs/lieux/confirmer/<str:token>/",
        confirm_listing,
        name="organisers_confirm_listing",
    ),
]
