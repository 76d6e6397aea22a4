"""The daily open-data dump: every public place, as the places API shows it
(`directory.place_detail`, the discreet-place rule included), in JSON and in CSV, beside its
licence, and as an Open Referral HSDS tabular data package in `hsds/` (opendata.hsds.datapackage).
Written to `<MEDIA_ROOT>/opendata/` by `manage.py export_open_data`, each file (and the package's
folder) replaced whole: a reader never sees half a file; served by `opendata.views`."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from directory.place_detail import place_detail
from directory.records import place_records
from directory.search.criteria import public_places as public_places_in_french
from opendata.files import replace_directory, replace_file
from opendata.hsds import datapackage

JSON_NAME, CSV_NAME, LICENCE_NAME = "lieux.json", "lieux.csv", "LICENCE.txt"
FILES = (JSON_NAME, CSV_NAME, LICENCE_NAME)
# HSDS's bulk form, in a folder of its own: its descriptor names its CSV files by HSDS's names.
PACKAGE_DIR = "hsds"
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Rencontres — annuaire des lieux de rencontre enfants-parents",
}
LICENCE_TEXT = """Les données de ce dossier (lieux.json, lieux.csv, et le paquet de données
Open Referral HSDS hsds/datapackage.json avec ses fichiers CSV) sont publiées sous la licence
{name} : {url}

Vous pouvez les copier, les redistribuer et les adapter, y compris à des fins commerciales,
à condition de citer la source : « {attribution} », avec un lien vers {site}.

Les lieux discrets (espaces de rencontre accueillant des familles sous protection) n'y
figurent qu'avec leur commune : jamais leur adresse, leur code postal, leur courriel ni leur
position exacte.
"""
CSV_COLUMNS = (
    "id",
    "name",
    "url",
    "discreet",
    "street_address",
    "postcode",
    "commune",
    "commune_code",
    "country",
    "lat",
    "lon",
    "approximate",
    "phone",
    "email",
    "website",
    "opening_hours",
    "age_min_months",
    "age_max_months",
    "languages",
    "accessibility",
    "fee_kind",
    "fee_amount",
    "access_modes",
    "programmes",
    "objectives",
    "date_modified",
)


def dump_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "opendata"


def csv_row(place: dict) -> dict:
    hours = "; ".join(f"{h['day']} {h['opens']}-{h['closes']}" for h in place["opening_hours"])
    return {
        **{key: place[key] for key in ("id", "name", "url", "discreet", "date_modified")},
        **place["address"],
        "lat": place["location"]["lat"],
        "lon": place["location"]["lon"],
        "approximate": place["location"]["approximate"],
        **place["contact"],
        "opening_hours": hours,
        "age_min_months": place["ages"]["min_months"],
        "age_max_months": place["ages"]["max_months"],
        "languages": "|".join(lang["code"] for lang in place["languages"]),
        "accessibility": "|".join(a["slug"] for a in place["accessibility"]),
        "fee_kind": place["fee"]["kind"],
        "fee_amount": place["fee"]["amount"] or "",
        "access_modes": "|".join(m["slug"] for m in place["access"]["modes"]),
        "programmes": "|".join(p["slug"] for p in place["programmes"]),
        "objectives": "|".join(o["slug"] for o in place["objectives"]),
    }


# Places whose records are built together (directory.records: four queries per batch).
BATCH = 200


def public_places() -> Iterator[dict]:
    """Every public place as the detail API says it, in French (the language of the
    places' source pages)."""
    ids = list(public_places_in_french().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        for record in place_records(ids[start : start + BATCH], language=settings.LANGUAGE_CODE):
            yield place_detail(record)


def export(progress=None) -> int:
    """Writes the three files and the HSDS data package; `progress` is called once per
    place. Gives the places' count."""
    directory = dump_dir()
    directory.mkdir(parents=True, exist_ok=True)
    places = []
    for place in public_places():
        places.append(place)
        if progress:
            progress()
    generated = timezone.now()
    body = {"licence": LICENCE, "generated_at": generated, "count": len(places), "places": places}

    def write_json(stream):
        json.dump(body, stream, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)

    def write_csv(stream):
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_row(place) for place in places)

    def write_licence(stream):
        stream.write(LICENCE_TEXT.format(site=settings.WAGTAILADMIN_BASE_URL, **LICENCE))

    replace_file(directory / JSON_NAME, write_json)
    replace_file(directory / CSV_NAME, write_csv)
    replace_file(directory / LICENCE_NAME, write_licence)
    licence_text = LICENCE_TEXT.format(site=settings.WAGTAILADMIN_BASE_URL, **LICENCE)
    ids = [place["id"] for place in places]
    replace_directory(
        directory / PACKAGE_DIR,
        lambda folder: datapackage.write(folder, ids, LICENCE, licence_text),
    )
    return len(places)


def _files(folder: Path, names: tuple[str, ...]) -> list[dict]:
    found = []
    for name in names:
        path = folder / name
        if path.is_file():
            stat = path.stat()
            moment = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
            found.append({"name": name, "size": stat.st_size, "modified": moment})
    return found


def available() -> list[dict]:
    """The dump's files that exist, with their size and time."""
    return _files(dump_dir(), FILES)


def package_available() -> list[dict]:
    """The HSDS data package's files that exist, descriptor first."""
    return _files(dump_dir() / PACKAGE_DIR, datapackage.files())
