from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0011: on PostgreSQL a table cannot be altered in the transaction that updated
    its rows (their foreign keys' checks are still pending)."""

    dependencies = [
        ("activities", "0011_the_day_a_session_takes_place"),
    ]

    operations = [
        migrations.AlterField(
            model_name="occurrence",
            name="day",
            field=models.DateField(db_index=True, verbose_name="jour"),
        ),
    ]
