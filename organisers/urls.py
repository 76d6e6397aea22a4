from django.urls import path

from organisers.freshness_views import confirm_listing
from organisers.report_views import report_problem, report_thanks
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
    path("signaler/<int:page_id>/", report_problem, name="report_problem"),
    path("signaler/<int:page_id>/merci/", report_thanks, name="report_problem_thanks"),
]
