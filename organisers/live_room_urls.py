"""The team's live room page reached by the place's signed link, in each language."""

from django.urls import path

from organisers.live_room import room_by_link

urlpatterns = [
    path("equipe/salle/<str:token>/", room_by_link, name="organisers_live_room_link"),
]
