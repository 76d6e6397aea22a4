from django.urls import path

from objectives import views

app_name = "objectives"

urlpatterns = [
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
    path("objectifs/<slug:slug>/", views.objective_detail, name="objective"),
]
