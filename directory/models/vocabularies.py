"""The closed lists a place picks from: languages spoken, accessibility features."""

from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.translated import in_language

# Each language's name in that language, where Django's own list (LANG_INFO) lacks it or writes
# it otherwise than the usual spelling.
AUTONYMS = {"ar": "العربية", "ln": "Lingála", "ps": "پښتو", "ti": "ትግርኛ", "so": "Soomaali"}


class Vocabulary(models.Model):
    name_fr = models.CharField(_("nom"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name_fr


class Language(Vocabulary):
    """A language spoken on site, by ISO 639-1 code."""

    code = models.CharField(_("code ISO 639-1"), max_length=2, unique=True)
    name_fr = models.CharField(_("nom"), max_length=60)

    class Meta(Vocabulary.Meta):
        verbose_name = _("langue")
        verbose_name_plural = _("langues")

    @property
    def name(self) -> str:
        """The language's name as its speakers write it ("Nederlands", "العربية"): a family
        finds its language whatever language the page is in. The admin keeps the French name."""
        return language_name(self.code, self.name_fr)


def language_name(code: str, name_fr: str) -> str:
    """A language's name in that language, else its French name."""
    own = AUTONYMS.get(code) or LANG_INFO.get(code, {}).get("name_local")
    return capfirst(own) if own else name_fr


class AccessibilityFeature(Vocabulary):
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=120, blank=True)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    slug = models.SlugField(unique=True, max_length=60)
    # The features that make a place usable in a wheelchair or with a pushchair: the API's
    # `accessible` filter keeps places that have at least one of these.
    step_free = models.BooleanField(_("accès de plain-pied"), default=False)

    class Meta(Vocabulary.Meta):
        verbose_name = _("aménagement d'accessibilité")
        verbose_name_plural = _("aménagements d'accessibilité")

    @property
    def name(self) -> str:
        return in_language(self, "name")
