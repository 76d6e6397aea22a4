"""The link e-mailed to an invited professional: it leads into the admin, in its language."""

from django.urls import path

from orientations.invitation_views import accept_invitation

urlpatterns = [
    path(
        "professionnels/invitation/<str:token>/",
        accept_invitation,
        name="orientations_accept",
    ),
]
