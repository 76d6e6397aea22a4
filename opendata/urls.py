from django.urls import path

from opendata.views import open_data_page
from opendata.widget import widget
from opendata.widget_page import widget_page

# The page only: rencontres/urls.py serves the dump's files outside the language prefixes.
urlpatterns = [
    path("donnees-ouvertes/", open_data_page, name="open_data"),
    path("donnees-ouvertes/widget/", widget_page, name="widget_page"),
    path("widget/", widget, name="widget"),
]
