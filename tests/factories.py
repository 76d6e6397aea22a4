"""factory_boy factories shared by the tests (the demo seeding builds on the same shapes)."""

from datetime import date, time
from decimal import Decimal

import factory
import wagtail_factories
from faker import Faker

from activities.choices import Ends, Repeat
from activities.models import ActivityPage
from directory.models import OpeningHours, PlaceIndexPage, PlacePage
from gazetteer.models import Commune, Court, PostalCode, Section
from gazetteer.names import normalize
from objectives.models import AccessMode, Objective, Programme

Faker.seed(20261122)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("country", "code")

    country = "BE"
    code = factory.Sequence(lambda n: f"9{n:04d}")
    name_fr = factory.Sequence(lambda n: f"Commune {n}")
    name_nl = ""
    province = "Province de Liège"
    # Inside ONE's territory (the coverage dashboard's gap list and map keep to it).
    region = "Région wallonne"
    latitude = Decimal("50.632500")
    longitude = Decimal("5.579700")
    search_names = factory.LazyAttribute(lambda o: o.name_fr.lower())


class CourtFactory(factory.django.DjangoModelFactory):
    """A court at its seat's point (Liège's, unless told)."""

    class Meta:
        model = Court
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tribunal-{n}")
    name_fr = factory.LazyAttribute(
        lambda o: f"Tribunal de première instance de {o.commune.name_fr}"
    )
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)


class PostalCodeFactory(factory.django.DjangoModelFactory):
    """A postcode at its commune's point (Liège's 4000 unless told)."""

    class Meta:
        model = PostalCode

    country = factory.LazyAttribute(lambda o: o.commune.country)
    code = "4000"
    locality = "Liège"
    normalized_locality = factory.LazyAttribute(lambda o: normalize(o.locality))
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)


class SectionFactory(factory.django.DjangoModelFactory):
    """A Belgian section of `commune`, at its commune's point unless told; indexed by name
    (the gazetteer's signal), as the loader would."""

    class Meta:
        model = Section

    commune = factory.SubFactory(CommuneFactory)
    country = factory.LazyAttribute(lambda o: o.commune.country)
    kind = "section"
    name_fr = factory.Sequence(lambda n: f"Section {n}")
    key = factory.LazyAttribute(
        lambda o: f"{o.commune.key}-{normalize(o.name_fr).replace(' ', '-')}"
    )
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)
    search_names = factory.LazyAttribute(lambda o: normalize(o.name_fr))


def programme(slug: str = "lieux-rencontre-enfants-parents") -> Programme:
    """The programmes are seeded by migration: tests use the real ones."""
    return Programme.objects.get(slug=slug)


def objective(slug: str) -> Objective:
    return Objective.objects.get(slug=slug)


def access_mode(slug: str) -> AccessMode:
    return AccessMode.objects.get(slug=slug)


def directory_root() -> PlaceIndexPage:
    return PlaceIndexPage.objects.get(locale__language_code="fr")


class PlacePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlacePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Lieu de rencontre {n}")
    description = "<p>Un espace de jeu pour les tout-petits et leurs parents.</p>"
    street_address = factory.Sequence(lambda n: f"Rue des Tilleuls {n + 1}")
    postcode = "4000"
    commune = factory.SubFactory(CommuneFactory)
    latitude = Decimal("50.640000")
    longitude = Decimal("5.571000")
    parent = factory.LazyFunction(directory_root)

    # The relations are set one hook after the other (in this order) and the page saved once,
    # by the last: every save of a page writes its revision-less row, its search document and
    # its references again, about a third of a place's cost each.
    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):
        self.programmes.set(extracted if extracted is not None else [programme()])

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        if extracted:
            self.objectives.set(extracted)

    @factory.post_generation
    def access_modes(self, create, extracted, **kwargs):
        """The modes given (slugs or rows), else every mode of the place's programmes."""
        if extracted is None:
            programmes = [programme.pk for programme in self.programmes.all()]
            modes = list(AccessMode.objects.filter(programme__in=programmes))
        else:
            modes = [access_mode(m) if isinstance(m, str) else m for m in extracted]
        self.access_modes.set(modes)
        if create:
            self.save()


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    weekday = 2
    opens = "09:00"
    closes = "12:00"


