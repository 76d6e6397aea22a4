"""Bulk import of places from a CSV or XLSX list (``manage.py import_places``, admin upload).

One job, in four steps, row by row:

1. **parse**: the file becomes rows of text, keyed by the documented columns (docs/import.md);
2. **validate**: a row becomes a `PlaceData` (every value checked and looked up: commune through
   the gazetteer, programmes and objectives, hours), or the list of reasons it is rejected;
3. **plan**: the place with the row's external id is looked up; the row would *create* it,
   *update* it (naming the fields that change) or leave it *unchanged*;
4. **apply** (not in a dry run): geocode the address if the row gives no point, then write the
   place in a transaction of its own, through Wagtail's page API (``add_child`` then a
   published revision), so that the organiser group, the audit log and the search indexes
   follow as for a place made in the editor.

A rejected row never stops the others. Each row is written whole or not at all: an
interruption (Ctrl-C, a crash, a lost database) rolls back the row being written, and a run
started again picks up where the list left off, since rows already written are then unchanged.
A dry run writes nothing at all, not even the geocoder's cache: it does not geocode.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.ages import MAX_CHILD_AGE_MONTHS
from core.countries import Country
from core.weekdays import WEEKDAY_SLUGS
from directory.models import AccessibilityFeature, Language, OpeningHours, PlaceIndexPage, PlacePage
from directory.validation import objectives_outside_programmes_errors
from gazetteer.geocoding import geocode_place_address
from gazetteer.lookup import resolve_near
from gazetteer.models import Commune, PostalCode
from gazetteer.names import normalize
from objectives.models import AccessMode, Objective, Programme

SIX_PLACES = Decimal("0.000001")
MAX_ROWS = 20_000

# The documented column set (docs/import.md), in the order of a template file.
REQUIRED_COLUMNS = ["external_id", "name", "description", "postcode", "commune", "programmes"]
OPTIONAL_COLUMNS = [
    "country",
    "street_address",
    "latitude",
    "longitude",
    "discreet",
    "phone",
    "email",
    "website",
    "age_min_months",
    "age_max_months",
    "price",
    "access_mode",
    "access_details",
    "objectives",
    "languages",
    "accessibility",
    "opening_hours",
]
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

_LIST_SEPARATORS = re.compile(r"[;,|]")
_HOURS_SLOT = re.compile(
    r"^(?P<day>[^\W\d_]+)\.?\s+(?P<opens>\d{1,2}[:hH]\d{2})\s*[-–—à]\s*(?P<closes>\d{1,2}[:hH]\d{2})$"
)
_DAY_NAMES = {
    **{slug: day for day, slug in enumerate(WEEKDAY_SLUGS)},
    **dict(zip(["lun", "mar", "mer", "jeu", "ven", "sam", "dim"], range(7), strict=True)),
    **dict(
        zip(
            ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            range(7),
            strict=True,
        )
    ),
    **dict(
        zip(
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
            range(7),
            strict=True,
        )
    ),
}
_TRUE = {"1", "oui", "o", "yes", "y", "true", "vrai", "x"}
_FALSE = {"", "0", "non", "n", "no", "false", "faux"}

Action = Literal["create", "update", "unchanged", "reject"]


class ImportFileError(ValueError):
    """The file as a whole cannot be read: unknown format, missing columns, too many rows."""


# ---------------------------------------------------------------------------------------------
# Reports


@dataclass
class RowReport:
    """What happened (or, in a dry run, would happen) to one row, and why."""

    line: int  # as a spreadsheet numbers it: the header is line 1
    external_id: str
    name: str
    action: Action
    reasons: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    page_id: int | None = None

    @property
    def action_label(self) -> str:
        return action_labels()[self.action]


def action_labels() -> dict[str, str]:
    return {
        "create": _("création"),
        "update": _("mise à jour"),
        "unchanged": _("inchangé"),
        "reject": _("rejet"),
    }


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            action: self.count(action) for action in ("create", "update", "unchanged", "reject")
        }


# ---------------------------------------------------------------------------------------------
# 1. Parse


def _cell_text(value) -> str:
    """A spreadsheet cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_rows(content: bytes, filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for every non-empty row of a CSV or XLSX file."""
    extension = PurePath(filename).suffix.lower()
    if extension == ".xlsx":
        table = _xlsx_table(content)
    elif extension in {".csv", ".txt"}:
        table = _csv_table(content)
    else:
        raise ImportFileError(_("Format inconnu : envoyez un fichier .csv ou .xlsx."))
    try:
        header = next(table)
    except StopIteration:
        raise ImportFileError(_("Le fichier est vide.")) from None
    columns = [normalize(name).replace(" ", "_") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError(
            _("Colonnes obligatoires absentes : %(columns)s.") % {"columns": ", ".join(missing)}
        )
    unknown = [name for name in columns if name and name not in COLUMNS]
    if unknown:
        # A misspelt column would be silently ignored: better say so before anything is written.
        raise ImportFileError(
            _("Colonnes inconnues : %(columns)s (voir la liste des colonnes documentées).")
            % {"columns": ", ".join(unknown)}
        )
    for line, cells in enumerate(table, start=2):
        values = {
            name: _cell_text(cells[i]) if i < len(cells) else ""
            for i, name in enumerate(columns)
            if name
        }
        if not any(values.values()):
            continue
        if line > MAX_ROWS + 1:
            raise ImportFileError(
                _("Plus de %(max)s lignes : découpez le fichier.") % {"max": MAX_ROWS}
            )
        yield line, values


def _csv_table(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save CSV in Windows-1252.
        text = content.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_table(content: bytes) -> Iterator[list]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError) as error:
        raise ImportFileError(_("Ce fichier XLSX ne peut pas être lu.")) from error
    try:
        yield from (list(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


# ---------------------------------------------------------------------------------------------
# 2. Validate


@dataclass
class PlaceData:
    """A valid row: every value the place will have."""

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
    access_mode: str
    access_details: str
    programmes: list[Programme]
    objectives: list[Objective]
    languages: list[Language]
    accessibility: list[AccessibilityFeature]
    opening_hours: list[tuple[int, time, time]]

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Vocabulary:
    """Programmes, objectives, languages and accessibility features, read once per run;
    communes looked up once per distinct (country, commune, postcode)."""

    def __init__(self) -> None:
        self.programmes = {p.slug: p for p in Programme.objects.all()}
        self.objectives = {o.slug: o for o in Objective.objects.all()}
        self.languages = {language.code: language for language in Language.objects.all()}
        self.features = {f.slug: f for f in AccessibilityFeature.objects.all()}
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
    if text.isdigit():
        commune = Commune.objects.filter(country=country, code=text).first()
    else:
        wanted = normalize(text)
        candidates = [
            commune
            for commune in Commune.objects.filter(country=country, search_names__contains=wanted)
            if wanted in commune.search_names.split("|")
        ]
        # Homonyms (French communes of two départements): the one this postcode belongs to.
        in_postcode = [c for c in candidates if any(r.commune_id == c.pk for r in postcode_rows)]
        commune = (in_postcode or candidates or [None])[0]
        if commune is None:
            # A locality that is not a commune of its own (Jupille-sur-Meuse): the gazetteer
            # knows which commune it belongs to.
            point = resolve_near(f"{postcode} {text}")
            named = point is not None and any(
                normalize(r.locality) == wanted for r in postcode_rows
            )
            if named and point.commune_id:
                commune = Commune.objects.filter(pk=point.commune_id, country=country).first()
    if commune is None:
        return _("commune inconnue « %(commune)s »") % {"commune": text}
    if not any(row.commune_id == commune.pk for row in postcode_rows):
        return _("le code postal %(code)s n'appartient pas à la commune %(commune)s") % {
            "code": postcode,
            "commune": commune.name_fr,
        }
    return commune


def _split(text: str) -> list[str]:
    return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]


def _lookup(
    text: str, known: dict, reasons: list[str], message: str, key=lambda s: s.lower()
) -> list:
    found = []
    for value in _split(text):
        item = known.get(key(value))
        if item is None:
            reasons.append(message % {"value": value})
        elif item not in found:
            found.append(item)
    return found


def _parse_time(text: str) -> time:
    hours, minutes = re.split(r"[:hH]", text)
    return time(int(hours), int(minutes))


def parse_opening_hours(text: str) -> tuple[list[tuple[int, time, time]], list[str]]:
    """Slots like ``lun 09:00-12:00; mer 13h30-17h00`` (French, English or three-letter day
    names) and the reasons of the slots that cannot be read."""
    slots, reasons = [], []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _HOURS_SLOT.match(part)
        day = _DAY_NAMES.get(normalize(match["day"])) if match else None
        if match is None or day is None:
            reasons.append(_("horaire illisible « %(slot)s »") % {"slot": part})
            continue
        try:
            opens, closes = _parse_time(match["opens"]), _parse_time(match["closes"])
        except ValueError:
            reasons.append(_("heure impossible dans « %(slot)s »") % {"slot": part})
            continue
        if closes <= opens:
            reasons.append(_("la fermeture précède l'ouverture dans « %(slot)s »") % {"slot": part})
            continue
        slots.append((day, opens, closes))
    return sorted(set(slots)), reasons


def _decimal(text: str, low: int, high: int, label: str, reasons: list[str]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ".")).quantize(SIX_PLACES)
    except InvalidOperation:
        reasons.append(_("%(field)s illisible « %(value)s »") % {"field": label, "value": text})
        return None
    if not low <= value <= high:
        reasons.append(_("%(field)s hors limites : %(value)s") % {"field": label, "value": text})
        return None
    return value


def _months(text: str, default: int, label: str, reasons: list[str]) -> int:
    if not text:
        return default
    if not text.isdigit() or int(text) > MAX_CHILD_AGE_MONTHS:
        reasons.append(
            _("%(field)s : un nombre de mois de 0 à %(max)s, pas « %(value)s »")
            % {"field": label, "max": MAX_CHILD_AGE_MONTHS, "value": text}
        )
        return default
    return int(text)


def description_html(text: str) -> str:
    """Plain text to the rich text the editor stores: one paragraph per blank-line block."""
    if text.lstrip().startswith("<"):
        # Already HTML (an export of this site): the rich text field's own whitelist applies.
        return text.strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line.strip()) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def validate_row(values: dict[str, str], vocabulary: Vocabulary) -> PlaceData | list[str]:
    reasons: list[str] = []
    get = values.get
    for name in REQUIRED_COLUMNS:
        if not get(name, ""):
            reasons.append(_("colonne « %(column)s » vide") % {"column": name})
    external_id, title = get("external_id", ""), get("name", "")
    if len(external_id) > 100:
        reasons.append(_("identifiant externe trop long (100 caractères au plus)"))
    if len(title) > 255:
        reasons.append(_("nom trop long (255 caractères au plus)"))

    postcode = get("postcode", "").replace(" ", "")
    country = (get("country", "") or ("BE" if len(postcode) == 4 else "FR")).upper()
    if country not in Country.values:
        reasons.append(_("pays inconnu « %(value)s »") % {"value": country})
    commune = None
    if postcode and get("commune") and country in Country.values:
        found = vocabulary.commune(country, get("commune"), postcode)
        if isinstance(found, str):
            reasons.append(found)
        else:
            commune = found

    programmes = _lookup(
        get("programmes", ""), vocabulary.programmes, reasons, _("programme inconnu « %(value)s »")
    )
    objectives = _lookup(
        get("objectives", ""), vocabulary.objectives, reasons, _("objectif inconnu « %(value)s »")
    )
    reasons += [
        _("objectif hors des programmes du lieu : %(message)s") % {"message": message}
        for message in objectives_outside_programmes_errors(programmes, objectives)
    ]
    languages = _lookup(
        get("languages", ""), vocabulary.languages, reasons, _("langue inconnue « %(value)s »")
    )
    accessibility = _lookup(
        get("accessibility", ""),
        vocabulary.features,
        reasons,
        _("aménagement d'accessibilité inconnu « %(value)s »"),
    )
    opening_hours, hour_reasons = parse_opening_hours(get("opening_hours", ""))
    reasons += hour_reasons

    latitude = _decimal(get("latitude", ""), -90, 90, _("latitude"), reasons)
    longitude = _decimal(get("longitude", ""), -180, 180, _("longitude"), reasons)
    if bool(get("latitude", "")) != bool(get("longitude", "")):
        reasons.append(_("donnez la latitude et la longitude, ou aucune des deux"))

    discreet_text = get("discreet", "").lower()
    if discreet_text not in _TRUE | _FALSE:
        reasons.append(
            _("« discreet » attend oui ou non, pas « %(value)s »") % {"value": discreet_text}
        )
    age_min = _months(get("age_min_months", ""), 0, _("âge minimum"), reasons)
    age_max = _months(get("age_max_months", ""), 72, _("âge maximum"), reasons)
    if age_min > age_max:
        reasons.append(_("l'âge maximum précède l'âge minimum"))

    access_mode = get("access_mode", "") or (
        programmes[0].access_mode if programmes else AccessMode.DROP_IN
    )
    if access_mode not in AccessMode.values:
        reasons.append(
            _("mode d'accès inconnu « %(value)s » (%(choices)s)")
            % {"value": access_mode, "choices": ", ".join(AccessMode.values)}
        )
    email, website = get("email", ""), get("website", "")
    for value, validator, label in (
        (email, EmailValidator(), _("courriel")),
        (website, URLValidator(schemes=["http", "https"]), _("site web")),
    ):
        if value:
            try:
                validator(value)
            except ValidationError:
                reasons.append(
                    _("%(field)s invalide « %(value)s »") % {"field": label, "value": value}
                )

    if reasons:
        return reasons
    return PlaceData(
        external_id=external_id,
        title=title,
        description=description_html(get("description", "")),
        street_address=get("street_address", ""),
        postcode=postcode,
        commune=commune,
        country=country,
        latitude=latitude,
        longitude=longitude,
        is_discreet=discreet_text in _TRUE,
        phone=get("phone", ""),
        email=email,
        website=website,
        age_min_months=age_min,
        age_max_months=age_max,
        price=get("price", "") or _("Gratuit"),
        access_mode=access_mode,
        access_details=get("access_details", ""),
        programmes=programmes,
        objectives=objectives,
        languages=languages,
        accessibility=accessibility,
        opening_hours=opening_hours,
    )


# ---------------------------------------------------------------------------------------------
# 3. Plan


SIMPLE_FIELDS = [
    "title",
    "description",
    "street_address",
    "postcode",
    "country",
    "is_discreet",
    "phone",
    "email",
    "website",
    "age_min_months",
    "age_max_months",
    "price",
    "access_mode",
    "access_details",
]
RELATED_FIELDS = ["programmes", "objectives", "languages", "accessibility"]


def _address(place) -> tuple:
    return (place.street_address.strip(), place.postcode, place.commune.pk, place.country)


def changed_fields(page: PlacePage, data: PlaceData) -> list[str]:
    """The fields of `page` that `data` would change (coordinates only when the row gives
    them: a point found by the geocoder or set on the map is kept while the address stays)."""
    changes = [name for name in SIMPLE_FIELDS if getattr(page, name) != getattr(data, name)]
    if page.commune_id != data.commune.pk:
        changes.append("commune")
    if data.has_point and (page.latitude, page.longitude) != (data.latitude, data.longitude):
        changes.append("position")
    for name in RELATED_FIELDS:
        current = {item.pk for item in getattr(page, name).all()}
        if current != {item.pk for item in getattr(data, name)}:
            changes.append(name)
    hours = sorted((s.weekday, s.opens, s.closes) for s in page.opening_hours.all())
    if hours != data.opening_hours:
        changes.append("opening_hours")
    return changes


# ---------------------------------------------------------------------------------------------
# 4. Apply


def _unique_slug(parent: PlaceIndexPage, title: str) -> str:
    base = (slugify(title) or "lieu")[:200].rstrip("-")
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _fill(page: PlacePage, data: PlaceData, point: tuple[Decimal, Decimal] | None) -> None:
    for name in SIMPLE_FIELDS:
        setattr(page, name, getattr(data, name))
    page.commune = data.commune
    page.external_id = data.external_id
    if point is not None:
        page.latitude, page.longitude = point
    # modelcluster keeps these in memory until the revision is published.
    page.programmes = data.programmes
    page.objectives = data.objectives
    page.languages = data.languages
    page.accessibility = data.accessibility
    page.opening_hours = [
        OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=order)
        for order, (day, opens, closes) in enumerate(data.opening_hours)
    ]


def _point_for(data: PlaceData, page: PlacePage | None) -> tuple[Decimal, Decimal] | None:
    """The row's point; else the page's, while its address stays; else the geocoder's (None
    when it cannot say: the place is then shown at its commune until someone sets it)."""
    if data.has_point:
        return data.latitude, data.longitude
    if page is not None and page.latitude is not None and _address(page) == _address(data):
        return page.latitude, page.longitude
    return geocode_place_address(
        street=data.street_address,
        postcode=data.postcode,
        commune_name=data.commune.name_fr,
        country=data.country,
    )


def _create(parent: PlaceIndexPage, data: PlaceData, user) -> PlacePage:
    point = _point_for(data, None)
    with transaction.atomic():
        page = PlacePage(slug=_unique_slug(parent, data.title), live=False)
        _fill(page, data, point)
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user, log_action=False).publish(user=user)
    return page


def _update(page: PlacePage, data: PlaceData, user) -> PlacePage:
    point = _point_for(data, page)
    with transaction.atomic():
        # Lock the row: an editor saving the same place meanwhile waits for this revision.
        page = PlacePage.objects.select_for_update().get(pk=page.pk)
        if point is None:
            page.latitude = page.longitude = None
        _fill(page, data, point)
        page.save_revision(user=user, log_action=True).publish(user=user)
    return page


# ---------------------------------------------------------------------------------------------
# The run


def import_places(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    dry_run: bool,
    user=None,
    progress: Callable[[RowReport], None] | None = None,
) -> ImportReport:
    """Validate and plan every row and, unless `dry_run`, write each valid one in its own
    transaction. `progress` is called after each row with its report."""
    parent = PlaceIndexPage.objects.first()
    if parent is None:
        raise ImportFileError(_("Aucun annuaire des lieux : lancez d'abord `manage.py migrate`."))
    vocabulary = Vocabulary()
    report = ImportReport(dry_run=dry_run)
    seen: dict[str, int] = {}
    for line, values in rows:
        row = _run_row(line, values, vocabulary, seen, parent, dry_run, user)
        report.rows.append(row)
        if progress is not None:
            progress(row)
    return report


def _run_row(line, values, vocabulary, seen, parent, dry_run, user) -> RowReport:
    external_id, name = values.get("external_id", ""), values.get("name", "")
    row = RowReport(line=line, external_id=external_id, name=name, action="reject")
    if external_id and external_id in seen:
        row.reasons.append(
            _("identifiant externe déjà vu ligne %(line)s") % {"line": seen[external_id]}
        )
        return row
    if external_id:
        seen[external_id] = line
    data = validate_row(values, vocabulary)
    if isinstance(data, list):
        row.reasons = data
        return row

    page = (
        PlacePage.objects.filter(external_id=data.external_id)
        .select_related("commune")
        .prefetch_related(*RELATED_FIELDS, "opening_hours")
        .first()
    )
    if page is None:
        row.action = "create"
    else:
        row.page_id = page.pk
        row.changes = changed_fields(page, data)
        row.action = "update" if row.changes else "unchanged"
    if row.action == "unchanged":
        return row
    if not data.has_point and data.street_address:
        if page is None or _address(page) != _address(data) or page.latitude is None:
            row.notes.append(_("adresse à géolocaliser"))
    if dry_run:
        return row
    row.page_id = (_create(parent, data, user) if page is None else _update(page, data, user)).pk
    return row
