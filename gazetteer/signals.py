"""Keep the name index (`PlaceName`) in step with communes and sections saved one by one (the
admin, tests' factories). The loader writes in bulk, without signals, and indexes afterwards."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from gazetteer.fuzzy import index_names as index_trigrams
from gazetteer.models import Commune, PlaceName, Section
from gazetteer.names import indexed_names


def index_names(commune: Commune | None = None, section: Section | None = None) -> None:
    """Write the index rows of one commune (its own names) or one section."""
    owner = section or commune
    if section is not None:
        rows = PlaceName.objects.filter(section=section)
        commune_id = section.commune_id
    else:
        rows = PlaceName.objects.filter(commune=commune, section__isnull=True)
        commune_id = commune.pk
    rows.delete()
    if owner.retired:
        return
    names = indexed_names(owner.search_names, owner.name_fr, owner.name_nl)
    PlaceName.objects.bulk_create(
        PlaceName(
            name=name,
            country=owner.country,
            commune_id=commune_id,
            section=section,
            population=owner.population,
        )
        for name in names
    )
    index_trigrams(names)


@receiver(post_save, sender=Commune, dispatch_uid="gazetteer-index-commune")
def _commune_saved(sender, instance: Commune, raw=False, **kwargs):
    if not raw:
        index_names(commune=instance)


@receiver(post_save, sender=Section, dispatch_uid="gazetteer-index-section")
def _section_saved(sender, instance: Section, raw=False, **kwargs):
    if not raw:
        index_names(section=instance)