class ActivityPageFactory(wagtail_factories.PageFactory):
    """An activity under `parent` (a place). Published through a revision by `publish()`, so that
    its sessions are materialised as in the admin."""

    class Meta:
        model = ActivityPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Atelier {n}")
    description = "<p>Un moment partagé avec les tout-petits.</p>"
    start_date = factory.LazyFunction(lambda: date.today())
    start_time = time(9, 30)
    duration_minutes = 120
    repeat = Repeat.WEEKLY
    weekdays = factory.LazyAttribute(lambda o: str(o.start_date.weekday()))
    ends = Ends.NEVER


def publish(page):
    """Publish the page's latest state as the admin does (signals included)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def passerelle_morning(place, *, objectives=("passerelles",), **fields):
    """The suites' usual activity: "Matinée passerelle" at `place`, from Monday 1 March 2027 (the
    activities' clock) at 09:30, with its objectives, published; `fields` say the rest."""
    activity = ActivityPageFactory(
        parent=place,
        **{"title": "Matinée passerelle", "start_date": date(2027, 3, 1), **fields},
    )
    activity.objectives.set([objective(slug) for slug in objectives])
    return publish(activity)


def session_of(activity, start, *, minutes: int = 120, **fields):
    """A session of `activity` at `start` (aware), as the schedule would have stored it; past
    sessions are made this way (publishing only materialises the days to come)."""
    from datetime import timedelta

    from activities.models import Occurrence

    return Occurrence.objects.create(
        activity=activity,
        place=activity.get_parent().specific,
        date=start.date(),
        day=start.date(),
        start=start,
        end=start + timedelta(minutes=minutes),
        **fields,
    )


def docs_gazetteer() -> dict:
    """The tiny gazetteer the examples of docs/import.md and the commune resolver's tests name:
    Liège (Luik) with 4000, and 4020 whose localities are Liège and Bressoux, Jupille-sur-Meuse
    being a section of Liège, as in the real data; Namur (Namen) with its section Jambes (5100);
    Lille in Belgium and in France; Paris with its 11th arrondissement."""

    def commune(country, code, name_fr, name_nl="", population=None, **point):
        return CommuneFactory(
            country=country,
            code=code,
            name_fr=name_fr,
            name_nl=name_nl,
            population=population,
            search_names="",
            **point,
        )

    liege = commune("BE", "62063", "Liège", "Luik", 195000)
    namur = commune(
        "BE",
        "92094",
        "Namur",
        "Namen",
        112000,
        latitude=Decimal("50.466700"),
        longitude=Decimal("4.866700"),
        province="Province de Namur",
    )
    lille_be = commune("BE", "13019", "Lille", population=16000, province="Province d’Anvers")
    lille_fr = commune("FR", "59350", "Lille", population=232787, province="Nord")
    paris = commune("FR", "75056", "Paris", population=2103778, province="Paris")
    jupille = SectionFactory(commune=liege, name_fr="Jupille-sur-Meuse")
    jambes = SectionFactory(commune=namur, name_fr="Jambes")
    paris_11 = SectionFactory(
        commune=paris,
        key="FR-75111",
        kind="arrondissement",
        name_fr="Paris 11e Arrondissement",
        search_names="paris 11e arrondissement|paris 11e|paris 11",
    )
    for code, locality, owner, section in (
        ("4000", "Liège", liege, None),
        ("4020", "Liège", liege, None),
        ("4020", "Bressoux", liege, None),
        ("5000", "Namur", namur, None),
        ("5100", "Jambes", namur, jambes),
        ("2275", "Lille", lille_be, None),
        ("59000", "Lille", lille_fr, None),
        ("75011", "Paris 11e Arrondissement", paris, paris_11),
    ):
        PostalCodeFactory(code=code, locality=locality, commune=owner, section=section)
    return {
        "liege": liege,
        "namur": namur,
        "lille_be": lille_be,
        "lille_fr": lille_fr,
        "paris": paris,
        "jupille": jupille,
        "jambes": jambes,
    }
