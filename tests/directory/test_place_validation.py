"""A place's objectives must belong to its programmes; the editor is told which one does not."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.admin_forms import place_form_data
from tests.factories import PlacePageFactory, objective, programme


def test_objective_of_another_programme_is_refused_by_name(commune):
    place = PlacePageFactory.build(commune=commune)
    place.programmes.set([programme("lieux-rencontre-enfants-parents")])
    place.objectives.set([objective("passerelles"), objective("maintien-du-lien")])
    with pytest.raises(ValidationError) as caught:
        place.clean()
    messages = caught.value.message_dict["objectives"]
    assert messages == [
        "L'objectif « Maintien ou reprise du lien » n'appartient à aucun programme de ce lieu."
    ]


def test_objectives_of_the_place_programmes_are_accepted(commune):
    place = PlacePageFactory.build(commune=commune)
    place.programmes.set(
        [programme("lieux-rencontre-enfants-parents"), programme("espaces-de-rencontre")]
    )
    place.objectives.set([objective("passerelles"), objective("maintien-du-lien")])
    place.clean()


def test_age_range_must_be_ordered(commune):
    place = PlacePageFactory.build(commune=commune, age_min_months=36, age_max_months=12)
    with pytest.raises(ValidationError) as caught:
        place.clean()
    assert "age_max_months" in caught.value.message_dict


def test_admin_editor_shows_the_refused_objective(admin_client, place):
    foreign = objective("suivi-preventif")
    data = place_form_data(place, **{"action-publish": "1"})
    data["objectives"] = [str(objective("passerelles").pk), str(foreign.pk)]
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[place.pk]), data)
    assert response.status_code == 200
    assert "Suivi préventif de l&#x27;enfant" in response.content.decode() or (
        "Suivi préventif de l'enfant" in str(response.context["form"].errors["objectives"])
    )
    assert "n&#x27;appartient à aucun programme" in response.content.decode()
    place.refresh_from_db()
    assert [o.slug for o in place.objectives.all()] == ["passerelles"]
