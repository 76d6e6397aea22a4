import pytest
from django.contrib.auth.models import Group

# An FFER espace de rencontre, as the migrations seed the programme.
FFER = "espaces-de-rencontre"
REASONS = "Maintien du lien parent-enfant\nReprise de contact"


def taking(place, reasons: str = REASONS, **fields):
    from orientations.models import PlaceOrientationSettings

    PlaceOrientationSettings.objects.create(
        place=place, takes_orientations=True, reasons=reasons, **fields
    )
    return place


def ffer_place(commune, title: str, **fields):
    from tests.factories import PlacePageFactory, programme, publish

    return publish(
        PlacePageFactory(
            title=title,
            commune=commune,
            country="FR",
            programmes=[programme(FFER)],
            phone="03 20 00 00 00",
            email=f"{title.lower().replace(' ', '-')}@example.org",
            **fields,
        )
    )


@pytest.fixture
def place_a(commune):
    return taking(ffer_place(commune, "Espace A", street_address="12 rue Secrète"))


@pytest.fixture
def place_b(commune):
    return taking(ffer_place(commune, "Espace B"))


def professional(django_user_model, username):
    from orientations.models import ProfessionalProfile
    from orientations.roles import PROFESSIONALS_GROUP

    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password="x"
    )
    user.groups.add(Group.objects.get(name=PROFESSIONALS_GROUP))
    ProfessionalProfile.objects.create(user=user, organisation="ONE", profession="TMS")
    return user


@pytest.fixture
def professional_a(django_user_model):
    return professional(django_user_model, "pro-a")


@pytest.fixture
def professional_b(django_user_model):
    return professional(django_user_model, "pro-b")


def orientation_to(place, by, **fields):
    from orientations.models import Orientation

    values = {
        "family_name": "Awa",
        "family_email": "famille@example.org",
        "family_phone": "",
        "children_ages": "3 ans",
        "languages_spoken": "wolof, français",
        "family_language": "nl",
        "reason": "Reprise de contact",
        "note": "Papa voit ses enfants un samedi sur deux.",
        "consent": True,
        "contact_consent": True,
        **fields,
    }
    return Orientation.objects.create(place=place, professional=by, **values)
