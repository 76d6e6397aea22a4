"""What make_legacy_db.py adds to the demo of commit 58976c9 (run there with it): activities
with schedules, excluded and added dates, cancelled and withdrawn sessions, closures,
registrations, santé-parentalité projects, TMS referents, a trusted place, organisers and a
ONE staff member. Its names are what the migrated database must still show."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

STAFF_USERNAME = "one-staff"
ORGANISER_USERNAME = "orga-petits-pas"
DISCREET_ORGANISER_USERNAME = "orga-le-passage"
PROJECT_NAME = "Bien grandir à Sainte-Marguerite"
PROJECT_SUMMARY = "Des matinées d'éveil avec la consultation de Sainte-Marguerite."
TMS_NAME = "Brigitte Vandamme"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_extras() -> dict:
    """Everything the demo lacks; returns what the JSON's URL list needs."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import override_settings
    from wagtail.log_actions import log

    from activities.choices import Ends, MonthWeek, Repeat
    from activities.models import (
        ActivityAddedDate,
        ActivityExcludedDate,
        ActivityPage,
        ClosurePeriod,
        Occurrence,
        RegistrationStatus,
        TrustedPlace,
    )
    from activities.occurrences import cancel_occurrence
    from activities.registrations import Family, cancel, register, token_for
    from directory.models import Commune, Language, OpeningHours, PlaceIndexPage, PlacePage
    from directory.roles import ONE_STAFF_GROUP, organiser_group_name
    from objectives.models import (
        AccessMode,
        HealthParentingProject,
        Objective,
        PlaceRelation,
        Programme,
        ProjectConsultation,
        ProjectPlace,
        ProjectStatus,
        TMSReferent,
    )

    users = get_user_model().objects
    today = date.today()
    root = PlaceIndexPage.objects.get()
    liege = Commune.objects.get(country="BE", code="62063")
    lille = Commune.objects.get(country="FR", name_fr="Lille")
    french = Language.objects.get(code="fr")

    staff = users.create_user(STAFF_USERNAME, email="staff@one.example", password="legacy")
    staff.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))

    # -- places ----------------------------------------------------------------------------
    lrep = Programme.objects.get(slug="lieux-rencontre-enfants-parents")
    visits = Programme.objects.get(slug="espaces-de-rencontre")
    consultations = Programme.objects.get(slug="consultations-enfants")

    def place(title, slug, commune, postcode, programme, objectives, **fields):
        page = PlacePage(
            title=title,
            slug=slug,
            description=f"<p>{title} : un lieu d'accueil pour les enfants et leurs parents.</p>",
            commune=commune,
            postcode=postcode,
            country=commune.country,
            phone="+32 4 123 45 67",
            **fields,
        )
        root.add_child(instance=page)
        page.programmes.set([programme])
        page.objectives.set(Objective.objects.filter(slug__in=objectives))
        page.languages.set([french])
        page.opening_hours.add(OpeningHours(weekday=1, opens=time(9), closes=time(12)))
        page.opening_hours.add(OpeningHours(weekday=3, opens=time(13, 30), closes=time(17)))
        return publish(page)

    petits_pas = place(
        "La Maison des Petits Pas",
        "maison-des-petits-pas",
        liege,
        "4000",
        lrep,
        ["passerelles", "promotion-sante-bientraitance"],
        street_address="Rue des Tilleuls 12",
        latitude=Decimal("50.640000"),
        longitude=Decimal("5.571000"),
        email="accueil@petits-pas.example",
    )
    passage = place(
        "Espace de rencontre Le Passage",
        "espace-de-rencontre-le-passage",
        lille,
        "59000",
        visits,
        ["maintien-du-lien"],
        street_address="Rue Secrète 3",
        latitude=Decimal("50.629000"),
        longitude=Decimal("3.057000"),
        is_discreet=True,
        access_mode=AccessMode.REFERRAL,
    )
    consultation = place(
        "Consultation ONE Sainte-Marguerite",
        "consultation-one-sainte-marguerite",
        liege,
        "4000",
        consultations,
        ["sante-parentalite"],
        street_address="Rue Sainte-Marguerite 100",
        latitude=Decimal("50.645000"),
        longitude=Decimal("5.555000"),
        access_mode=AccessMode.APPOINTMENT,
    )

    organiser = users.create_user(ORGANISER_USERNAME, password="legacy")
    organiser.groups.add(Group.objects.get(name=organiser_group_name(petits_pas)))
    discreet_organiser = users.create_user(DISCREET_ORGANISER_USERNAME, password="legacy")
    discreet_organiser.groups.add(Group.objects.get(name=organiser_group_name(passage)))
    TrustedPlace.objects.create(place=petits_pas, note="Équipe formée, confiance depuis 2024.")

    # -- activities and their sessions -----------------------------------------------------
    def activity(parent, title, slug, **fields):
        page = ActivityPage(
            title=title,
            slug=slug,
            description=f"<p>{title}.</p>",
            start_time=time(9, 30),
            duration_minutes=120,
            **fields,
        )
        parent.add_child(instance=page)
        page.languages.set([french])
        page.objectives.set(parent.objectives.all()[:1])
        return publish(page)

    first_tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    matinee = activity(
        petits_pas,
        "Matinée passerelle",
        "matinee-passerelle",
        start_date=first_tuesday,
        repeat=Repeat.WEEKLY,
        weekdays="1,3",
        ends=Ends.NEVER,
        capacity=2,
        registration_required=True,
    )
    matinee.excluded_dates.add(ActivityExcludedDate(date=first_tuesday + timedelta(days=14)))
    matinee.added_dates.add(ActivityAddedDate(date=first_tuesday + timedelta(days=18)))
    matinee = publish(matinee)
    massage = activity(
        petits_pas,
        "Massage bébé",
        "massage-bebe",
        start_date=today,
        repeat=Repeat.MONTHLY,
        month_week=MonthWeek.FIRST,
        month_weekday=3,
        ends=Ends.UNTIL,
        until=today + timedelta(days=150),
        price="2 €",
    )
    eveil = activity(
        consultation,
        "Éveil musical",
        "eveil-musical",
        start_date=today + timedelta(days=20),
        repeat=Repeat.NONE,
    )
    activity(
        passage,
        "Groupe de parole des parents",
        "groupe-de-parole",
        start_date=first_tuesday,
        repeat=Repeat.WEEKLY,
        interval=2,
        weekdays="1",
        ends=Ends.COUNT,
        count=6,
    )

    # Closures (the place's page, published: its sessions in them are cancelled).
    petits_pas = PlacePage.objects.get(pk=petits_pas.pk)
    petits_pas.closures.add(
        ClosurePeriod(
            start_date=first_tuesday + timedelta(days=35),
            end_date=first_tuesday + timedelta(days=41),
            reason="congés de Toussaint",
        )
    )
    petits_pas.closures.add(
        ClosurePeriod(
            start_date=today - timedelta(days=60),
            end_date=today - timedelta(days=50),
            reason="vacances scolaires",
        )
    )
    petits_pas = publish(petits_pas)
    consultation = PlacePage.objects.get(pk=consultation.pk)
    consultation.closures.add(
        ClosurePeriod(
            start_date=today + timedelta(days=19),
            end_date=today + timedelta(days=21),
            reason="formation des accueillantes",
        )
    )
    consultation = publish(consultation)

    sessions = list(Occurrence.objects.filter(activity=matinee, is_cancelled=False))
    cancel_occurrence(sessions[2], "Animatrice malade")

    # Registrations: capacity 2, so two confirmed, two waiting; one cancels, the first waiting
    # family takes the place. Another session's registration is then withdrawn from the
    # schedule: the session is kept, cancelled, with its registration.
    base_url = "http://127.0.0.1:8000"
    registered = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for number in range(4):
            family = Family(
                name=f"Famille {number + 1}",
                email=f"famille{number + 1}@example.org",
                phone="",
                children_count=1 + number % 2,
                children_ages="2 ans" if number % 2 == 0 else "8 mois, 3 ans",
            )
            registered.append(register(sessions[0].pk, family, base_url))
        cancel(registered[0], base_url)
        withdrawn = register(
            sessions[1].pk,
            Family("Famille 5", "famille5@example.org", "", 1, "1 an"),
            base_url,
        )
    matinee = ActivityPage.objects.get(pk=matinee.pk)
    matinee.excluded_dates.add(ActivityExcludedDate(date=sessions[1].date))
    matinee = publish(matinee)

    # -- santé-parentalité projects, saved with revisions as the admin does ----------------
    partner = (
        PlacePage.objects.filter(slug__startswith="demo-", programmes=lrep)
        .exclude(programmes=consultations)
        .order_by("pk")
        .first()
    )
    project = HealthParentingProject.objects.create(
        name=PROJECT_NAME,
        status=ProjectStatus.PLANNED,
        start_date=date(2026, 1, 1),
        public_summary=PROJECT_SUMMARY,
        activity_year=2026,
        activity_programme="<p>Massage bébé, un jeudi par mois.</p>",
        notes="Note interne : subside à renouveler en mars.",
    )
    project.objectives.set(Objective.objects.filter(slug="promotion-sante-bientraitance"))
    ProjectConsultation.objects.create(project=project, consultation=consultation)
    ProjectPlace.objects.create(project=project, place=petits_pas)
    ProjectPlace.objects.create(project=project, place=partner, relation=PlaceRelation.PARTNER)
    TMSReferent.objects.create(
        project=project, name=TMS_NAME, phone="+32 4 999 88 77", email="brigitte.tms@one.example"
    )
    log(project, "wagtail.create", user=staff)
    project.save_revision(user=staff)
    project.status = ProjectStatus.ACTIVE
    project.save()
    project.save_revision(user=staff, log_action=True)

    other_consultation = (
        PlacePage.objects.filter(slug__startswith="demo-", programmes=consultations)
        .order_by("pk")
        .first()
    )
    second = HealthParentingProject.objects.create(name="Premiers pas ensemble")
    ProjectConsultation.objects.create(project=second, consultation=other_consultation)
    log(second, "wagtail.create", user=staff)
    second.save_revision(user=staff)

    objective = Objective.objects.get(slug="passerelles")
    objective.description += " Vers l'école ou la crèche, en douceur."
    objective.save()
    objective.save_revision(user=staff, log_action=True)

    # -- checks: the fixture has what it claims ---------------------------------------------
    occurrences = Occurrence.objects.all()
    assert occurrences.filter(cancelled_manually=True).count() == 1
    assert occurrences.filter(closure__isnull=False).exists()
    assert occurrences.filter(withdrawn=True, registrations=withdrawn).exists()
    statuses = sorted(
        r.status for r in matinee.occurrences.get(pk=sessions[0].pk).registrations.all()
    )
    assert statuses == ["cancelled", "confirmed", "confirmed", "waiting"], statuses
    confirmed = matinee.occurrences.get(pk=sessions[0].pk).registrations.filter(
        status=RegistrationStatus.CONFIRMED
    )

    return {
        "petits_pas": petits_pas,
        "passage": passage,
        "consultation": consultation,
        "matinee": matinee,
        "massage": massage,
        "eveil": eveil,
        "session": sessions[0],
        "registration_token": token_for(confirmed.order_by("pk").first()),
        "project": project,
        "objective": objective,
        "programme": lrep,
        "demo_place": partner,
    }
