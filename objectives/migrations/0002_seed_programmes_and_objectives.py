"""The three programmes the platform starts with, and their objective taxonomies.

Descriptions are our own summaries of ONE's Annexe 1 and of the FFER's statement on
espaces de rencontre.
"""

from django.db import migrations

PROGRAMMES = [
    {
        "slug": "lieux-rencontre-enfants-parents",
        "name_fr": "Lieux de rencontre enfants-parents",
        "name_en": "Parent and child drop-in meeting places",
        "country": "BE",
        "access_mode": "drop_in",
        "colour": "#1d4e89",
        "sort_order": 1,
        "description": (
            "Lieux reconnus par l'ONE en Fédération Wallonie-Bruxelles où un tout-petit vient "
            "jouer avec son parent ou un adulte proche. On y entre sans rendez-vous, sans "
            "inscription et sans donner son nom ; l'accueil est gratuit ou presque. Chaque lieu "
            "poursuit un ou plusieurs des huit objectifs de l'Annexe 1."
        ),
        "objectives": [
            (
                "integration-culturelle",
                "Intégration culturelle",
                "Cultural integration",
                "La rencontre s'inscrit dans un tissu d'activités interculturelles, souvent dans "
                "des quartiers fragilisés où vivent des familles d'origines très diverses : le "
                "lieu aide chacun à trouver sa place socialement et culturellement.",
                "globe",
                "#8a3b12",
            ),
            (
                "dynamisation-de-quartier",
                "Dynamisation de quartier",
                "Neighbourhood community building",
                "Le lieu fait partie de la vie du quartier : il sort les familles de l'isolement "
                "et permet aux habitants de partager ce qu'ils savent faire et leur façon d'être.",
                "home",
                "#2f6b2f",
            ),
            (
                "remediation-sociale",
                "Remédiation sociale",
                "Social and vocational support",
                "À côté de l'espace des enfants, ou à d'autres moments, les parents suivent des "
                "apprentissages (français, alphabétisation, cuisine, couture) qui soutiennent "
                "leur insertion sociale et professionnelle.",
                "edit",
                "#6b3fa0",
            ),
            (
                "prevention-sante-mentale",
                "Prévention en santé mentale",
                "Mental health prevention",
                "Accompagner le lien entre le jeune enfant et son parent pour que la séparation "
                "et l'affirmation de l'enfant comme personne se passent bien, et prévenir ainsi "
                "les difficultés relationnelles précoces.",
                "heart",
                "#a0234d",
            ),
            (
                "aide-a-la-jeunesse",
                "Aide à la jeunesse",
                "Youth welfare",
                "Agir tôt pour que des familles vulnérables ne glissent pas vers la "
                "marginalisation, en renforçant tous les liens (parent et enfant, enfants entre "
                "eux, adultes entre eux) ou en aidant à les reconstruire.",
                "group",
                "#005f73",
            ),
            (
                "passerelles",
                "Socialisation douce « passerelles »",
                "Gentle socialisation: bridges",
                "Préparer en douceur l'enfant et le parent à se séparer, avant l'entrée en "
                "crèche ou à l'école, et plus largement lors de tout passage d'un milieu de vie "
                "ou d'une étape à une autre.",
                "arrow-right",
                "#7a5c00",
            ),
            (
                "education-permanente",
                "Éducation permanente",
                "Lifelong community education",
                "Apprendre entre pairs et avec des professionnels : des moments d'échange autour "
                "d'activités pour enfants et parents, avec des partenaires du lieu ou de "
                "l'extérieur, pour que chacun prenne en main son parcours personnel et social.",
                "doc-full",
                "#3d4f7a",
            ),
            (
                "promotion-sante-bientraitance",
                "Promotion de la santé et bientraitance",
                "Health promotion and caring relationships",
                "Favoriser les échanges entre enfants et parents, le développement de l'enfant "
                "dans toutes ses dimensions et la bientraitance. Plusieurs consultations ONE "
                "développent un tel lieu dans leur projet santé-parentalité, avec la TMS et le "
                "réseau ONE.",
                "plus",
                "#9b2226",
            ),
        ],
    },
    {
        "slug": "espaces-de-rencontre",
        "name_fr": "Espaces de rencontre enfants-parents",
        "name_en": "Supervised child contact centres",
        "country": "FR",
        "access_mode": "referral",
        "colour": "#5a2a82",
        "sort_order": 2,
        "description": (
            "Lieux neutres et sécurisés, prévus par le code civil et le code de l'action sociale "
            "et des familles, où un enfant garde ou retrouve le lien avec un parent quand la "
            "relation est fragile. Les rencontres sont décidées par le juge aux affaires "
            "familiales ou convenues entre les parents, et accompagnées par des professionnels "
            "du social selon le référentiel national de 2021."
        ),
        "objectives": [
            (
                "maintien-du-lien",
                "Maintien ou reprise du lien",
                "Keeping or restoring contact",
                "Permettre à l'enfant de voir un parent avec qui la relation est fragile, dans "
                "un cadre tiers qui garantit sa sécurité physique et psychique.",
                "link",
                "#5a2a82",
            ),
            (
                "remise-de-l-enfant",
                "Remise de l'enfant entre parents",
                "Supervised handovers",
                "Organiser le passage de l'enfant d'un parent à l'autre sans que les parents "
                "aient à se croiser.",
                "arrow-right",
                "#3d4f7a",
            ),
        ],
    },
    {
        "slug": "consultations-enfants",
        "name_fr": "Consultations pour enfants de l'ONE",
        "name_en": "ONE child health clinics",
        "country": "BE",
        "access_mode": "appointment",
        "colour": "#005f73",
        "sort_order": 3,
        "description": (
            "Consultations médico-sociales préventives et gratuites de l'ONE pour les enfants "
            "de 0 à 6 ans, avec un médecin et un ou une TMS. Certaines portent un projet "
            "santé-parentalité qui fait vivre un lieu de rencontre enfants-parents."
        ),
        "objectives": [
            (
                "suivi-preventif",
                "Suivi préventif de l'enfant",
                "Preventive child health check-ups",
                "Vaccinations, croissance, développement : un suivi régulier et gratuit de la "
                "santé de l'enfant.",
                "clipboard-list",
                "#005f73",
            ),
            (
                "sante-parentalite",
                "Projet santé-parentalité",
                "Health and parenting project",
                "Des actions collectives de soutien aux parents menées par la consultation, "
                "souvent avec un lieu de rencontre enfants-parents.",
                "group",
                "#2f6b2f",
            ),
        ],
    },
]


def seed(apps, schema_editor):
    Programme = apps.get_model("objectives", "Programme")
    Objective = apps.get_model("objectives", "Objective")
    for data in PROGRAMMES:
        fields = {k: v for k, v in data.items() if k != "objectives"}
        programme, _created = Programme.objects.update_or_create(
            slug=fields.pop("slug"), defaults=fields
        )
        for order, (slug, name_fr, name_en, description, icon, colour) in enumerate(
            data["objectives"]
        ):
            Objective.objects.update_or_create(
                slug=slug,
                defaults={
                    "programme": programme,
                    "name_fr": name_fr,
                    "name_en": name_en,
                    "description": description,
                    "icon": icon,
                    "colour": colour,
                    "sort_order": order,
                },
            )


def unseed(apps, schema_editor):
    Programme = apps.get_model("objectives", "Programme")
    Objective = apps.get_model("objectives", "Objective")
    slugs = [p["slug"] for p in PROGRAMMES]
    Objective.objects.filter(programme__slug__in=slugs).delete()
    Programme.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("objectives", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
