"""Santé-parentalité projects now belong to the projects app (same tables): state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0003_health_parenting_projects'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveField(
            model_name='healthparentingproject',
            name='latest_revision',
        ),
        migrations.RemoveField(
            model_name='healthparentingproject',
            name='objectives',
        ),
        migrations.RemoveField(
            model_name='projectconsultation',
            name='project',
        ),
        migrations.RemoveField(
            model_name='projectplace',
            name='project',
        ),
        migrations.RemoveField(
            model_name='projectconsultation',
            name='consultation',
        ),
        migrations.RemoveField(
            model_name='projectplace',
            name='place',
        ),
        migrations.DeleteModel(
            name='TMSReferent',
        ),
        migrations.DeleteModel(
            name='HealthParentingProject',
        ),
        migrations.DeleteModel(
            name='ProjectConsultation',
        ),
        migrations.DeleteModel(
            name='ProjectPlace',
        ),
    ]),
    ]
