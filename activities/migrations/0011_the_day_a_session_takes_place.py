from zoneinfo import ZoneInfo

from django.db import migrations, models
from django.db.models import F

# directory.models.places.TIME_ZONES, as they were when this migration was written.
TIME_ZONES = {"FR": "Europe/Paris"}


def days_from_dates_and_moves(apps, schema_editor):
    Occurrence = apps.get_model("activities", "Occurrence")
    Occurrence.objects.update(day=F("date"))
    moved = Occurrence.objects.filter(previous_start__isnull=False).select_related("place")
    for occurrence in moved.iterator():
        zone = ZoneInfo(TIME_ZONES.get(occurrence.place.country, "Europe/Brussels"))
        occurrence.day = occurrence.start.astimezone(zone).date()
        occurrence.save(update_fields=["day"])


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0010_families_as_groups_and_seat_offers"),
        ("directory", "0020_place_quality_score"),
    ]

    operations = [
        migrations.AddField(
            model_name="occurrence",
            name="day",
            field=models.DateField(null=True, verbose_name="jour"),
        ),
        migrations.RunPython(days_from_dates_and_moves, migrations.RunPython.noop),
    ]
