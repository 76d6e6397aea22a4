"""What each programme and objective means for a family, in French, Dutch and English."""

from django.db import migrations, models

from objectives.family_texts import TERMS


def fill(apps, schema_editor):
    """The families' explanations of the terms the platform starts with, in each language; an
    explanation ONE staff already wrote is kept."""
    for model in ("Programme", "Objective"):
        for term in apps.get_model("objectives", model).objects.filter(slug__in=TERMS):
            fr, nl, en = TERMS[term.slug]
            term.explanation_fr = term.explanation_fr or fr
            term.explanation_nl = term.explanation_nl or nl
            term.explanation_en = term.explanation_en or en
            term.save(update_fields=["explanation_fr", "explanation_nl", "explanation_en"])


class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0005_dutch_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='objective',
            name='explanation_en',
            field=models.TextField(blank=True, verbose_name='explication pour les familles (anglais)'),
        ),
        migrations.AddField(
            model_name='objective',
            name='explanation_fr',
            field=models.TextField(blank=True, help_text='Deux ou trois phrases simples, pour un parent qui découvre le lieu.', verbose_name='explication pour les familles (français)'),
        ),
        migrations.AddField(
            model_name='objective',
            name='explanation_nl',
            field=models.TextField(blank=True, verbose_name='explication pour les familles (néerlandais)'),
        ),
        migrations.AddField(
            model_name='programme',
            name='explanation_en',
            field=models.TextField(blank=True, verbose_name='explication pour les familles (anglais)'),
        ),
        migrations.AddField(
            model_name='programme',
            name='explanation_fr',
            field=models.TextField(blank=True, help_text='Deux ou trois phrases simples, pour un parent qui découvre le lieu.', verbose_name='explication pour les familles (français)'),
        ),
        migrations.AddField(
            model_name='programme',
            name='explanation_nl',
            field=models.TextField(blank=True, verbose_name='explication pour les familles (néerlandais)'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
