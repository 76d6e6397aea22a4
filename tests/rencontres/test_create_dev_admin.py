import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory


def log_in(username: str, password: str):
    # As the admin's login form does: django-axes counts the attempt against the request's client.
    request = RequestFactory().post("/admin/login/")
    return authenticate(request=request, username=username, password=password)


def run_command() -> tuple[str, str]:
    out = StringIO()
    call_command("create_dev_admin", stdout=out)
    text = out.getvalue()
    password = re.search(r"Password:\s+(\S+)", text).group(1)
    return text, password


def test_creates_a_superuser_and_prints_how_to_log_in(db, settings):
    settings.DEBUG = True
    text, password = run_command()
    assert "http://127.0.0.1:8000/admin/login/" in text
    assert re.search(r"Username:\s+admin\b", text)
    user = log_in("admin", password)
    assert user is not None and user.is_superuser and user.is_staff


def test_second_run_resets_the_password(db, settings):
    settings.DEBUG = True
    _, first = run_command()
    _, second = run_command()
    assert first != second
    assert log_in("admin", first) is None
    assert log_in("admin", second) is not None
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_dev_admin", stdout=StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()


def test_prints_a_one_staff_account_and_demo_organisers(db, settings):
    from django.contrib.auth.models import Group

    from rencontres.roles import ONE_STAFF_GROUP
    from tests.factories import ActivityPageFactory, PlacePageFactory, publish

    place = PlacePageFactory(title="Lieu démo", slug="demo-000001-lieu-demo")
    publish(ActivityPageFactory(parent=place, registration_required=True, capacity=5))
    settings.DEBUG = True
    text, _admin_password = run_command()
    staff_password = re.search(r"personnel-one\s+Password:\s+(\S+)", text).group(1)
    staff = log_in("personnel-one", staff_password)
    assert staff is not None and not staff.is_superuser
    assert list(staff.groups.values_list("name", flat=True)) == [ONE_STAFF_GROUP]
    organiser_password = re.search(r"organisateur-1\s+Password:\s+(\S+)", text).group(1)
    organiser = log_in("organisateur-1", organiser_password)
    assert organiser is not None and not organiser.is_superuser
    assert organiser.groups.get() == Group.objects.get(organised_place__place_id=place.pk)
    assert place.permissions_for_user(organiser).can_edit()


def test_prints_a_professional_whose_orientations_a_demo_espace_de_rencontre_received(db, settings):
    from orientations.models import Orientation, Status
    from orientations.roles import PROFESSIONALS_GROUP
    from tests.factories import PlacePageFactory, programme, publish

    place = publish(
        PlacePageFactory(
            title="Espace démo",
            slug="demo-000002-espace-demo",
            programmes=[programme("espaces-de-rencontre")],
        )
    )
    settings.DEBUG = True
    text, _admin_password = run_command()
    password = re.search(r"professionnel-1\s+Password:\s+(\S+)", text).group(1)
    professional = log_in("professionnel-1", password)
    assert list(professional.groups.values_list("name", flat=True)) == [PROFESSIONALS_GROUP]
    statuses = set(Orientation.objects.filter(place=place).values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Orientation.objects.filter(professional=professional).count() == 6
    organiser_password = re.search(
        r"organisateur-espace-rencontre\s+Password:\s+(\S+)", text
    ).group(1)
    organiser = log_in("organisateur-espace-rencontre", organiser_password)
    assert organiser.groups.get().organised_place.place_id == place.pk
    # Run again: the same orientations, not twice as many.
    run_command()
    assert Orientation.objects.filter(place=place).count() == 6
