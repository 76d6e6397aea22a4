"""The "Open data" page (`/donnees-ouvertes/`): the daily dump's files and licence, and the
APIs other systems read; and the dump's files themselves."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opendata.dump import CSV_NAME, FILES, JSON_NAME, LICENCE, available, dump_dir

CONTENT_TYPES = {
    JSON_NAME: "application/json",
    CSV_NAME: "text/csv; charset=utf-8",
}


@require_safe
def open_data_page(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/open_data.html", {"files": available(), "licence": LICENCE})


@require_safe
def dump_file(request: HttpRequest, name: str) -> FileResponse:
    path = dump_dir() / name
    if name not in FILES or not path.is_file():
        raise Http404(name)
    content_type = CONTENT_TYPES.get(name, "text/plain; charset=utf-8")
    response = FileResponse(path.open("rb"), content_type=content_type, filename=name)
    response["Access-Control-Allow-Origin"] = "*"
    return response
