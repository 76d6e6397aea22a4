"""Children's ages, counted in months as the public contract's `age_months` does."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext, ngettext
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

    @property
    def ages_text(self) -> str:
        return age_range_text(self.age_min_months, self.age_max_months)


def _age(months: int) -> tuple[int, str]:
    """An age as parents say it: whole years from 2 years on (and at 1 year exactly), months
    below; "2 ans et demi" rather than "30 mois"."""
    years, rest = divmod(months, 12)
    if rest == 0 and years:
        return years, "years"
    if rest == 6 and years >= 2:
        return years, "years-and-a-half"
    return months, "months"


def _age_text(months: int, with_unit: bool = True) -> str:
    number, unit = _age(months)
    if not with_unit:
        return str(number)
    if unit == "years":
        return ngettext("%(n)d an", "%(n)d ans", number) % {"n": number}
    if unit == "years-and-a-half":
        return gettext("%(n)d ans et demi") % {"n": number}
    return ngettext("%(n)d mois", "%(n)d mois", number) % {"n": number}


def age_range_text(min_months: int, max_months: int) -> str:
    """The one way the site writes the children's ages a place or an activity welcomes: "de 0 à
    3 ans", "de 6 mois à 3 ans", "de 0 à 18 mois", "dès 2 ans" (up to the oldest child age)."""
    if max_months >= MAX_CHILD_AGE_MONTHS:
        if min_months == 0:
            return gettext("tous âges")
        return gettext("dès %(age)s") % {"age": _age_text(min_months)}
    # "de 0 à 3 ans", "de 6 à 18 mois": the unit is said once when both ends share it.
    unit = _age(min_months)[1]
    shared = min_months == 0 or (unit == _age(max_months)[1] and unit != "years-and-a-half")
    start = "0" if min_months == 0 else _age_text(min_months, with_unit=not shared)
    return gettext("de %(start)s à %(end)s") % {"start": start, "end": _age_text(max_months)}
