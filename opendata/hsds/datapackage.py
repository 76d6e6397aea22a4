"""The open-data dump as HSDS's bulk form: a tabular data package (`datapackage.json` and one
CSV per HSDS table, https://docs.openreferral.org/en/3.0/hsds/serialization.html), with the
dump's licence. Its rows are the HSDS API's records (opendata.hsds.records, each place's public
record), cut into tables: a record nested in another becomes a row of its own table, and rows
of one id said from several places (a place's phone, linked to its service, location and
contact) are one row with every link. The live room's `service_capacity` is left out: it
changes by the minute, a daily file would say a stale number."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from opendata.hsds import records, taxonomy

DESCRIPTOR_NAME, LICENCE_NAME = "datapackage.json", "LICENCE.txt"
HSDS_VERSION = "3.0"

# Each HSDS table we fill: its file (the specification's name) and its columns in the
# specification's order, with a type where it is not a string.
TABLES: dict[str, tuple[str, str]] = {
    "organization": ("organizations.csv", "id name description email website uri"),
    "service": (
        "services.csv",
        "id organization_id name description url email status application_process "
        "fees_description eligibility_description minimum_age:number maximum_age:number "
        # `language`, beyond the specification: the language of the texts (the API's too).
        "alert last_modified:datetime language",
    ),
    "location": (
        "locations.csv",
        "id location_type url organization_id name description latitude:number "
        "longitude:number external_identifier external_identifier_type",
    ),
    "service_at_location": ("service_at_location.csv", "id service_id location_id"),
    "address": (
        "addresses.csv",
        "id location_id address_1 city state_province postal_code country address_type",
    ),
    "phone": (
        "phones.csv",
        "id location_id service_id organization_id contact_id service_at_location_id number type",
    ),
    "contact": ("contacts.csv", "id organization_id service_id name email"),
    "schedule": (
        "schedules.csv",
        "id service_id service_at_location_id valid_from:date valid_to:date wkst freq "
        "interval:number byday description opens_at:time closes_at:time attending_type notes",
    ),
    "service_area": ("service_areas.csv", "id service_id name description"),
    "required_document": ("required_documents.csv", "id service_id document"),
    "language": ("languages.csv", "id service_id location_id name code"),
    "accessibility": ("accessibility.csv", "id location_id description details"),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        "id code name description parent_id language taxonomy_id term_uri",
    ),
    "attribute": ("attributes.csv", "id link_id taxonomy_term_id link_type link_entity value"),
    "cost_option": (
        "cost_options.csv",
        "id service_id option currency amount:number amount_description",
    ),
    "taxonomy": ("taxonomies.csv", "id name description uri version"),
}

# The key a nested record is found under → its table. None: not in the bulk form.
NESTED = {
    "organization": "organization",
    "phones": "phone",
    "schedules": "schedule",
    "service_at_locations": "service_at_location",
    "location": "location",
    "addresses": "address",
    "languages": "language",
    "accessibility": "accessibility",
    "cost_options": "cost_option",
    "contacts": "contact",
    "attributes": "attribute",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "required_documents": "required_document",
    "service_areas": "service_area",
    "capacities": None,
    "additional_urls": None,
}

# Each link column → the table whose `id` it names.
LINKS = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "contact_id": "contact",
    "service_at_location_id": "service_at_location",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
    "parent_id": "taxonomy_term",
}

# Times are said "09:30" by HSDS; Table Schema's default wants seconds.
FORMATS = {"time": "%H:%M"}


def columns(table: str) -> list[tuple[str, str]]:
    return [
        (name, kind or "string")
        for name, _, kind in (column.partition(":") for column in TABLES[table][1].split())
    ]


def schema(table: str) -> dict:
    fields = []
    for name, kind in columns(table):
        field = {"name": name, "type": kind}
        if kind in FORMATS:
            field["format"] = FORMATS[kind]
        if name == "id":
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    foreign_keys = [
        {"fields": [name], "reference": {"resource": LINKS[name], "fields": ["id"]}}
        for name, _ in columns(table)
        if name in LINKS
    ]
    return {"fields": fields, "primaryKey": ["id"], "foreignKeys": foreign_keys}


def descriptor(licence: dict, generated: datetime) -> dict:
    return {
        "profile": "tabular-data-package",
        "name": "rencontres-hsds",
        "title": "Rencontres — lieux de rencontre enfants-parents (Open Referral HSDS 3.0)",
        "description": (
            "Les lieux publics de l'annuaire au format Open Referral HSDS 3.0, en tables. "
            "Les lieux discrets n'y figurent qu'avec leur commune."
        ),
        "homepage": f"{settings.WAGTAILADMIN_BASE_URL}/donnees-ouvertes/",
        "version": HSDS_VERSION,
        "created": generated.isoformat(),
        "licenses": [{"name": "CC-BY-4.0", "path": licence["url"], "title": licence["name"]}],
        "sources": [{"title": licence["attribution"], "path": settings.WAGTAILADMIN_BASE_URL}],
        "resources": [
            {
                "name": table,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(table),
            }
            for table, (path, _) in TABLES.items()
        ],
    }


class Tables:
    """Rows by table and id, merged when one id is said more than once."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict]] = {table: {} for table in TABLES}

    def add(self, table: str, record: dict) -> None:
        row = {}
        for key, value in record.items():
            if isinstance(value, dict | list):
                nested = NESTED[key]
                for item in value if isinstance(value, list) else [value]:
                    if nested:
                        self.add(nested, item)
            else:
                row[key] = value
        self.rows[table].setdefault(row["id"], {}).update(row)

    def of(self, table: str) -> Iterator[dict]:
        return iter(self.rows[table].values())


# Places whose records are built together (directory.records: a fixed number of queries each).
BATCH = 200


def tables(ids: Iterable[int]) -> Tables:
    """The places `ids` and the whole taxonomy, as HSDS tables."""
    found = Tables()
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        for place in records.hsds_places(ids[start : start + BATCH]):
            found.add("service", records.service(place))
    for record in taxonomy.taxonomies():
        found.add("taxonomy", record)
    for term in taxonomy.all_terms():
        found.add("taxonomy_term", term)
    return found


def write(folder: Path, ids: Iterable[int], licence: dict, licence_text: str) -> None:
    """The descriptor, one CSV per table (a header alone when it has no row) and the licence,
    into `folder`."""
    found = tables(ids)
    for table, (path, _) in TABLES.items():
        with (folder / path).open("w", encoding="utf-8", newline="") as stream:
            names = [name for name, _ in columns(table)]
            writer = csv.DictWriter(stream, fieldnames=names, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(found.of(table))
    created = timezone.now()
    with (folder / DESCRIPTOR_NAME).open("w", encoding="utf-8") as stream:
        json.dump(descriptor(licence, created), stream, ensure_ascii=False, indent=1)
    (folder / LICENCE_NAME).write_text(licence_text, encoding="utf-8")


def files() -> tuple[str, ...]:
    return (DESCRIPTOR_NAME, LICENCE_NAME, *(path for path, _ in TABLES.values()))
