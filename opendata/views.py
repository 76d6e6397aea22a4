"""The "Open data" page (`/donnees-ouvertes/`): the daily dump's files and licence, and the
APIs other systems read; and the dump's files themselves."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opendata.dump import (
    FILES,
    LICENCE,
    PACKAGE_DIR,
    available,
    dump_dir,
    package_available,
)
from opendata.hsds import datapackage

CONTENT_TYPES = {".json": "application/json", ".csv": "text/csv; charset=utf-8"}


@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    context = {"files": available(), "package": package_available(), "licence": LICENCE}
    return render(request, "opendata/open_data.html", context)


def _served(path: Path) -> FileResponse:
    if not path.is_file():
        raise Http404(path.name)
    name = path.name
    content_type = CONTENT_TYPES.get(path.suffix, "text/plain; charset=utf-8")
    response = FileResponse(path.open("rb"), content_type=content_type, filename=name)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def dump_file(request: HttpRequest, name: str) -> FileResponse:
    if name not in FILES:
        raise Http404(name)
    return _served(dump_dir() / name)


@require_safe
def package_file(request: HttpRequest, name: str) -> FileResponse:
    """A file of the HSDS data package, by the name its descriptor gives it."""
    if name not in datapackage.files():
        raise Http404(name)
    return _served(dump_dir() / PACKAGE_DIR / name)
