from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import organiser_of

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2027, 3, 3, 10, 0, tzinfo=BRUSSELS)
LIEGE_PROVINCE = "60000"
NAMUR_PROVINCE = "90000"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def liege(db):
    from tests.factories import CommuneFactory

    return CommuneFactory(name_fr="Liège", code="62063", province_code=LIEGE_PROVINCE)


@pytest.fixture
def namur(db):
    from tests.factories import CommuneFactory

    return CommuneFactory(
        name_fr="Namur", code="92094", province="Province de Namur", province_code=NAMUR_PROVINCE
    )


def place_in(commune, title):
    from tests.factories import PlacePageFactory, publish

    return publish(PlacePageFactory(title=title, commune=commune, phone="+32 4 000 00 00"))


@pytest.fixture
def place_a(liege):
    return place_in(liege, "Lieu A")


@pytest.fixture
def place_b(liege):
    return place_in(liege, "Lieu B")


@pytest.fixture
def place_namur(namur):
    return place_in(namur, "Lieu de Namur")


@pytest.fixture
def organiser_namur(django_user_model, place_namur):
    return organiser_of(django_user_model, place_namur, "orga-namur")


@pytest.fixture
def campaign(clock, staff_member):
    from campaigns.models import Campaign

    return Campaign.objects.create(
        name="Horaires des vacances de printemps",
        provinces=[LIEGE_PROVINCE],
        sections=["hours", "closures"],
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 3, 31),
        created_by=staff_member,
    )


@pytest.fixture
def started(
    campaign,
    organiser_a,
    organiser_b,
    organiser_namur,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from campaigns.scope import start

    with django_capture_on_commit_callbacks(execute=True):
        start(campaign)
    return campaign


def link_of(message) -> str:
    import re
    from urllib.parse import urlsplit

    return urlsplit(re.search(r"https?://\S+/organisateurs/campagne/\S+/", message.body)[0]).path


def link_for(mailoutbox, email) -> str:
    (message,) = [m for m in mailoutbox if m.to == [email]]
    return link_of(message)
