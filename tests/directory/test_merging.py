"""Merging a duplicate place: nothing of the merged place is lost (directory/merging.py)."""

from datetime import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from activities.choices import RegistrationStatus
from activities.models import Occurrence, Registration, RoomReport
from directory.merging import (
    MergeError,
    declare_place_relations,
    merge_places,
    place_relations,
    undeclared_relations,
)
from directory.models import DuplicateCandidate, PlacePage
from directory.models.duplicates import DuplicateStatus
from directory.roles import organiser_group
from organisers.models import ProblemReport
from orientations.models import Orientation
from projects.models import HealthParentingProject, ProjectPlace
from tests.factories import ActivityPageFactory, PlacePageFactory, publish, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(commune):
    kept = publish(PlacePageFactory(title="Les Petits Pas", commune=commune, phone="04 222 33 44"))
    merged = publish(
        PlacePageFactory(
            title="Les petits pas",
            slug="les-petits-pas-2",
            commune=commune,
            phone="+32 4 222 33 44",
        )
    )
    return kept, merged


def _registration(session, name: str) -> Registration:
    return Registration.objects.create(
        occurrence=session,
        name=name,
        children_count=1,
        children_ages="2",
        consent_at=timezone.now(),
        status=RegistrationStatus.CONFIRMED,
    )


def test_every_relation_to_a_place_is_declared():
    # A new model pointing at a place must say what a merge does with it (directory.merging).
    assert undeclared_relations() == []
    assert "activities.Occurrence.place" in place_relations()
    assert "projects.ProjectPlace.place" in place_relations()


def test_an_undeclared_relation_stops_the_merge(twins, monkeypatch):
    import directory.merging as merging

    monkeypatch.setattr(merging, "_RELATIONS", dict(merging._RELATIONS))
    del merging._RELATIONS["organisers.ProblemReport.place"]
    with pytest.raises(ImproperlyConfigured, match="organisers.ProblemReport.place"):
        merge_places(*twins)
    declare_place_relations({"organisers.ProblemReport.place": "move"})
    assert undeclared_relations() == []


def test_the_merge_keeps_every_registration_report_and_project_link(twins, django_user_model):
    kept, merged = twins
    staff = django_user_model.objects.create_user("staff")
    activity = publish(ActivityPageFactory(parent=merged, title="Matinée éveil"))
    start = timezone.make_aware(datetime(2026, 11, 5, 9, 30))
    past = session_of(activity, start)
    registrations = [_registration(past, "Awa"), _registration(past, "Lou")]
    room = RoomReport.objects.create(occurrence=past, state="free")
    problem = ProblemReport.objects.create(place=merged, page=merged, kind="other", language="fr")
    shared = HealthParentingProject.objects.create(name="Bien grandir")
    ProjectPlace.objects.create(project=shared, place=kept)
    ProjectPlace.objects.create(project=shared, place=merged)
    own = HealthParentingProject.objects.create(name="Massage bébé")
    ProjectPlace.objects.create(project=own, place=merged)
    orientation = Orientation.objects.create(place=merged, reason="isolement", consent=True)
    organiser = django_user_model.objects.create_user("orga")
    organiser.groups.add(organiser_group(merged))
    sessions = Occurrence.objects.filter(activity=activity).count()

    merge_places(kept, merged, by=staff)

    activity.refresh_from_db()
    assert activity.get_parent().pk == kept.pk
    assert Occurrence.objects.filter(activity=activity, place=kept).count() == sessions
    assert not Occurrence.objects.filter(place=merged).exists()
    for registration in registrations:
        registration.refresh_from_db()
        assert registration.occurrence.place_id == kept.pk
    assert Registration.objects.filter(occurrence__place=kept).count() == 2
    room.refresh_from_db()
    assert room.occurrence.place_id == kept.pk
    problem.refresh_from_db()
    assert (problem.place_id, problem.page_id) == (kept.pk, kept.pk)
    # Each project keeps a link to the kept place: none is lost, none is doubled.
    assert set(ProjectPlace.objects.filter(place=kept).values_list("project__name", flat=True)) == {
        "Bien grandir",
        "Massage bébé",
    }
    orientation.refresh_from_db()
    assert orientation.place_id == kept.pk
    assert organiser.groups.filter(pk=organiser_group(kept).pk).exists()

    merged = PlacePage.objects.get(pk=merged.pk)
    assert merged.replaced_by_id == kept.pk
    assert not merged.live
    assert PlacePage.objects.get(pk=kept.pk).live


def test_the_merge_moves_activities_whose_slug_the_kept_place_has(twins):
    kept, merged = twins
    publish(ActivityPageFactory(parent=kept, title="Atelier", slug="atelier"))
    moved = publish(ActivityPageFactory(parent=merged, title="Atelier", slug="atelier"))
    merge_places(kept, merged)
    moved.refresh_from_db()
    assert moved.get_parent().pk == kept.pk
    assert moved.slug == "atelier-2"
    assert moved.latest_revision.as_object().slug == "atelier-2"


def test_the_merged_address_redirects_permanently_to_the_kept_place(client, twins):
    kept, merged = twins
    old_url, kept_url = merged.url, kept.url
    merge_places(kept, merged)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(kept_url)
    dutch = client.get(f"/nl{old_url}")
    assert dutch.status_code == 301
    assert dutch["Location"].endswith(f"/nl{kept_url}")
    assert Redirect.objects.filter(redirect_page=kept, is_permanent=True).exists()


def test_the_pair_is_marked_merged_and_the_merged_place_other_pairs_closed(twins, commune):
    kept, merged = twins
    third = publish(PlacePageFactory(title="Les Petits Pas bis", commune=commune))
    first, second = sorted([kept.pk, merged.pk])
    DuplicateCandidate.objects.all().delete()
    pair = DuplicateCandidate.objects.create(
        first_id=first, second_id=second, score=0.9, found_by="publish"
    )
    a, b = sorted([merged.pk, third.pk])
    other = DuplicateCandidate.objects.create(first_id=a, second_id=b, score=0.9, found_by="import")
    merge_places(kept, merged)
    pair.refresh_from_db()
    other.refresh_from_db()
    assert (pair.status, pair.kept_id) == (DuplicateStatus.MERGED, kept.pk)
    assert other.status == DuplicateStatus.DISMISSED


def test_a_place_is_not_merged_twice_nor_into_itself(twins):
    kept, merged = twins
    with pytest.raises(MergeError):
        merge_places(kept, kept)
    merge_places(kept, merged)
    with pytest.raises(MergeError):
        merge_places(kept, PlacePage.objects.get(pk=merged.pk))
    assert Group.objects.exists()
