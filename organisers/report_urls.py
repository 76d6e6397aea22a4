"""The public "report a problem" pages, in the visitor's language (under /nl/ and /en/ too)."""

from django.urls import path

from organisers.report_views import report_problem, report_thanks

urlpatterns = [
    path("signaler/<int:page_id>/", report_problem, name="report_problem"),
    path("signaler/<int:page_id>/merci/", report_thanks, name="report_problem_thanks"),
]
