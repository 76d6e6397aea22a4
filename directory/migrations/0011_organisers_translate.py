"""Organisers translate their own pages: every organiser group gets wagtail-localize's
`submit_translation` (directory.translation_rights keeps it to the pages they may edit)."""

from django.db import migrations


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    PlaceOrganisers = apps.get_model("directory", "PlaceOrganisers")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for link in PlaceOrganisers.objects.select_related("group"):
        link.group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    PlaceOrganisers = apps.get_model("directory", "PlaceOrganisers")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for link in PlaceOrganisers.objects.select_related("group"):
        link.group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_place_verified_at"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
