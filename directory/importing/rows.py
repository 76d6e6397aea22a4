"""Row validation: a row of text becomes a `PlaceData`, or the list of reasons it is rejected.

Cells are read (`cells`) and names looked up: the commune through the gazetteer's own resolver
(`gazetteer.lookup.resolve_commune`, as the search reads a place), programmes,
objectives, languages and accessibility features among those the site knows. What the values may
be is then the model's to say: an unsaved PlacePage filled from the row, as the import would write
it, goes through `full_clean` (lengths, choices, ranges, e-mail and URL, and PlacePage.clean's rules
across fields: objectives within the programmes, ages in order, both coordinates or neither). Its
errors join the row's reasons under the column that holds the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from core.countries import Country
from core.fees import read_fee
from directory.importing.cells import (
    degrees,
    description_html,
    discreet,
    emails,
    lookup,
    months,
    parse_opening_hours,
)
from directory.importing.formats import CONTACT_AND_ACCESS_COLUMNS, REQUIRED_COLUMNS
from directory.models.places import OpeningHours, PlacePage
from directory.models.vocabularies import AccessibilityFeature, Language
from gazetteer.lookup import resolve_commune
from gazetteer.models import Commune, PostalCode
from objectives.models import AccessMode, Objective, Programme

# The place's fields a row sets as they are, and its relations.
SIMPLE_FIELDS = [
    "title",
    "description",
    "street_address",
    "postcode",
    "country",
    "is_discreet",
    *CONTACT_AND_ACCESS_COLUMNS,
    # Read from the price column (`core.fees.read_fee`): a list has no fee columns.
    "fee_kind",
    "fee_amount",
]
RELATED_FIELDS = ["programmes", "objectives", "access_modes", "languages", "accessibility"]
# The fields the model checks: those the row fills (its commune is looked up, so it exists).
CHECKED_FIELDS = {"external_id", "latitude", "longitude", *SIMPLE_FIELDS}
# Where a column and the field it fills have different names.
FIELD_OF_COLUMN = {"name": "title", "discreet": "is_discreet"}
COLUMN_OF_FIELD = {field: column for column, field in FIELD_OF_COLUMN.items()}


@dataclass
class PlaceData:
    """Every value the place will have. `validate_row` returns it only when the row is valid;
    until then an unreadable coordinate keeps its text (see `cells.degrees`)."""

    external_id: str
    title: str
    description: str
    street_address: str
    postcode: str
    commune: Commune
    country: str
    latitude: Decimal | None
    longitude: Decimal | None
    is_discreet: bool
    phone: str
    email: str
    website: str
    age_min_months: int
    age_max_months: int
    price: str
    fee_kind: str
    fee_amount: Decimal | None
    access_details: str
    programmes: list[Programme]
    objectives: list[Objective]
    access_modes: list[AccessMode]
    languages: list[Language]
    accessibility: list[AccessibilityFeature]
    opening_hours: list[tuple[int, time, time]]
    # Not the place's: whom to invite as its organisers once it is written.
    organiser_emails: list[str] = field(default_factory=list)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def fill(self, page: PlacePage, point: tuple | None) -> None:
        """Give `page` the row's values, relations and opening hours, and `point` if not None."""
        for name in SIMPLE_FIELDS:
            setattr(page, name, getattr(self, name))
        page.commune = self.commune
        page.external_id = self.external_id
        if point is not None:
            page.latitude, page.longitude = point
        # modelcluster keeps these in memory until the revision is published.
        page.programmes = self.programmes
        page.objectives = self.objectives
        page.access_modes = self.access_modes
        page.languages = self.languages
        page.accessibility = self.accessibility
        page.opening_hours = [
            OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=order)
            for order, (day, opens, closes) in enumerate(self.opening_hours)
        ]


class Vocabulary:
    """Programmes, objectives, languages and accessibility features, read once per run;
    communes looked up once per distinct (country, commune, postcode)."""

    def __init__(self, locale_id: int) -> None:
        self.programmes = {p.slug: p for p in Programme.objects.all()}
        self.objectives = {o.slug: o for o in Objective.objects.all()}
        self.access_modes = {m.slug: m for m in AccessMode.objects.all()}
        self.languages = {language.code: language for language in Language.objects.all()}
        self.features = {f.slug: f for f in AccessibilityFeature.objects.all()}
        # The locale of the pages rows are checked as (else each check would look it up).
        self.locale_id = locale_id
        self._communes: dict[tuple[str, str, str], Commune | str] = {}

    def commune(self, country: str, text: str, postcode: str) -> Commune | str:
        """The commune, or why none."""
        key = (country, text, postcode)
        if key not in self._communes:
            self._communes[key] = _find_commune(country, text, postcode)
        return self._communes[key]


def _find_commune(country: str, text: str, postcode: str) -> Commune | str:
    postcode_rows = list(PostalCode.objects.filter(country=country, code=postcode))
    if not postcode_rows:
        return _("code postal inconnu « %(code)s » (%(country)s)") % {
            "code": postcode,
            "country": country,
        }
    # The search's own resolver: names in French or Dutch, sections, arrondissements, keys,
    # official codes, a locality of the postcode; homonyms settled by the postcode.
    commune = resolve_commune(text, postcode=postcode, country=country)
    if commune is None:
        return _("commune inconnue « %(commune)s »") % {"commune": text}
    if not any(row.commune_id == commune.pk for row in postcode_rows):
        return _("le code postal %(code)s n'appartient pas à la commune %(commune)s") % {
            "code": postcode,
            "commune": commune.name_fr,
        }
    return commune


