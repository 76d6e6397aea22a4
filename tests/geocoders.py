"""Local HTTP servers that speak the geocoders' protocols, for geopy's real clients to call.

- `NominatimStandIn` answers ``GET /search`` as Nominatim does (``format=json``/``jsonv2``: a
  list of places with ``lat``, ``lon`` and ``display_name``; ``[]`` when nothing matches).
- `BANFranceStandIn` answers ``GET /search`` as the *Base adresse nationale* does (a GeoJSON
  FeatureCollection whose features have ``[lon, lat]`` points and a ``label``).

Each counts the requests it receives, and can fail (HTTP 500), answer late (`delay` seconds), or
be stopped. What they know: a fragment of the query, lower-cased, and its place.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class StandIn:
    known: dict[str, tuple[str, str, str]] = {}

    def __init__(self, known: dict[str, tuple[str, str, str]] | None = None):
        self.known = dict(known if known is not None else self.known)
        self.mode = "ok"  # "ok", "error" (HTTP 500) or "slow" (answers after `delay` seconds)
        self.delay = 0.0
        self.requests: list[dict] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                params = {key: values[0] for key, values in parse_qs(url.query).items()}
                stand_in.requests.append(
                    {
                        "at": time.monotonic(),
                        "path": url.path,
                        "params": params,
                        "user_agent": self.headers.get("User-Agent"),
                    }
                )
                if stand_in.mode == "error":
                    return self._send(500, b"Internal Server Error", "text/plain")
                if stand_in.mode == "slow":
                    time.sleep(stand_in.delay)
                status, body = stand_in.answer(url.path, params)
                return self._send(status, json.dumps(body).encode(), stand_in.content_type)

            def _send(self, status, body, content_type):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        self.running = True

    content_type = "application/json; charset=utf-8"

    def matches(self, query: str) -> list[tuple[str, str, str]]:
        query = query.lower()
        return [place for fragment, place in self.known.items() if fragment in query]

    def answer(self, path: str, params: dict) -> tuple[int, object]:
        raise NotImplementedError

    @property
    def searches(self) -> list[dict]:
        return [r for r in self.requests if r["path"].rstrip("/") == "/search"]

    def stop(self):
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self._thread.join(timeout=5)
            self.running = False


class NominatimStandIn(StandIn):
    known = {
        "rue féronstrée 1": ("50.6451237891", "5.5765431234", "Rue Féronstrée 1, 4000 Liège"),
        "place saint-lambert": ("50.6453000", "5.5730000", "Place Saint-Lambert, 4000 Liège"),
    }

    def answer(self, path, params):
        if path != "/search" or params.get("format") not in {"json", "jsonv2"}:
            return 400, {"error": "bad request"}
        places = [
            {"place_id": 1, "lat": lat, "lon": lon, "display_name": name}
            for lat, lon, name in self.matches(params.get("q", ""))
        ]
        return 200, places[: int(params.get("limit", "10"))]


class BANFranceStandIn(StandIn):
    known = {
        "12 rue de la paix": ("48.869152", "2.331447", "12 Rue de la Paix 75002 Paris"),
    }
    content_type = "application/geo+json; charset=utf-8"

    def answer(self, path, params):
        if path.rstrip("/") != "/search" or not params.get("q"):
            return 400, {"code": 400, "message": "q: required"}
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": {"label": label, "score": 0.97, "type": "housenumber"},
            }
            for lat, lon, label in self.matches(params["q"])
        ]
        limit = int(params.get("limit", "5"))
        return 200, {"type": "FeatureCollection", "version": "draft", "features": features[:limit]}
