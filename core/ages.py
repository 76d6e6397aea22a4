"""Children's ages, counted in months as the public contract's `age_months` does."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_CHILD_AGE_MONTHS = 216


class AgeRange(models.Model):
    """The children's ages a place or an activity welcomes (an abstract mixin: no table)."""

    age_min_months = models.PositiveSmallIntegerField(
        _("âge minimum (mois)"), default=0, validators=[MaxValueValidator(MAX_CHILD_AGE_MONTHS)]
    )
    age_max_months = models.PositiveSmallIntegerField(
        _("âge maximum (mois)"), default=72, validators=[MaxValueValidator(MAX_CHILD_AGE_MONTHS)]
    )

    class Meta:
        abstract = True

    def age_range_errors(self) -> dict[str, list[str]]:
        if self.age_min_months > self.age_max_months:
            return {
                "age_max_months": [_("L'âge maximum doit être supérieur ou égal à l'âge minimum.")]
            }
        return {}
