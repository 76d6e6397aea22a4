from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("alertes/", views.subscribe_view, name="subscribe"),
    path("alertes/envoyee/", views.pending, name="pending"),
    path("alertes/confirmer/<str:token>/", views.confirm_view, name="confirm"),
    path("alertes/desabonner/<str:key>/", views.unsubscribe_view, name="unsubscribe"),
]
