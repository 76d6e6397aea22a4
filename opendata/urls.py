from django.urls import path

from opendata.views import dump_file, open_data_page

urlpatterns = [
    path("donnees-ouvertes/", open_data_page, name="open_data"),
    path("donnees-ouvertes/<str:name>", dump_file, name="open_data_file"),
]
