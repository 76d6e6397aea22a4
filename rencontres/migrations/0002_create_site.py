"""Replace Wagtail's welcome page with our home page and put the directory root under it."""

from django.db import migrations

HOME_INTRO = (
    "<p>Des lieux pour jouer, se rencontrer et souffler, près de chez vous : lieux de rencontre "
    "enfants-parents, espaces de rencontre et consultations pour enfants.</p>"
)
DIRECTORY_INTRO = (
    "<p>Cherchez un lieu par code postal ou par commune, selon l'âge de votre enfant et ce "
    "dont vous avez besoin.</p>"
)


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("rencontres", "HomePage")
    PlaceIndexPage = apps.get_model("directory", "PlaceIndexPage")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Rencontres",
        draft_title="Rencontres",
        slug="accueil",
        content_type=ContentType.objects.get_for_model(HomePage),
        path="00010002",
        depth=2,
        numchild=1,
        url_path="/accueil/",
        locale=locale,
        intro=HOME_INTRO,
    )
    PlaceIndexPage.objects.create(
        title="Trouver un lieu",
        draft_title="Trouver un lieu",
        slug="lieux",
        content_type=ContentType.objects.get_for_model(PlaceIndexPage),
        path="000100020001",
        depth=3,
        numchild=0,
        url_path="/accueil/lieux/",
        locale=locale,
        intro=DIRECTORY_INTRO,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
        site_name="Rencontres",
    )


def remove_site(apps, schema_editor):
    apps.get_model("wagtailcore", "Site").objects.all().delete()
    apps.get_model("wagtailcore", "Page").objects.filter(depth__gte=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rencontres", "0001_initial"),
        ("directory", "0003_seed_languages_and_accessibility"),
    ]

    operations = [migrations.RunPython(create_site, remove_site)]
