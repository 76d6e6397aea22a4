"""The daily open-data dump: every public place, as the places API shows it
(`directory.place_detail`, the discreet-place rule included), in JSON and in CSV, beside its
licence. Written to `<MEDIA_ROOT>/opendata/` by `manage.py export_open_data`, each file replaced
whole (a reader never sees half a file); served by `opendata.views`."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from directory.place_detail import place_detail
from directory.records import place_records
from directory.search.criteria import public_places as public_places_in_french

JSON_NAME, CSV_NAME, LICENCE_NAME = "lieux.json", "lieux.csv", "LICENCE.txt"
FILES = (JSON_NAME, CSV_NAME, LICENCE_NAME)
LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Rencontres — annuaire des lieux de rencontre enfants-parents",
}
LICENCE_TEXT = """Les données de ce dossier (lieux.json, lieux.csv) sont publiées sous la licence
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


def _replace(path: Path, write) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    replaced = False
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        replaced = True
    finally:
        if not replaced:
            os.unlink(temporary)


def export(progress=None) -> int:
    """Writes the three files; `progress` is called once per place. Gives the places' count."""
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

    _replace(directory / JSON_NAME, write_json)
    _replace(directory / CSV_NAME, write_csv)
    _replace(directory / LICENCE_NAME, write_licence)
    return len(places)


def available() -> list[dict]:
    """The dump's files that exist, with their size and time."""
    found = []
    for name in FILES:
        path = dump_dir() / name
        if path.is_file():
            stat = path.stat()
            moment = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
            found.append({"name": name, "size": stat.st_size, "modified": moment})
    return found
