from django.urls import path

from organisers.views import accept_invitation

urlpatterns = [
    path(
        "organisateurs/invitation/<str:token>/",
        accept_invitation,
        name="organisers_accept",
    ),
]
