"""Families who choose text messages: the number read in E.164, checked by a texted code (held
seat for a registration by phone alone, freed when the code is not typed in time or wrong five
times), then the confirmation, the waiting list's promotion, the reminder and the session's
changes by text, in the family's language, in one part; the number erased with the
registration."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from activities.choices import RegistrationStatus
from activities.models import Occurrence, PhoneCheck, Registration
from activities.occurrences import cancel_occurrence
from activities.phone_codes import code_hash
from activities.texts import registration_text
from core import texting
from core.models import TextDelivery
from core.sms import count_parts
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

MOBILE = "0470 12 34 56"
E164 = "+32470123456"


@pytest.fixture
def session(clock, place, workshop_at):
    return Occurrence.objects.get(activity=workshop_at(place, capacity=1), date=WORKSHOP_DAY)


def by_text(n: int, **overrides) -> dict:
    """Family `n`, by phone alone, texts chosen."""
    return family(n, **{"email": "", "phone": MOBILE, "texts": "on", **overrides})


def texted_code() -> str:
    number, body = texting.outbox[-1]
    return re.search(r"\b(\d{6})\b", body).group(1)


def type_code(client, url, code, capture):
    with capture(execute=True):
        return client.post(url, {"code": code})


def test_phone_only_holds_the_seat_until_the_code_then_confirms_by_text(
    client, session, django_capture_on_commit_callbacks
):
    response = post(client, session, by_text(1), django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url.endswith("/code/")
    registration = Registration.objects.get()
    assert (registration.phone, registration.texts) == (E164, True)
    # The seat is held: the next family waits.
    post(client, session, family(2), django_capture_on_commit_callbacks)
    assert Registration.objects.get(name="Famille 2").status == RegistrationStatus.WAITING
    # The code is stored hashed, never as typed.
    code = texted_code()
    check = PhoneCheck.objects.get()
    assert check.code_hash == code_hash(registration.pk, code) and len(check.code_hash) == 64
    assert client.get(response.url).status_code == 200
    # The registration's page waits for the code.
    assert client.get(response.url.removesuffix("code/")).status_code == 302

    confirmed = type_code(client, response.url, code, django_capture_on_commit_callbacks)
    assert confirmed.status_code == 302 and not confirmed.url.endswith("/code/")
    assert not PhoneCheck.objects.exists()
    number, text = texting.outbox[-1]
    assert number == E164
    assert text.startswith("Inscription confirmée : Atelier portage, mer 03/03 10:00")
    assert count_parts(text) == 1


def test_a_wrong_code_five_times_frees_the_seat_for_the_waiting_family(
    client, session, django_capture_on_commit_callbacks
):
    response = post(client, session, by_text(1), django_capture_on_commit_callbacks)
    post(client, session, family(2), django_capture_on_commit_callbacks)
    wrong = "000000" if texted_code() != "000000" else "111111"
    for left in (4, 3, 2, 1):
        answer = type_code(client, response.url, wrong, django_capture_on_commit_callbacks)
        assert answer.status_code == 400
        assert f"Encore {left} essai" in answer.content.decode()
    last = type_code(client, response.url, wrong, django_capture_on_commit_callbacks)
    assert last.status_code == 410 and "Recommencer l'inscription" in last.content.decode()
    (offered,) = Registration.objects.all()
    assert (offered.name, offered.status) == ("Famille 2", RegistrationStatus.OFFERED)
    assert [m.to for m in mail.outbox][-1] == ["famille2@example.org"]


def test_a_code_not_typed_in_time_frees_the_seat(
    client, clock, session, django_capture_on_commit_callbacks
):
    response = post(client, session, by_text(1), django_capture_on_commit_callbacks)
    code = texted_code()
    clock.shift(timedelta(minutes=14))
    call_command("expire_phone_holds", stdout=open("/dev/null", "w"))
    assert Registration.objects.count() == 1
    clock.shift(timedelta(minutes=2))
    call_command("expire_phone_holds", stdout=open("/dev/null", "w"))
    assert not Registration.objects.exists()
    assert client.get(response.url).status_code == 404
    # Too late for the code too.
    assert (
        type_code(client, response.url, code, django_capture_on_commit_callbacks).status_code == 404
    )


def test_with_an_email_the_registration_stays_and_only_texts_go(
    client, clock, session, django_capture_on_commit_callbacks
):
    data = family(1, phone=MOBILE, texts="on")
    response = post(client, session, data, django_capture_on_commit_callbacks)
    assert response.url.endswith("/code/")
    assert len(mail.outbox) == 1  # the e-mail's confirmation goes at once
    clock.shift(timedelta(minutes=16))
    answer = type_code(client, response.url, texted_code(), django_capture_on_commit_callbacks)
    assert answer.status_code == 410
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED and not registration.texts


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (family(1, texts="on"), "phone", "Donnez le numéro de GSM"),
        (family(1, phone="04 222 33 44", texts="on"), "phone", "donnez un numéro de GSM"),
        (family(1, phone="0470 12"), "phone", "incomplet"),
        (family(1, phone="0999 99 99 99"), "phone", "pas un numéro valable"),
        (family(1, email=""), "email", "choisissez les SMS"),
    ],
)
def test_clear_errors_name_the_field(
    client, session, django_capture_on_commit_callbacks, data, field, message
):
    response = post(client, session, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_{field}"' in html and message in html
    assert not Registration.objects.exists() and texting.outbox == []


def test_a_french_place_reads_a_number_without_country_code_in_france(
    client, clock, workshop_at, commune, django_capture_on_commit_callbacks
):
    from tests.factories import PlacePageFactory, publish

    french = publish(PlacePageFactory(title="Espace rencontre", commune=commune, country="FR"))
    session = Occurrence.objects.get(activity=workshop_at(french), date=WORKSHOP_DAY)
    post(client, session, by_text(1, phone="06 12 34 56 78"), django_capture_on_commit_callbacks)
    assert Registration.objects.get().phone == "+33612345678"


@pytest.fixture
def texted_families(client, session, django_capture_on_commit_callbacks):
    """Family 1 confirmed by text (code typed), family 2 waiting by e-mail."""
    response = post(client, session, by_text(1), django_capture_on_commit_callbacks)
    type_code(client, response.url, texted_code(), django_capture_on_commit_callbacks)
    post(client, session, family(2), django_capture_on_commit_callbacks)
    texting.outbox.clear()
    return Registration.objects.order_by("pk")


def test_the_reminder_and_the_cancelled_session_by_text(
    clock, session, texted_families, django_capture_on_commit_callbacks
):
    clock.move_to(session.start - timedelta(hours=20))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_registrations", stdout=open("/dev/null", "w"))
    ((number, reminder),) = texting.outbox
    assert number == E164 and reminder.startswith("Rappel : demain mer 03/03 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(session, "Animatrice malade")
    number, cancelled = texting.outbox[-1]
    assert cancelled == "Séance annulée : Atelier portage, mer 03/03 10:00."
    kinds = list(TextDelivery.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds[-2:] == ["registration-reminder", "registration-session_cancelled"]


def test_the_waiting_family_offered_a_seat_by_text(
    client, session, django_capture_on_commit_callbacks
):
    post(client, session, family(1), django_capture_on_commit_callbacks)
    response = post(client, session, by_text(2), django_capture_on_commit_callbacks)
    type_code(client, response.url, texted_code(), django_capture_on_commit_callbacks)
    assert texting.outbox[-1][1].startswith("Liste d'attente : Atelier portage")
    first = Registration.objects.get(name="Famille 1")
    from activities.registrations import cancel

    with django_capture_on_commit_callbacks(execute=True):
        cancel(first, "http://testserver/")
    number, offered = texting.outbox[-1]
    assert offered.startswith("Place libre pour vous : Atelier")
    # The link to answer is the text's point: it is never the piece dropped to fit.
    assert re.search(r" http://testserver/inscriptions/p/[\w.-]+/$", offered)
    assert count_parts(offered) == 1


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("nl", "Herinnering: morgen wo 03/03 10:00, Atelier portage"),
        ("en", "Reminder: tomorrow Wed 03/03 10:00, Atelier portage"),
        ("fr", "Rappel : demain mer 03/03 10:00, Atelier portage"),
    ],
)
def test_texts_in_the_familys_language_in_one_gsm7_part(session, language, start):
    registration = Registration(
        occurrence=session, name="X", phone=E164, texts=True, language=language,
        children_count=1, status=RegistrationStatus.CONFIRMED,
    )  # fmt: skip
    text = registration_text(registration, "reminder", "http://testserver/")
    assert text.body.startswith(start) and text.parts == 1 and text.gsm7


def test_every_event_fits_one_part_even_with_a_long_title(session):
    session.activity.title = "Atelier d'éveil musical, de portage et de massage pour bébés " * 2
    registration = Registration(
        pk=12345, occurrence=session, name="X", phone=E164, texts=True, language="fr",
        children_count=1, status=RegistrationStatus.CONFIRMED,
    )  # fmt: skip
    for event in ("registered", "promoted", "reminder", "session_cancelled", "session_moved",
                  "session_changed", "session_restored"):  # fmt: skip
        with translation.override("fr"):
            text = registration_text(registration, event, "https://rencontres.example.org/")
        assert text.parts == 1 and text.gsm7, (event, text.body)


def test_the_purge_erases_the_number_with_the_registration(clock, session, texted_families):
    assert TextDelivery.objects.exclude(recipient="").exists()
    clock.move_to(session.end + timedelta(days=31))
    call_command("purge_registrations", "--no-progress", stdout=open("/dev/null", "w"))
    assert not Registration.objects.exists()
    assert not TextDelivery.objects.exclude(recipient="").exists()
