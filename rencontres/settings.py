"""Django settings: one module, every value read from the environment through `rencontres.env`."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import get_language_info

from rencontres.env import BASE_DIR, Settings

ENV = Settings()

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key.get_secret_value()
ALLOWED_HOSTS = ENV.allowed_hosts or (["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

INSTALLED_APPS = [
    "rencontres",
    "objectives",
    "gazetteer",
    "directory",
    "activities",
    "organisers",
    "campaigns",
    "alerts",
    "orientations",
    "projects",
    "opendata",
    # After the apps: its ready() wires the search handlers to the indexes theirs registered.
    "core",
    # Content translation (docs/languages-content.md); its locales admin replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "leaflet",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First, so that its time covers every other middleware.
    "rencontres.access_log.AccessLogMiddleware",
    # Before HEAD becomes GET: a family's GET search, fresh or kept, leaves its anonymous event
    # once the response is sent (core.search.events).
    "core.search.events.SearchEventMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rencontres.middleware.HeadAsGetMiddleware",
    # Read-only CORS for /api/ (any origin, GET/HEAD/OPTIONS, no credentials).
    "rencontres.cors.ReadOnlyCorsMiddleware",
    # Before the frame options: it reads the X-Frame-Options the view or that middleware chose.
    "rencontres.middleware.ContentSecurityPolicyMiddleware",
    "rencontres.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (which must see the language prefix): the
    # language from the URL's prefix, then the remembered choice and the first visit's redirect.
    "django.middleware.locale.LocaleMiddleware",
    "rencontres.languages.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # wagtail-localize's page translation, for the pages the user may edit.
    "directory.translation_rights.TranslateOwnPagesMiddleware",
    # Wagtail's site-wide reports, for ONE staff only.
    "rencontres.staff_reports.StaffReportsMiddleware",
    # A view that cannot reach the database answers a 503 page, not a 500.
    "rencontres.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rencontres.urls"
WSGI_APPLICATION = "rencontres.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "rencontres.languages.languages",
            ],
        },
    },
]

# Health checks: a connection kept from before a database restart is tested before it is reused.
DATABASES = {
    "default": dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock when it begins: two registrations counting a
    # session's places at once then run one after the other instead of both seeing a free
    # place (PostgreSQL gets a row lock from select_for_update instead).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def caches_for(url: str | None, state_dir: Path = ENV.state_dir) -> dict:
    """Rate limits and hot look-ups live in the cache: one Redis-protocol server shared by every
    worker and host when RENCONTRES_CACHE_URL is set; otherwise each process's memory, which only
    holds with a single process (the development server, the tests). The Redis backend is
    Django's, answering as an empty cache while its server is unreachable (core.cache).

    The search cluster's circuit breaker (core.search.breaker) must be common to every worker
    even without a Redis server: then it keeps its few keys in files under `state_dir`, which
    every worker of the host reads (one small file read per search, no server, no query)."""
    if not url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "search-breaker": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(state_dir / "search-breaker"),
            },
        }
    redis = {
        "BACKEND": "core.cache.SoftRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "rencontres",
        # Short: a dead server costs this once per few seconds per worker (core.cache's breaker).
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.25},
    }
    return {"default": redis, "search-breaker": redis}


CACHES = caches_for(ENV.cache_url)
# Files every worker of one host shares (the search breaker without a cache server, core.slots).
STATE_DIR = ENV.state_dir

# The client's address past this many reverse proxies (core.clients.client_address).
TRUSTED_PROXY_COUNT = ENV.trusted_proxies

# Admin login throttling (django-axes): after this many wrong passwords for one user name from one
# client address, that pair is refused until the cool-off ends. Attempts are kept in the database,
# shared by every worker; the address is the client's behind the proxies, not the proxy's.
# Beside it, by address alone (rencontres.login_throttle, before the password is checked): after
# LOGIN_ADDRESS_FAILURE_LIMIT failures with any user names within the cool-off, the address is
# refused for as long (password spraying).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rencontres.login_throttle.AddressLockBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = ENV.login_failure_limit
AXES_COOLOFF_TIME = timedelta(minutes=ENV.login_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "rencontres.login_throttle.lockout_response"
# Axes' log lines name the address's network and the path, never the address or the user name.
AXES_CLIENT_STR_CALLABLE = "rencontres.login_throttle.client_str"
LOGIN_ADDRESS_FAILURE_LIMIT = ENV.login_address_failure_limit
LOGIN_ADDRESS_COOLOFF_MINUTES = ENV.login_cooloff_minutes

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
# The interface's languages (menus, buttons, e-mails, texts to families, the URLs' prefixes).
INTERFACE_LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
# Languages families read, which places, activities and notices may be translated into beside
# the interface's (docs/languages-families.md). In LANGUAGES because Wagtail wants its content
# languages there; rencontres/languages.py keeps the interface to the three above.
FAMILY_LANGUAGES = [(code, get_language_info(code)["name_local"]) for code in ENV.family_languages]
LANGUAGES = INTERFACE_LANGUAGES + FAMILY_LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language a visitor chose is remembered for a year (rencontres/languages.py); Django's
# default forgets it when the browser closes.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
# Pages have a locale; French is the source every place and activity is written in, Dutch and
# English translations exist where someone made them (docs/languages-content.md), and the
# families' languages' (docs/languages-families.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.static_root
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.media_root
STORAGES = {
    # Images are stored without their metadata (GPS position, camera owner, thumbnails).
    "default": {"BACKEND": "core.storage.MetadataFreeStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

if ENV.email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = ENV.email_host
    EMAIL_PORT = ENV.email_port
    EMAIL_HOST_USER = ENV.email_user
    EMAIL_HOST_PASSWORD = ENV.email_password.get_secret_value()
    EMAIL_USE_TLS = ENV.email_use_tls
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Background work (registration e-mails): a queue in the database, run by `manage.py run_worker`
# beside the web server; tests run each task at once (tests/settings.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A mail server that accepts the connection and then says nothing costs a worker 20 s, not ever.
EMAIL_TIMEOUT = 20
# An e-mail's attempts after a transient failure (core.mail): the first delay, doubled at each
# attempt up to the longest, for the window from the first attempt; a failed message's content
# is kept that long for ONE staff to resend. The worker's heartbeat is late past its limit.
MAIL_RETRY_FIRST_DELAY = timedelta(seconds=ENV.mail_retry_first_seconds)
MAIL_RETRY_MAX_DELAY = timedelta(hours=4)
MAIL_RETRY_WINDOW = timedelta(hours=24)
MAIL_FAILED_RETENTION = timedelta(days=30)
# How long the change feeds remember a removed record (core.tombstones, docs/partners-sync.md).
TOMBSTONE_RETENTION = timedelta(days=180)
WORKER_HEARTBEAT_LATE = timedelta(seconds=60)
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email

# Behind HTTPS every cookie and redirect hardening that check --deploy asks for is switched on.
if ENV.https:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form sent with a missing or stale CSRF token: a page in the visitor's language, not Django's.
CSRF_FAILURE_VIEW = "rencontres.errors.csrf_failure"


def _tiles_source(url_template: str) -> str:
    """The origin a tile URL template loads from ({s} subdomains become a wildcard)."""
    parts = urlsplit(url_template.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else SELF


# Content-Security-Policy (django-csp): scripts, styles, fonts and frames from the site only; images
# also from the map tile server. No inline script runs without the request's nonce. Responses
# that allow same-origin framing (Wagtail's preview) get frame-ancestors 'self'
# (rencontres.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", _tiles_source(ENV.map_tiles_url)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin: no inline script either, but the request's nonce on the few Wagtail writes
# itself (rencontres.admin_scripts), so a script stored in content never runs in a staff member's
# browser. Inline styles are allowed there (Wagtail sets style attributes throughout, and a style
# cannot run code). Public pages allow neither.
CONTENT_SECURITY_POLICY_ADMIN_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
}
# Permissions-Policy: the browser features the site never uses are off for it and anything it
# embeds; geolocation is the map page's "around me".
PERMISSIONS_POLICY = {
    **dict.fromkeys(
        ("accelerometer", "autoplay", "camera", "display-capture", "gyroscope", "magnetometer"),
        (),
    ),
    **dict.fromkeys(("microphone", "midi", "payment", "usb"), ()),
    "geolocation": ("self",),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"route_not_path": {"()": "rencontres.access_log.RouteNotPath"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Each request's line (rencontres.access_log): its route, never its path or address.
        "rencontres": {"level": "INFO"},
        # Refusals (4xx) are in the access log already; errors name the route, not the path.
        "django.request": {"level": "ERROR", "filters": ["route_not_path"]},
        "directory": {"level": "INFO"},
        "activities": {"level": "INFO"},
        # The worker's outages and each e-mail's kind and fate (never its address).
        "core.worker": {"level": "INFO"},
        "core.mail": {"level": "INFO"},
        # A cluster failure is logged once by core.search (its error, never the family's query);
        # the clients' own warning adds a traceback per failed request.
        "opensearch": {"level": "ERROR"},
        "elastic_transport": {"level": "ERROR"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Rencontres"
WAGTAILADMIN_BASE_URL = ENV.base_url
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Staff avatars are never fetched from an outside service (it would learn their e-mail's hash),
# nor is Wagtail's release feed (the admin's pages reach nothing but the site).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Unset cluster URL: Wagtail's database search. Set: the matching cluster backend, and the
# database backend kept up to date beside it, because family search falls back to the database
# engine (and its text search) when the cluster does not answer.
# On PostgreSQL, the text search configuration that folds accents (rencontres migration 0003);
# SQLite's backend reads no configuration.
DATABASE_SEARCH_BACKEND = {
    "BACKEND": "core.search.database_backend",
    "SEARCH_CONFIG": "rencontres_search",
}
# Every index created on the cluster, the family search's and Wagtail's: its primary shards and
# the copies of each (a rebuild fills with none, then asks for these: core.search.copies).
SEARCH_INDEX_COPIES = {
    "number_of_shards": ENV.search_shards,
    "number_of_replicas": ENV.search_replicas,
}
WAGTAILSEARCH_BACKENDS = (
    {
        "default": {
            # Wagtail's backend for the flavour, answered from the database when the cluster
            # does not answer (core/search/wagtail_backends.py).
            "BACKEND": f"core.search.wagtail_backends.{ENV.search_flavour.value.capitalize()}",
            "URLS": ENV.search_urls,
            "INDEX_PREFIX": f"{ENV.search_index_prefix}-wagtail-",
            "INDEX_SETTINGS": {"settings": {"index": SEARCH_INDEX_COPIES}},
            "OPTIONS": {"ca_certs": str(ENV.search_ca_file)} if ENV.search_ca_file else {},
        },
        "database": DATABASE_SEARCH_BACKEND,
    }
    if ENV.search_url
    else {"default": DATABASE_SEARCH_BACKEND}
)

# Family search: unset cluster URL means the database engine answers every search. Each
# registered index is read through the alias `<index_prefix>-<index name>` ("rencontres-places").
SEARCH_CLUSTER = {
    # Comma-separated node URLs, as given (credentials included: read by the clients only).
    "url": ENV.search_url.get_secret_value() if ENV.search_url else None,
    "flavour": str(ENV.search_flavour),
    "index_prefix": ENV.search_index_prefix,
    "ca_file": str(ENV.search_ca_file) if ENV.search_ca_file else None,
    "shards": ENV.search_shards,
    "replicas": ENV.search_replicas,
    # After a cluster failure, searches leave it alone this long (core.search.breaker).
    "breaker_seconds": ENV.search_breaker_seconds,
}
# Public responses (search API answers, place pages) are kept this long at most, and dropped
# as soon as the public content changes and every engine shows it (core.kept); 0 keeps none.
KEPT_RESPONSES_SECONDS = ENV.kept_responses_seconds

# Maps: django-leaflet's bundled Leaflet; tiles from a configurable server.
LEAFLET_CONFIG = {
    "TILES": [("OpenStreetMap", ENV.map_tiles_url, {"attribution": ENV.map_tiles_attribution})],
    "DEFAULT_CENTER": (50.5, 4.6),
    "DEFAULT_ZOOM": 8,
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}

# Messages the public can make the site send (a registration's or an alert's confirmation, the
# answer to a problem report, an orientation): at most this many of one kind to one recipient per
# this many seconds, whoever asks (core.recipients).
DAY_SECONDS = 24 * 3600
RECIPIENT_LIMITS = ((1, 3600), (3, DAY_SECONDS))

# Activities: sessions are stored for a rolling window (extended daily by
# `manage.py extend_occurrences`); registrations are deleted this many days after their session.
ACTIVITIES = {
    "window_days": ENV.activities_window_days,
    "retention_days": ENV.registration_retention_days,
    # Registration form submissions per client address: at most this many per this many seconds.
    "registration_rate": (ENV.registration_rate_limit, 600),
    # The programme's PDF (activities.programme): at most this many rendered at once per machine
    # (core.slots), this many renderings per client address per this many seconds, and a rendered
    # one kept this many seconds (or until the public content changes; nothing is kept when
    # KEPT_RESPONSES_SECONDS is 0).
    "programme_pdf_renders": ENV.programme_pdf_renders,
    "programme_pdf_rate": (ENV.programme_pdf_rate_limit, 600),
    "programme_pdf_kept_seconds": 600,
}

# Text messages (core.texting, docs/sms.md): through the SMS centre of RENCONTRES_SMPP_URL; without
# one, printed on the console or written to RENCONTRES_SMS_FILE_PATH.
SMS = {
    "url": ENV.smpp_url.get_secret_value() if ENV.smpp_url else None,
    "backend": "smpp" if ENV.smpp_url else ("file" if ENV.sms_file_path else "console"),
    "file_path": ENV.sms_file_path,
    "source": ENV.sms_source,
    "monthly_cap": ENV.sms_monthly_cap,
    "per_number_hourly": ENV.sms_per_number_hourly,
    "hold_minutes": ENV.sms_hold_minutes,
    # How long a send stays bound to read the receipts that come at once.
    "listen_seconds": 1.0,
}

# A listing not verified for this many months is stale: its organisers are reminded; twice as
# long, and the public page says so.
FRESHNESS = {"months": ENV.place_freshness_months}

# Organisers: how long an invitation's link works; problem reports per client address (at most
# this many per this many seconds), and how long a closed report is kept.
ORGANISERS = {
    "invitation_days": ENV.organiser_invitation_days,
    # Invitations one organiser may send per day, and how often one address may be invited (by
    # anyone) per day (core.recipients.may_send, kind "invitation").
    "invitation_rate": (20, DAY_SECONDS),
    "invitation_recipient_limits": ((3, DAY_SECONDS),),
    "report_rate": (ENV.problem_report_rate_limit, 600),
    "report_retention_days": ENV.problem_report_retention_days,
}
# Orientations from professionals (docs/orientations.md): how long an invitation's link works
# and how many one person may send a day; an orientation unanswered this many days expires, its
# place reminded this many days before; the family's fields are cleared this many days after the
# answer or the expiry; at most this many messages a day to one family's address.
ORIENTATIONS = {
    "invitation_days": ENV.organiser_invitation_days,
    "invitations_per_day": 20,
    "expiry_days": 30,
    "reminder_days_before": 7,
    "retention_days": 183,
    "family_messages_per_day": 3,
}
# Where families look (core.search.events, docs/search-statistics.md): each process gathers the
# searches' anonymous events and writes them every `buffer_events` events (or at the first
# search after `buffer_seconds`, and when it exits); `manage.py aggregate_search_events` (daily)
# adds them to their ISO week and deletes them; the weekly sums are kept `retention_weeks` weeks.
SEARCH_STATISTICS = {
    "retention_weeks": ENV.search_statistics_retention_weeks,
    "buffer_events": 50,
    "buffer_seconds": 300,
}
# Search alerts: an address not confirmed within this many hours is deleted (its link expires).
ALERTS = {
    "confirm_hours": 48,
    # Subscriptions per client address: as many as registrations, in their own count.
    "subscribe_rate": (ENV.registration_rate_limit, 600),
}

GEOCODER = {
    "name": ENV.geocoder,
    "url": ENV.geocoder_url,
    "user_agent": ENV.geocoder_user_agent,
    "min_delay_seconds": ENV.geocoder_min_delay_seconds,
    "timeout_seconds": ENV.geocoder_timeout_seconds,
}
# French addresses go to this service (its other settings are GEOCODER's).
GEOCODER_FRANCE = {"name": ENV.geocoder_france, "url": ENV.geocoder_france_url}
