"""Dutch and English beside French: their locales, and a translation of the home page and of
the directory root in each. Places and activities are not copied: they are translated only when
someone translates them, and until then `/nl/…` and `/en/…` serve the French page
(docs/languages-content.md)."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4

TRANSLATIONS = {
    "nl": {
        "home": (
            "Rencontres",
            "<p>Plekken om te spelen, elkaar te ontmoeten en even op adem te komen, dicht bij "
            "huis: ontmoetingsplaatsen voor kinderen en ouders, bezoekruimtes en "
            "consultaties voor kinderen.</p>",
        ),
        "directory": (
            "Een plek zoeken",
            "<p>Zoek een plek op postcode of gemeente, volgens de leeftijd van uw kind en wat "
            "u nodig hebt.</p>",
        ),
    },
    "en": {
        "home": (
            "Rencontres",
            "<p>Places to play, meet others and catch your breath, close to home: parent and "
            "child drop-in places, supervised contact centres and child health clinics.</p>",
        ),
        "directory": (
            "Find a place",
            "<p>Look for a place by postcode or town, by your child's age and what you "
            "need.</p>",
        ),
    },
}


def next_path(parent_path: str, last_child_path: str | None) -> str:
    if last_child_path is None:
        return parent_path + "0" * (STEP - 1) + "1"
    number = int(last_child_path[-STEP:], 36) + 1
    digits = ""
    for _ in range(STEP):
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent_path + digits


def add_child(Page, model, parent, source, language, locale, title, intro):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = last.order_by("-path").values_list("path", flat=True).first()
    slug = source.slug
    if Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1, slug=slug):
        slug = f"{slug}-{language}"
    page = model.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type_id=source.content_type_id,
        path=next_path(parent.path, last),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale=locale,
        translation_key=source.translation_key,
        live=source.live,
        first_published_at=source.first_published_at,
        last_published_at=source.last_published_at,
        intro=intro,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def translate_roots(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("rencontres", "HomePage")
    PlaceIndexPage = apps.get_model("directory", "PlaceIndexPage")

    french, _ = Locale.objects.get_or_create(language_code="fr")
    site = Site.objects.filter(is_default_site=True).first()
    home = site and HomePage.objects.filter(pk=site.root_page_id, locale=french).first()
    directory = PlaceIndexPage.objects.filter(locale=french).order_by("path").first()
    for language, texts in TRANSLATIONS.items():
        locale, _ = Locale.objects.get_or_create(language_code=language)
        if home is None:
            continue
        translated_home = HomePage.objects.filter(
            translation_key=home.translation_key, locale=locale
        ).first()
        if translated_home is None:
            root = Page.objects.get(depth=1)
            translated_home = add_child(
                Page, HomePage, root, home, language, locale, *texts["home"]
            )
        if directory is None or PlaceIndexPage.objects.filter(
            translation_key=directory.translation_key, locale=locale
        ):
            continue
        add_child(
            Page,
            PlaceIndexPage,
            Page.objects.get(pk=translated_home.pk),
            directory,
            language,
            locale,
            *texts["directory"],
        )


def untranslate_roots(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    others = Locale.objects.exclude(language_code="fr")
    for page in Page.objects.filter(locale__in=others, depth=2):
        Page.objects.filter(path__startswith=page.path).delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    others.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rencontres", "0002_create_site"),
        ("directory", "0009_organiser_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(translate_roots, untranslate_roots)]
