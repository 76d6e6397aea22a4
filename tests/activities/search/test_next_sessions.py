"""The places API's `next_activity`: the correlated look-up only for places with sessions."""

from wagtail.models import PageViewRestriction

from activities.listing import next_sessions_by_place
from activities.models import Occurrence
from directory.models import PlacePage


def test_places_without_sessions_cost_one_query(activity_world, db, django_assert_num_queries):
    with_sessions = activity_world["matinee"].occurrences.first().place_id
    without = list(
        PlacePage.objects.exclude(occurrences__isnull=False).values_list("pk", flat=True)
    )
    assert without
    with django_assert_num_queries(1):
        assert next_sessions_by_place(without) == {}
    # The look-up, Wagtail's view restrictions, the correlated query, the sessions.
    with django_assert_num_queries(4):
        found = next_sessions_by_place([with_sessions, *without])
    assert list(found) == [with_sessions]
    assert found[with_sessions] == activity_world["matinee"].occurrences.order_by("start").first()


def test_a_private_activity_is_never_the_next_session(activity_world, db):
    matinee = activity_world["matinee"]
    place_id = matinee.occurrences.first().place_id
    assert next_sessions_by_place([place_id])[place_id].activity_id == matinee.pk
    PageViewRestriction.objects.create(page=matinee, restriction_type="password", password="x")
    found = next_sessions_by_place([place_id])
    assert all(occurrence.activity_id != matinee.pk for occurrence in found.values())


def test_what_the_places_api_shows_of_next_sessions_costs_no_more_queries(
    activity_world, db, django_assert_num_queries
):
    """Only the fields a next session shows are read: a field read beyond them would cost a
    query per place."""
    from activities.wagtail_hooks import next_activities

    place_ids = list(PlacePage.objects.values_list("pk", flat=True))
    with django_assert_num_queries(4):
        shown = next_activities(place_ids)
    assert len(shown) > 1
    for place_id, item in shown.items():
        session = Occurrence.objects.get(pk=item["id"])
        assert session.place_id == place_id
        assert item["title"] == session.activity.title
        assert item["url"] == session.activity.url
        assert item["start"] == session.local_start.isoformat()
