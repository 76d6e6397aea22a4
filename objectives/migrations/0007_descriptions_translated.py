"""The programmes' and objectives' descriptions in Dutch and English beside the French one, as
their names and explanations already are: /nl/ and /en/ pages showed them in French.

The translations are filled in only where the French is still the one migration 0002 wrote: a
description ONE staff rewrote keeps its French for every visitor rather than get a translation
of a text it no longer says."""

from importlib import import_module

from django.db import migrations, models

SEEDED = import_module("objectives.migrations.0002_seed_programmes_and_objectives").PROGRAMMES

# slug: (Dutch, English)
DESCRIPTIONS = {
    "lieux-rencontre-enfants-parents": (
        "Ontmoetingsplaatsen voor kinderen en ouders, erkend door het ONE in de Federatie "
        "Wallonië-Brussel, waar een kleintje komt spelen met zijn ouder of een vertrouwde "
        "volwassene. U komt binnen zonder afspraak, zonder inschrijving en zonder uw naam te "
        "geven; het onthaal is gratis of bijna gratis. Elke plek streeft een of meer van de "
        "acht doelstellingen van Bijlage 1 na.",
        "Places recognised by ONE in the Wallonia-Brussels Federation where a toddler comes to "
        "play with their parent or another close adult. You come in without an appointment, "
        "without registering and without giving your name; it is free or almost free. Each "
        "place pursues one or more of the eight objectives of Annex 1.",
    ),
    "espaces-de-rencontre": (
        "Neutrale en veilige plekken, voorzien in het Franse Burgerlijk Wetboek en het Franse "
        "wetboek van sociale actie en gezinnen, waar een kind het contact met een ouder bewaart "
        "of herstelt als de relatie broos is. De ontmoetingen worden beslist door de "
        "familierechter of tussen de ouders afgesproken, en begeleid door sociale professionals "
        "volgens het nationale referentiekader van 2021.",
        "Neutral, secure places, provided for by the French Civil Code and the French Code of "
        "Social Action and Families, where a child keeps or rebuilds contact with a parent when "
        "the relationship is fragile. Meetings are ordered by the family court judge or agreed "
        "between the parents, and supervised by social work professionals following the 2021 "
        "national framework.",
    ),
    "consultations-enfants": (
        "Gratis preventieve medisch-sociale consultaties van het ONE voor kinderen van 0 tot 6 "
        "jaar, met een arts en een medisch-sociaal werker (TMS). Sommige hebben een project "
        "gezondheid en ouderschap waarmee ze een ontmoetingsplaats voor kinderen en ouders "
        "openhouden.",
        "Free preventive medical and social check-ups by ONE for children aged 0 to 6, with a "
        "doctor and a medical and social worker (TMS). Some run a health and parenting project "
        "that keeps a parent and child meeting place open.",
    ),
    "integration-culturelle": (
        "De ontmoetingsplaats maakt deel uit van een netwerk van interculturele activiteiten, "
        "vaak in kwetsbare wijken waar gezinnen van heel uiteenlopende afkomst wonen: de plek "
        "helpt iedereen om sociaal en cultureel zijn plaats te vinden.",
        "The meeting place is part of a network of intercultural activities, often in "
        "disadvantaged neighbourhoods where families of very diverse origins live: it helps "
        "everyone find their place socially and culturally.",
    ),
    "dynamisation-de-quartier": (
        "De plek maakt deel uit van het leven in de buurt: ze haalt gezinnen uit hun isolement "
        "en laat bewoners delen wat ze kunnen en hoe ze leven.",
        "The place is part of neighbourhood life: it brings families out of isolation and lets "
        "residents share what they know how to do and their way of life.",
    ),
    "remediation-sociale": (
        "Naast de ruimte voor de kinderen, of op andere momenten, volgen de ouders lessen "
        "(Frans, alfabetisering, koken, naaien) die hun sociale en professionele integratie "
        "ondersteunen.",
        "Alongside the children's space, or at other times, parents take classes (French, "
        "literacy, cooking, sewing) that support their social and professional integration.",
    ),
    "prevention-sante-mentale": (
        "De band tussen het jonge kind en zijn ouder begeleiden, zodat het loslaten en het "
        "groeien van het kind tot een eigen persoon goed verlopen, en zo vroege "
        "relatieproblemen voorkomen.",
        "Supporting the bond between the young child and their parent so that separation and "
        "the child's growth into a person of their own go well, and so preventing early "
        "relationship difficulties.",
    ),
    "aide-a-la-jeunesse": (
        "Vroeg optreden zodat kwetsbare gezinnen niet in de marginaliteit terechtkomen, door "
        "alle banden te versterken (tussen ouder en kind, tussen kinderen, tussen volwassenen) "
        "of ze helpen herstellen.",
        "Acting early so that vulnerable families do not slide into marginalisation, by "
        "strengthening every bond (parent and child, children with each other, adults with "
        "each other) or helping to rebuild them.",
    ),
    "passerelles": (
        "Kind en ouder rustig voorbereiden om afscheid te nemen, voor de start in de "
        "kinderopvang of op school, en meer algemeen bij elke overgang van de ene leefomgeving "
        "of levensfase naar de andere.",
        "Gently preparing child and parent to separate, before starting nursery or school, and "
        "more broadly at every move from one setting or stage of life to another.",
    ),
    "education-permanente": (
        "Leren van elkaar en van professionals: momenten van uitwisseling rond activiteiten "
        "voor kinderen en ouders, met partners van de plek of van buitenaf, zodat ieder zijn "
        "persoonlijke en sociale traject zelf in handen neemt.",
        "Learning from peers and from professionals: times for exchange around activities for "
        "children and parents, with the place's partners or outside ones, so that everyone "
        "takes charge of their personal and social path.",
    ),
    "promotion-sante-bientraitance": (
        "De uitwisseling tussen kinderen en ouders bevorderen, de ontwikkeling van het kind in "
        "al haar aspecten en een zorgzame omgang met kinderen. Verschillende "
        "ONE-consultatiebureaus bouwen zo'n plek uit binnen hun project gezondheid en "
        "ouderschap, met de medisch-sociaal werker (TMS) en het ONE-netwerk.",
        "Encouraging exchanges between children and parents, the child's development in every "
        "respect, and caring treatment of children. Several ONE clinics run such a place as "
        "part of their health and parenting project, with the medical and social worker (TMS) "
        "and the ONE network.",
    ),
    "maintien-du-lien": (
        "Het kind een ouder laten zien met wie de relatie broos is, in een neutrale omgeving "
        "die zijn lichamelijke en psychische veiligheid waarborgt.",
        "Letting the child see a parent with whom the relationship is fragile, in a neutral "
        "setting that ensures their physical and psychological safety.",
    ),
    "remise-de-l-enfant": (
        "De overdracht van het kind van de ene ouder aan de andere regelen, zonder dat de "
        "ouders elkaar hoeven te ontmoeten.",
        "Arranging the child's handover from one parent to the other without the parents "
        "having to meet.",
    ),
    "suivi-preventif": (
        "Vaccinaties, groei, ontwikkeling: een regelmatige en gratis opvolging van de "
        "gezondheid van het kind.",
        "Vaccinations, growth, development: regular, free monitoring of the child's health.",
    ),
    "sante-parentalite": (
        "Groepsactiviteiten ter ondersteuning van ouders, georganiseerd door het "
        "consultatiebureau, vaak samen met een ontmoetingsplaats voor kinderen en ouders.",
        "Group activities to support parents, run by the clinic, often together with a parent "
        "and child meeting place.",
    ),
}


