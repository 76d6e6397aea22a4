"""Ten programme PDFs asked at once while clients search the API, for the production smoke step.

    .venv/bin/python scripts/pdf_burst.py --origin https://localhost:8443 --connect 127.0.0.1 \
        [--pdfs 10] [--clients 4] [--before 4] [--target-ratio 3] SEARCH_PATH PDF_PATH

SEARCH_PATH is searched by --clients clients (as scripts/load.py's: a `{n}` becomes a number
never used before, so no kept answer stands in) for --before seconds, then PDF_PATH is asked
--pdfs times at once (a `{n}` in it becomes 0, 1, … for each: `radius_km=19{n}` asks 190 to
199 km, which the site normalises to one document) while the search goes on, until every PDF
request has its answer; the search goes on a moment more, and stops. Prints the search's p95
before and during the burst, their ratio measured in this one run and whether it meets
--target-ratio (a figure, as the benchmarks print theirs: how busy the machine is moves it, so
it never fails the step), and the PDF answers; exits 1 when:

- a search answered anything but 200;
- a PDF answered anything but 200, or the site's 503/429 « réessayez » page with Retry-After
  (a 5xx from the proxy, a 500, a timeout), or none answered 200.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from urllib.parse import urlsplit

from load import FRESH, REQUEST_TIMEOUT_SECONDS, Target, percentile


def ask(target: Target, path: str) -> tuple[str, http.client.HTTPMessage | None, bytes, float]:
    started = time.monotonic()
    connection = target.connection()
    try:
        connection.request("GET", path, headers={"Host": target.host, "Accept": "*/*"})
        response = connection.getresponse()
        body = response.read()
        return str(response.status), response.headers, body, time.monotonic() - started
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__, None, b"", time.monotonic() - started
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--origin", required=True)
    parser.add_argument("--connect")
    parser.add_argument("--pdfs", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--before", type=float, default=4.0)
    parser.add_argument("--target-ratio", type=float, default=3.0)
    parser.add_argument("search_path")
    parser.add_argument("pdf_path")
    options = parser.parse_args(argv)
    origin = urlsplit(options.origin)
    target = Target(
        origin.scheme, origin.netloc, origin.port or 443, options.connect or origin.hostname
    )

    # (moment asked, latency, status) of every search.
    searches: list[tuple[float, float, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            asked = time.monotonic()
            status, _headers, _body, latency = ask(
                target, options.search_path.replace("{n}", str(next(FRESH)))
            )
            with lock:
                searches.append((asked, latency, status))

    clients = [threading.Thread(target=searcher, daemon=True) for _ in range(options.clients)]
    for thread in clients:
        thread.start()
    time.sleep(options.before)

    burst_started = time.monotonic()
    answers: list[tuple[str, str, float]] = []

    def pdf(number: int) -> None:
        status, headers, body, latency = ask(target, options.pdf_path.replace("{n}", str(number)))
        kind = ""
        if headers is not None:
            kind = headers.get("Content-Type", "")
            if status in ("503", "429"):
                retry = headers.get("Retry-After") or ""
                ours = "ssayez dans" in body.decode(errors="replace")
                kind = "refused" if retry.isdigit() and ours else f"bad refusal ({retry!r})"
        with lock:
            answers.append((status, kind, latency))

    burst = [threading.Thread(target=pdf, args=(n,)) for n in range(options.pdfs)]
    for thread in burst:
        thread.start()
    for thread in burst:
        thread.join(REQUEST_TIMEOUT_SECONDS + 5)
    burst_ended = time.monotonic()
    # The search goes on a moment after the last PDF answer: a worker may still be rendering.
    time.sleep(min(2.0, burst_ended - burst_started))
    stop.set()
    for thread in clients:
        thread.join(REQUEST_TIMEOUT_SECONDS + 5)

    before = [lat for asked, lat, _ in searches if asked < burst_started]
    during = [lat for asked, lat, _ in searches if burst_started <= asked < burst_ended]
    p95_before, p95_during = percentile(before, 0.95), percentile(during, 0.95)
    ratio = p95_during / max(p95_before, 0.001)
    bad_searches = [status for _, _, status in searches if status != "200"]
    statuses: dict[str, int] = {}
    for status, kind, _ in answers:
        label = status if status == "200" else f"{status} {kind}"
        statuses[label] = statuses.get(label, 0) + 1
    slowest = max((latency for *_, latency in answers), default=0.0)
    problems = []
    target = "met" if ratio <= options.target_ratio else "MISSED"
    if bad_searches:
        problems.append(f"{len(bad_searches)} search(es) not 200: {sorted(set(bad_searches))}")
    wrong = [f"{s} {k}" for s, k, _ in answers if s != "200" and k != "refused"]
    if wrong or len(answers) < options.pdfs:
        problems.append(f"PDF answers other than 200 or the 503/429 page: {wrong or 'missing'}")
    if not any(status == "200" for status, _, _ in answers):
        problems.append("no PDF was answered")
    print(
        f"  {'ok  ' if not problems else 'FAIL'}  {options.pdfs} PDFs at once: "
        + ", ".join(f"{label}×{n}" for label, n in sorted(statuses.items()))
        + f", the last after {slowest:.1f} s; search p95 {p95_before * 1000:.0f} ms before "
        f"({len(before)} searches), {p95_during * 1000:.0f} ms during ({len(during)}): "
        f"ratio {ratio:.2f} (target at most {options.target_ratio:g}: {target})"
    )
    for problem in problems:
        print(f"          {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
