"""A child's age as families give it: in their own words, in years or in months, one of them,
all read as months and matched between two of the object's fields (`Within`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.search.criteria import Within
from core.search.criterion import Control, Param
from core.search.fields import AgeFilter, IntegerFilter


@dataclass(frozen=True, eq=False)
class ChildAge(Within):
    """A child's age between two of the object's fields in months, asked in the family's words
    (`age`: "3 ans", "18 mois", "3": years), in years (`age_years`) or in months (the criterion's
    `name`, `age_months`): one of them, all read as months."""

    years: str = "age_years"
    words: str = "age"
    hint: str = ""

    def params(self) -> list[Param]:
        years = [MinValueValidator(0), MaxValueValidator(self.maximum // 12)]
        months = [MinValueValidator(0), MaxValueValidator(self.maximum)]
        control = Control("text", self.label, refines=True, hint=self.hint)
        return [
            Param(
                self.words,
                AgeFilter(maximum_months=self.maximum),
                f"{self.description} : « 3 ans », « 18 mois » ; un nombre seul est en années"
                f" (au plus {self.maximum // 12}). Un seul de {self._names()}.",
                control=control,
            ),
            Param(
                self.years,
                IntegerFilter(validators=years),
                f"{self.description} en années (12 mois l'année). Un seul de {self._names()}.",
            ),
            Param(
                self.name,
                IntegerFilter(validators=months),
                f"{self.description} en mois. Un seul de {self._names()}.",
            ),
        ]

    def _names(self) -> str:
        return ", ".join((self.words, self.years, self.name))

    def _months(self, data: dict) -> dict[str, int]:
        given = {
            self.words: data.get(self.words),
            self.years: None if data.get(self.years) is None else data[self.years] * 12,
            self.name: data.get(self.name),
        }
        return {name: months for name, months in given.items() if months is not None}

    def errors(self, data: dict) -> dict[str, str]:
        given = self._months(data)
        if len(given) < 2:
            return {}
        message = _("Donnez l'âge une seule fois : %(names)s.") % {"names": ", ".join(given)}
        return dict.fromkeys(given, message)

    def value(self, data: dict):
        given = self._months(data)
        return next(iter(given.values())) if len(given) == 1 else None
