"""gunicorn's configuration for Rencontres (docs/deploy.md). gunicorn reads it from the working
directory by default, or with `-c gunicorn.conf.py`; command-line options override it, e.g.
`--bind 127.0.0.1:8001 --workers 4`.

The site's own settings come from the RENCONTRES_* environment (rencontres/env.py); this file only
says how gunicorn serves it: behind nginx on the loopback interface, several synchronous
workers (each request's database and cluster calls block; workers are processes, and the shared
cache keeps rate limits common to all of them).
"""

import multiprocessing
import os

wsgi_app = "rencontres.wsgi:application"

# nginx proxies to this address (docs/deploy.md); never exposed directly.
bind = "127.0.0.1:8000"
# WEB_CONCURRENCY is gunicorn's own variable; without it, two workers per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request slower than this is killed and logged: every page answers in well under a second,
# and a hung search cluster is given up after 2 s.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so that no slow leak grows for ever.
max_requests = 2000
max_requests_jitter = 200

# Only nginx on this host may say the request came over HTTPS (X-Forwarded-Proto); Django reads
# the client's address from X-Forwarded-For itself (RENCONTRES_TRUSTED_PROXIES).
forwarded_allow_ips = "127.0.0.1,::1"

# Logs to standard error, read by journald. gunicorn's access log stays off: its lines would
# hold the path and query string (tokens, where a family lives) and the client's address. The
# site writes its own, by route (rencontres/access_log.py).
accesslog = None
errorlog = "-"
