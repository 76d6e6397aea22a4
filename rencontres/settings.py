"""Django settings: one module, every value read from the environment through `rencontres.env`."""

import dj_database_url

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
    "projects",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Every transaction takes SQLite's write lock when it begins: two registrations counting a
    # session's places at once then run one after the other instead of both seeing a free
    # place (PostgreSQL gets a row lock from select_for_update instead).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.static_root
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.media_root
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
# Background work (registration e-mails): a queue in the database, run by `manage.py db_worker`
# beside the web server; tests run each task at once (tests/settings.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "rencontres": {"level": "INFO"},
        "directory": {"level": "INFO"},
        "activities": {"level": "INFO"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Rencontres"
WAGTAILADMIN_BASE_URL = ENV.base_url
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Unset cluster URL: Wagtail's database search. Set: the matching cluster backend, and the
# database backend kept up to date beside it, because family search falls back to the database
# engine (and its text search) when the cluster does not answer.
DATABASE_SEARCH_BACKEND = {"BACKEND": "core.search.database_backend"}
WAGTAILSEARCH_BACKENDS = (
    {
        "default": {
            # Wagtail's backend for the flavour, answered from the database when the cluster
            # does not answer (core/search/wagtail_backends.py).
            "BACKEND": f"core.search.wagtail_backends.{ENV.search_flavour.value.capitalize()}",
            "URLS": [ENV.search_url],
            "INDEX_PREFIX": f"{ENV.search_index_prefix}-wagtail-",
        },
        "database": DATABASE_SEARCH_BACKEND,
    }
    if ENV.search_url
    else {"default": DATABASE_SEARCH_BACKEND}
)

# Family search: unset cluster URL means the database engine answers every search. Each
# registered index is read through the alias `<index_prefix>-<index name>` ("rencontres-places").
SEARCH_CLUSTER = {
    "url": ENV.search_url,
    "flavour": str(ENV.search_flavour),
    "index_prefix": ENV.search_index_prefix,
    # After a cluster failure, searches leave it alone this long (core.search.breaker).
    "breaker_seconds": ENV.search_breaker_seconds,
}

# Maps: django-leaflet's bundled Leaflet; tiles from a configurable server.
LEAFLET_CONFIG = {
    "TILES": [("OpenStreetMap", ENV.map_tiles_url, {"attribution": ENV.map_tiles_attribution})],
    "DEFAULT_CENTER": (50.5, 4.6),
    "DEFAULT_ZOOM": 8,
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}

# Activities: sessions are stored for a rolling window (extended daily by
# `manage.py extend_occurrences`); registrations are deleted this many days after their session.
ACTIVITIES = {
    "window_days": ENV.activities_window_days,
    "retention_days": ENV.registration_retention_days,
    # Registration form submissions per client address: at most this many per this many seconds.
    "registration_rate": (ENV.registration_rate_limit, 600),
}

GEOCODER = {
    "name": ENV.geocoder,
    "url": ENV.geocoder_url,
    "user_agent": ENV.geocoder_user_agent,
    "min_delay_seconds": ENV.geocoder_min_delay_seconds,
    "timeout_seconds": ENV.geocoder_timeout_seconds,
}