def validate_row(values: dict[str, str], vocabulary: Vocabulary) -> PlaceData | list[str]:
    reasons: list[str] = []
    # Fields whose cell is already reported: the model does not report them again.
    reported: set[str] = set()
    get = values.get
    for name in REQUIRED_COLUMNS:
        if not get(name, ""):
            reasons.append(_("colonne « %(column)s » vide") % {"column": name})
            reported.add(FIELD_OF_COLUMN.get(name, name))

    postcode = get("postcode", "").replace(" ", "")
    country = (get("country", "") or ("BE" if len(postcode) == 4 else "FR")).upper()
    commune = None
    if postcode and get("commune") and country in Country.values:
        found = vocabulary.commune(country, get("commune"), postcode)
        if isinstance(found, str):
            reasons.append(found)
        else:
            commune = found

    # The relations (RELATED_FIELDS), each from the column of the same name.
    related = {
        name: lookup(get(name, ""), known, reasons, message)
        for name, known, message in (
            ("programmes", vocabulary.programmes, _("programme inconnu « %(value)s »")),
            ("objectives", vocabulary.objectives, _("objectif inconnu « %(value)s »")),
            ("access_modes", vocabulary.access_modes, _("mode d'accès inconnu « %(value)s »")),
            ("languages", vocabulary.languages, _("langue inconnue « %(value)s »")),
            (
                "accessibility",
                vocabulary.features,
                _("aménagement d'accessibilité inconnu « %(value)s »"),
            ),
        )
    }
    if not get("access_modes", ""):
        related["access_modes"] = _default_access_modes(related["programmes"], vocabulary)
    opening_hours, hour_reasons = parse_opening_hours(get("opening_hours", ""))
    reasons += hour_reasons

    latitude = degrees(get("latitude", ""), _("latitude"), reasons)
    longitude = degrees(get("longitude", ""), _("longitude"), reasons)
    for name, value in (("latitude", latitude), ("longitude", longitude)):
        if isinstance(value, str):  # unreadable, and reported as such
            reported.add(name)

    website = get("website", "")
    if website and not website.lower().startswith(("http://", "https://")):
        # Stricter than the editor, which takes ftp too: families follow the link in a browser.
        reasons.append(
            _("%(field)s invalide « %(value)s »") % {"field": _("site web"), "value": website}
        )
        reported.add("website")

    price = get("price", "") or _("Gratuit")
    fee_kind, fee_amount = read_fee(price)
    data = PlaceData(
        external_id=get("external_id", ""),
        title=get("name", ""),
        description=description_html(get("description", "")),
        street_address=get("street_address", ""),
        postcode=postcode,
        commune=commune,
        country=country,
        latitude=latitude,
        longitude=longitude,
        is_discreet=discreet(get("discreet", ""), reasons),
        phone=get("phone", ""),
        email=get("email", ""),
        website=website,
        age_min_months=months(get("age_min_months", ""), 0, _("âge minimum"), reasons),
        age_max_months=months(get("age_max_months", ""), 72, _("âge maximum"), reasons),
        price=price,
        fee_kind=fee_kind,
        fee_amount=fee_amount,
        access_details=get("access_details", ""),
        opening_hours=opening_hours,
        organiser_emails=emails(get("organiser_emails", ""), reasons),
        **related,
    )
    reasons += model_reasons(data, vocabulary, reported)
    return reasons or data


def _default_access_modes(programmes: list[Programme], vocabulary: Vocabulary) -> list:
    """A row that names no mode: the mode of each of its programmes that has only one (a
    lieu de rencontre's free welcome); a programme with several leaves the choice open."""
    found = []
    for programme in programmes:
        modes = [m for m in vocabulary.access_modes.values() if m.programme_id == programme.pk]
        if len(modes) == 1:
            found += modes
    return found


def model_reasons(data: PlaceData, vocabulary: Vocabulary, reported: set[str]) -> list[str]:
    """What the model says of the place the row describes (the row's own point included)."""
    page = PlacePage(locale_id=vocabulary.locale_id)
    data.fill(page, (data.latitude, data.longitude))
    exclude = [
        f.name for f in PlacePage._meta.fields if f.name not in CHECKED_FIELDS or f.name in reported
    ]
    try:
        page.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            _reason(name, message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _reason(field: str, message: str) -> str:
    if field == "objectives":
        # The message names the objective; the reason says which rule of the row it breaks.
        return _("objectif hors des programmes du lieu : %(message)s") % {"message": message}
    if field == "access_modes":
        return _("mode d'accès hors des programmes du lieu : %(message)s") % {"message": message}
    if field == NON_FIELD_ERRORS:
        return message
    return _("colonne « %(column)s » : %(message)s") % {
        "column": COLUMN_OF_FIELD.get(field, field),
        "message": message,
    }
