"""Trust taken away from a place renamed since its organiser group was made did nothing: the group
was looked up by a name made of the old title, so it kept the right to publish. Now that groups
are linked to their place (directory 0009), that right is taken back from every organiser group
whose place is not trusted."""

from django.db import migrations


def revoke_stale_trust(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    PlaceOrganisers = apps.get_model("directory", "PlaceOrganisers")
    TrustedPlace = apps.get_model("activities", "TrustedPlace")
    trusted = TrustedPlace.objects.values("place_id")
    for link in PlaceOrganisers.objects.exclude(place_id__in=trusted).iterator():
        GroupPagePermission.objects.filter(
            group_id=link.group_id,
            page_id=link.place_id,
            permission__content_type__app_label="wagtailcore",
            permission__codename="publish_page",
        ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0003_fee"),
        ("directory", "0009_organiser_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(revoke_stale_trust, migrations.RunPython.noop)]