def seeded_french() -> dict[str, str]:
    found = {}
    for programme in SEEDED:
        found[programme["slug"]] = programme["description"]
        for slug, _name_fr, _name_en, description, _icon, _colour in programme["objectives"]:
            found[slug] = description
    return found


def translate(apps, schema_editor):
    french = seeded_french()
    for model in ("Programme", "Objective"):
        for term in apps.get_model("objectives", model).objects.filter(slug__in=DESCRIPTIONS):
            if term.description_fr != french[term.slug]:
                continue
            nl, en = DESCRIPTIONS[term.slug]
            term.description_nl = term.description_nl or nl
            term.description_en = term.description_en or en
            term.save(update_fields=["description_nl", "description_en"])


def rename_in_revisions(apps, old: str, new: str) -> None:
    """A revision keeps its object's fields by name: renamed there too, an earlier revision
    still loads its description (to compare, or to revert to)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    types = ContentType.objects.filter(app_label="objectives", model__in=["programme", "objective"])
    for revision in Revision.objects.filter(content_type__in=types):
        if old in revision.content:
            revision.content[new] = revision.content.pop(old)
            revision.save(update_fields=["content"])


def revisions_forward(apps, schema_editor):
    rename_in_revisions(apps, "description", "description_fr")


def revisions_backward(apps, schema_editor):
    rename_in_revisions(apps, "description_fr", "description")


class Migration(migrations.Migration):
    dependencies = [
        ("objectives", "0006_family_explanations"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        *(
            operation
            for model in ("programme", "objective")
            for operation in (
                migrations.RenameField(model, "description", "description_fr"),
                migrations.AlterField(
                    model_name=model,
                    name="description_fr",
                    field=models.TextField(verbose_name="description (français)"),
                ),
                migrations.AddField(
                    model_name=model,
                    name="description_nl",
                    field=models.TextField(blank=True, verbose_name="description (néerlandais)"),
                ),
                migrations.AddField(
                    model_name=model,
                    name="description_en",
                    field=models.TextField(blank=True, verbose_name="description (anglais)"),
                ),
            )
        ),
        migrations.RunPython(revisions_forward, revisions_backward),
        migrations.RunPython(translate, migrations.RunPython.noop),
    ]
