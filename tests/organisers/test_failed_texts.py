"""Texts that did not reach a family are told to the place's organisers (their home's item, the
list with the family's number to call), never to another place's; ONE staff see them all, with
the texts sent per programme and month."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import TextDelivery, TextState
from objectives.models import Programme

pytestmark = pytest.mark.django_db


def delivery(place, state=TextState.FAILED, *, programme=None, parts=1, registration=None, **kw):
    return TextDelivery.objects.create(
        key=uuid.uuid4(), kind="registration-reminder", state=state, place_id=place.pk,
        programme_id=programme, parts=parts,
        registration_id=registration.pk if registration else None, **kw,
    )  # fmt: skip


@pytest.fixture
def registration(place_a):
    from activities.models import Occurrence, Registration
    from tests.factories import ActivityPageFactory, publish

    activity = publish(ActivityPageFactory(parent=place_a, registration_required=True))
    occurrence = Occurrence.objects.filter(activity=activity).first()
    return Registration.objects.create(
        occurrence=occurrence, name="Awa Diallo", phone="+32470123456", texts=True,
        children_count=1, children_ages="2 ans", consent_at=timezone.now(), status="confirmed",
    )  # fmt: skip


def test_the_organiser_sees_their_places_failed_texts_and_whom_to_call(
    client, organiser_a, place_a, place_b, registration
):
    delivery(place_a, registration=registration)
    delivery(place_a, TextState.DELIVERED)
    delivery(place_b)
    delivery(place_a, last_attempt_at=timezone.now() - timedelta(days=15))
    client.force_login(organiser_a)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 SMS non remis à une famille" in home
    page = client.get(reverse("organisers_failed_texts"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("registration-reminder") == 1  # place A's one recent failure
    assert "Awa Diallo" in html and 'href="tel:+32470123456"' in html


def test_someone_who_organises_nothing_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("organisers_failed_texts")).status_code in (302, 403)


def test_one_staff_count_texts_per_programme_and_month(client, staff_member, place_a, organiser_a):
    programme = Programme.objects.order_by("pk").first()
    Programme.objects.filter(pk=programme.pk).update(sms_monthly_cap=500)
    delivery(place_a, TextState.DELIVERED, programme=programme.pk, parts=2)
    delivery(place_a, TextState.FAILED, programme=programme.pk)
    delivery(place_a, TextState.CAPPED, programme=programme.pk)
    client.force_login(staff_member)
    html = client.get(reverse("rencontres_text_report")).content.decode()
    row = html.split(f"<td>{programme.name_fr}</td>")[1].split("</tr>")[0]
    # Texts, parts, delivered, failed, capped, and the programme's own monthly cap.
    assert row == "<td>2</td><td>3</td><td>1</td><td>1</td><td>1</td><td>500</td>"
    client.force_login(organiser_a)
    assert client.get(reverse("rencontres_text_report")).status_code in (302, 403)
