"""Access modes as data: each programme's own vocabulary of how a family reaches its places,
which ONE staff edit in the admin, in place of the three values the code knew (drop_in, referral,
appointment on `Programme.access_mode` and `PlacePage.access_mode`).

The three programmes this platform started with get the modes their texts name (the FFER's two
ways into an espace de rencontre, the lieux de rencontre's free and anonymous welcome, the
consultations' appointments). A programme staff added since gets, from its old value, a mode
of its own named as the seeded one, its slug that one's with the programme's after "--"
(directory 0016 reads the part before "--" to give each place the modes of its old value).
"""

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models

# The old value: the modes it becomes, as (slug, fr, nl, en, explanation fr, nl, en,
# says_free, reached_by).
MODES = {
    "drop_in": [
        (
            "accueil-libre",
            "Accueil libre et anonyme",
            "Vrije en anonieme opvang",
            "Open and anonymous drop-in",
            "Vous venez quand vous voulez pendant les heures d'ouverture, sans rendez-vous, "
            "sans inscription et sans donner votre nom.",
            "U komt wanneer u wilt tijdens de openingsuren, zonder afspraak, zonder "
            "inschrijving en zonder uw naam te geven.",
            "Come whenever you like during opening hours: no appointment, no sign-up, and "
            "you need not give your name.",
            True,
            "walk_in",
        )
    ],
    "referral": [
        (
            "decision-du-juge",
            "Sur décision du juge",
            "Op beslissing van de rechter",
            "By court order",
            "Le juge aux affaires familiales a décidé que les rencontres avec votre enfant "
            "se passent ici. Apportez la décision au premier entretien.",
            "De familierechter heeft beslist dat de ontmoetingen met uw kind hier "
            "plaatsvinden. Breng de beslissing mee naar het eerste gesprek.",
            "The family court judge has ordered that visits with your child take place "
            "here. Bring the order to the first meeting.",
            False,
            "professional",
        ),
        (
            "accord-des-parents",
            "Par accord des parents",
            "Met akkoord van de ouders",
            "By agreement between the parents",
            "Les deux parents sont d'accord pour que les rencontres aient lieu ici, sans "
            "attendre de décision du juge. Contactez le lieu pour un premier entretien.",
            "Beide ouders gaan ermee akkoord dat de ontmoetingen hier plaatsvinden, zonder "
            "een beslissing van de rechter af te wachten. Neem contact op voor een eerste "
            "gesprek.",
            "Both parents agree that visits take place here, without waiting for a court "
            "order. Contact the place for a first meeting.",
            False,
            "family_asks",
        ),
    ],
    "appointment": [
        (
            "sur-rendez-vous",
            "Sur rendez-vous",
            "Op afspraak",
            "By appointment",
            "Prenez rendez-vous par téléphone ou auprès de la TMS avant de venir.",
            "Maak een afspraak per telefoon of bij de TMS voor u komt.",
            "Book an appointment by phone or with the TMS before you come.",
            True,
            "family_asks",
        )
    ],
}
# The programmes the seeded modes belong to (migration 0002).
SEEDED = {
    "lieux-rencontre-enfants-parents": "drop_in",
    "espaces-de-rencontre": "referral",
    "consultations-enfants": "appointment",
}


def seed(apps, schema_editor):
    Programme = apps.get_model("objectives", "Programme")
    AccessMode = apps.get_model("objectives", "AccessMode")
    for programme in Programme.objects.order_by("pk"):
        value = SEEDED.get(programme.slug) or programme.access_mode
        own = SEEDED.get(programme.slug) == value
        for order, mode in enumerate(MODES.get(value, [])):
            slug, fr, nl, en, explanation_fr, explanation_nl, explanation_en, free, by = mode
            AccessMode.objects.get_or_create(
                slug=slug if own else f"{slug}--{programme.slug}"[:80],
                defaults={
                    "programme": programme,
                    "name_fr": fr,
                    "name_nl": nl,
                    "name_en": en,
                    "explanation_fr": explanation_fr,
                    "explanation_nl": explanation_nl,
                    "explanation_en": explanation_en,
                    "says_free": free,
                    "reached_by": by,
                    "sort_order": order,
                },
            )


def unseed(apps, schema_editor):
    """Back to one value per programme: the one its modes came from."""
    Programme = apps.get_model("objectives", "Programme")
    AccessMode = apps.get_model("objectives", "AccessMode")
    origin = {mode[0]: value for value, modes in MODES.items() for mode in modes}
    for programme in Programme.objects.all():
        slugs = AccessMode.objects.filter(programme=programme).values_list("slug", flat=True)
        values = [origin.get(slug.split("--")[0]) for slug in slugs]
        programme.access_mode = next((v for v in values if v), "drop_in")
        programme.save(update_fields=["access_mode"])
    AccessMode.objects.all().delete()



class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0007_descriptions_translated'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='AccessMode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name_fr', models.CharField(max_length=150, verbose_name='nom (français)')),
                ('name_nl', models.CharField(blank=True, max_length=150, verbose_name='nom (néerlandais)')),
                ('name_en', models.CharField(max_length=150, verbose_name='nom (anglais)')),
                ('explanation_fr', models.TextField(blank=True, help_text='Deux ou trois phrases simples, pour un parent qui découvre le lieu.', verbose_name='explication pour les familles (français)')),
                ('explanation_nl', models.TextField(blank=True, verbose_name='explication pour les familles (néerlandais)')),
                ('explanation_en', models.TextField(blank=True, verbose_name='explication pour les familles (anglais)')),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('says_free', models.BooleanField(default=False, help_text="Cochez si, pour un lieu gratuit, la carte peut ajouter « gratuit » après ce mode d'accès (« Sur rendez-vous, gratuit »).", verbose_name='la phrase peut dire « gratuit »')),
                ('reached_by', models.CharField(choices=[('walk_in', 'La famille vient sans prévenir'), ('family_asks', 'La famille prend contact avec le lieu'), ('professional', 'Un juge ou un professionnel adresse la famille')], default='family_asks', max_length=20, verbose_name='qui fait le premier pas')),
                ('sort_order', models.PositiveSmallIntegerField(default=0)),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='access_modes', to='objectives.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': "mode d'accès",
                'verbose_name_plural': "modes d'accès",
                'ordering': ['programme__sort_order', 'sort_order', 'name_fr'],
            },
            bases=(models.Model, modelsearch.index.Indexed),
        ),
        migrations.RunPython(seed, unseed),
        migrations.RemoveField(
            model_name='programme',
            name='access_mode',
        ),
    ]
