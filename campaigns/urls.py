"""The link e-mailed to organisers: outside the language prefixes, like the other links that
lead organisers (organisers/urls.py)."""

from django.urls import path

from campaigns.views import answer

urlpatterns = [path("organisateurs/campagne/<str:token>/", answer, name="campaigns_answer")]
