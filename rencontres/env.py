"""The one typed schema of the environment variables the platform reads.

Every variable is documented in the README's configuration table; keep both in step.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BASE_DIR = Path(__file__).resolve().parent.parent

# Only ever used when DEBUG is on; check --deploy would flag it, and Settings refuses it otherwise.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105


class SearchFlavour(StrEnum):
    OPENSEARCH2 = "opensearch2"
    OPENSEARCH3 = "opensearch3"
    ELASTICSEARCH8 = "elasticsearch8"


# Shards: OpenSearch's and Elasticsearch's own limit; replicas: more copies than nodes any
# operator of this site would run is a typo.
SEARCH_COPIES_RANGE = {"search_shards": (1, 1024), "search_replicas": (0, 20)}


def _split_commas(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    # An error never repeats the value it refuses: several variables hold secrets (the search
    # cluster's URLs, the SMS centre's); the messages name the variable and say what is expected.
    model_config = SettingsConfigDict(
        env_prefix="RENCONTRES_", extra="ignore", hide_input_in_errors=True
    )

    debug: bool = False
    secret_key: SecretStr | None = None
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    csrf_trusted_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    database_url: str = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    base_url: str = "http://127.0.0.1:8000"
    https: bool = False
    # How many reverse proxies in front of the site append to X-Forwarded-For (nginx: 1). The
    # client's address is the one the outermost of them saw; 0 trusts no header at all.
    trusted_proxies: int = Field(default=0, ge=0, le=5)
    # A Redis-protocol server (redis://host:6379/0) shared by every worker for rate limits and
    # caches; unset, each process keeps its own in memory (fine for one process only).
    cache_url: str | None = None

    # One node's URL or several, comma-separated (the nodes of one cluster); credentials may be
    # in them (https://user:password@search.example.org), so the value is a secret, never shown.
    search_url: SecretStr | None = None
    search_flavour: SearchFlavour = SearchFlavour.OPENSEARCH2
    search_index_prefix: str = "rencontres"
    # A CA bundle (PEM) for a cluster whose TLS certificate a private CA signed.
    search_ca_file: Path | None = None
    # Every index the site creates on the cluster: its primary shards and the copies of each.
    search_shards: int = 1
    search_replicas: int = 0
    search_breaker_seconds: int = Field(default=30, ge=1, le=3600)
    kept_responses_seconds: int = Field(default=60, ge=0, le=3600)

    geocoder: str = "nominatim"
    geocoder_url: str | None = None
    geocoder_user_agent: str = "rencontres"
    geocoder_min_delay_seconds: float = 1.0
    geocoder_timeout_seconds: float = 5.0
    # French addresses: geopy's BANFrance (the Base adresse nationale) unless set empty, then
    # the geocoder above.
    geocoder_france: str = "banfrance"
    geocoder_france_url: str | None = None

    email_host: str | None = None
    # The wait before an e-mail's second attempt after a transient failure, doubled at each
    # attempt (core.mail): 60 s, then 2, 4… minutes, for 24 hours.
    mail_retry_first_seconds: int = Field(default=60, ge=1, le=3600)
    email_port: int = 587
    email_user: str = ""
    email_password: SecretStr = SecretStr("")
    email_use_tls: bool = True
    default_from_email: str = "Rencontres <noreply@localhost>"

    # The SMS centre, « smpp://system_id:password@host:2775 » (smpps:// for TLS); unset, texts
    # are printed on the console (or written to RENCONTRES_SMS_FILE_PATH): core.texting.
    smpp_url: SecretStr | None = None
    sms_source: str = Field(default="Rencontres", max_length=11)
    sms_file_path: Path | None = None
    # Text parts a programme may send in a calendar month; texts of one kind to one number an
    # hour; how long a phone-only registration holds its seat until its code is typed.
    sms_monthly_cap: int = Field(default=2000, ge=0)
    sms_per_number_hourly: int = Field(default=3, ge=1, le=100)
    sms_hold_minutes: int = Field(default=15, ge=5, le=120)

    activities_window_days: int = Field(default=183, ge=7, le=731)
    registration_retention_days: int = Field(default=30, ge=0, le=3650)
    registration_rate_limit: int = Field(default=10, ge=1)
    # The programme's PDF: renderings at once per machine, renderings per client address per
    # 10 minutes (what is already rendered is given without counting).
    programme_pdf_renders: int = Field(default=1, ge=1, le=16)
    programme_pdf_rate_limit: int = Field(default=10, ge=1)
    place_freshness_months: int = Field(default=6, ge=1, le=36)
    organiser_invitation_days: int = Field(default=14, ge=1, le=90)
    problem_report_rate_limit: int = Field(default=5, ge=1)
    problem_report_retention_days: int = Field(default=90, ge=0, le=3650)
    # The weekly sums of the family searches (three years by default); the events themselves
    # last a day at most, until the daily aggregation.
    search_statistics_retention_weeks: int = Field(default=156, ge=1, le=1040)
    login_failure_limit: int = Field(default=10, ge=1, le=1000)
    login_cooloff_minutes: int = Field(default=30, ge=1)
    login_address_failure_limit: int = Field(default=20, ge=1, le=10000)

    # Languages the places', activities' and notices' texts may be translated into beside the
    # interface's three (ISO 639-1 codes, docs/languages-families.md); the interface stays
    # French, Dutch and English.
    family_languages: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["ar", "tr", "ro", "uk", "es", "pt"]
    )

    map_tiles_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    map_tiles_attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    )

    media_root: Path = BASE_DIR / "media"
    # Files every worker of one host shares: the search breaker's state without a cache server.
    state_dir: Path = BASE_DIR / "var" / "state"
    static_root: Path = BASE_DIR / "static_collected"

    @field_validator("base_url")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("an absolute http(s) URL, such as https://rencontres.example.org")
        try:
            parts.port  # noqa: B018 -- raises ValueError for a port out of range
        except ValueError as error:
            raise ValueError(f"a valid port: {error}") from None
        return value.rstrip("/")

    @field_validator("search_url")
    @classmethod
    def _search_urls(cls, value: SecretStr | None) -> SecretStr | None:
        urls = _split_commas(value.get_secret_value()) if value is not None else []
        for position, url in enumerate(urls, start=1):
            parts = urlsplit(url)
            try:
                parts.port  # noqa: B018 -- raises ValueError for a port out of range
            except ValueError:
                parts = parts._replace(netloc="")
            # The URL itself is not repeated: it may hold a password.
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(
                    f"RENCONTRES_SEARCH_URL: URL number {position} is not an absolute http(s) "
                    "URL with a valid port, such as https://search.example.org:9200"
                )
        return SecretStr(",".join(urls)) if urls else None

    @field_validator("search_shards", "search_replicas", mode="before")
    @classmethod
    def _index_copies(cls, value: object, info: ValidationInfo) -> int:
        lowest, highest = SEARCH_COPIES_RANGE[info.field_name]
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or not lowest <= number <= highest:
            raise ValueError(
                f"RENCONTRES_{info.field_name.upper()} must be a whole number from {lowest} to "
                f"{highest}, not {value!r}"
            )
        return number

    @field_validator("search_ca_file")
    @classmethod
    def _ca_file_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"RENCONTRES_SEARCH_CA_FILE: no file at {value}")
        return value

    @property
    def search_urls(self) -> list[str]:
        """The cluster's node URLs, credentials included (for the clients only)."""
        return self.search_url.get_secret_value().split(",") if self.search_url else []

    @model_validator(mode="before")
    @classmethod
    def _lists_from_commas(cls, data: object) -> object:
        if isinstance(data, dict):
            for key in ("allowed_hosts", "csrf_trusted_origins", "family_languages"):
                if key in data:
                    data[key] = _split_commas(data[key])
        return data

    @field_validator("family_languages")
    @classmethod
    def _language_codes(cls, value: list[str]) -> list[str]:
        from django.conf.locale import LANG_INFO

        codes = [code.lower() for code in value]
        unknown = [code for code in codes if code not in LANG_INFO or len(code) != 2]
        if unknown:
            raise ValueError(f"ISO 639-1 codes Django knows, not {', '.join(unknown)}")
        if {"fr", "nl", "en"} & set(codes):
            raise ValueError("languages beside the interface's: fr, nl and en are already there")
        return list(dict.fromkeys(codes))

    @model_validator(mode="after")
    def _secret_key_required_in_production(self) -> Settings:
        if self.secret_key is None:
            if not self.debug:
                raise ValueError("RENCONTRES_SECRET_KEY must be set when RENCONTRES_DEBUG is off.")
            self.secret_key = SecretStr(DEVELOPMENT_SECRET_KEY)
        return self
