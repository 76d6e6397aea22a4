"""The environment schema and the production settings `manage.py check --deploy` accepts."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from pydantic import ValidationError

from rencontres.env import BASE_DIR, DEVELOPMENT_SECRET_KEY, Settings

pytestmark = pytest.mark.any_database


def clean_environ(**variables: str) -> dict[str, str]:
    """This process's environment without any RENCONTRES_ or Django variable, plus `variables`."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("RENCONTRES_", "DJANGO_"))
    }
    return {**environ, **variables}


def production_environ(tmp_path) -> dict[str, str]:
    return clean_environ(
        DJANGO_SETTINGS_MODULE="rencontres.settings",
        RENCONTRES_DEBUG="0",
        RENCONTRES_SECRET_KEY=secrets.token_urlsafe(64),
        RENCONTRES_ALLOWED_HOSTS="rencontres.example.org,www.rencontres.example.org",
        RENCONTRES_CSRF_TRUSTED_ORIGINS="https://rencontres.example.org",
        RENCONTRES_BASE_URL="https://rencontres.example.org",
        RENCONTRES_HTTPS="1",
        RENCONTRES_DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        RENCONTRES_MEDIA_ROOT=str(tmp_path / "media"),
        RENCONTRES_STATIC_ROOT=str(tmp_path / "static"),
        # Behind nginx, several workers sharing one cache (nothing is asked of the cache here).
        RENCONTRES_TRUSTED_PROXIES="1",
        RENCONTRES_CACHE_URL="redis://127.0.0.1:6379/0",
    )


def manage(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, str(BASE_DIR / "manage.py"), *arguments],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_variables(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=production_environ(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout, output
    assert "WARNING" not in output, output


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    env = production_environ(tmp_path)
    del env["RENCONTRES_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "RENCONTRES_SECRET_KEY must be set" in result.stderr


def test_schema_refuses_missing_secret_key_when_debug_is_off(monkeypatch):
    monkeypatch.delenv("RENCONTRES_SECRET_KEY", raising=False)
    monkeypatch.setenv("RENCONTRES_DEBUG", "0")
    with pytest.raises(ValidationError, match="RENCONTRES_SECRET_KEY must be set"):
        Settings()


def test_schema_with_no_variable_at_all_is_production_and_refuses(monkeypatch):
    for key in list(os.environ):
        if key.startswith("RENCONTRES_"):
            monkeypatch.delenv(key)
    with pytest.raises(ValidationError):
        Settings()


def test_development_key_only_when_debug_is_on(monkeypatch):
    monkeypatch.delenv("RENCONTRES_SECRET_KEY", raising=False)
    monkeypatch.setenv("RENCONTRES_DEBUG", "1")
    assert Settings().secret_key.get_secret_value() == DEVELOPMENT_SECRET_KEY


def test_lists_are_read_from_commas(monkeypatch):
    monkeypatch.setenv("RENCONTRES_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("RENCONTRES_ALLOWED_HOSTS", " a.example.org, b.example.org ,")
    monkeypatch.setenv("RENCONTRES_CSRF_TRUSTED_ORIGINS", "https://a.example.org")
    env = Settings()
    assert env.allowed_hosts == ["a.example.org", "b.example.org"]
    assert env.csrf_trusted_origins == ["https://a.example.org"]


def settings_values(env: dict[str, str], **expressions: str) -> dict:
    """The values of these expressions of the settings, as the environment makes them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{{', '.join(f'{k!r}: {v}' for k, v in expressions.items())}}}))"
    )
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_use_the_shared_cache_the_proxies_and_the_tile_server(tmp_path):
    env = production_environ(tmp_path)
    env["RENCONTRES_MAP_TILES_URL"] = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    values = settings_values(
        env,
        cache="settings.CACHES['default']",
        proxies="settings.TRUSTED_PROXY_COUNT",
        axes_address="settings.AXES_CLIENT_IP_CALLABLE",
        images="settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
    )
    assert values["cache"]["BACKEND"] == "core.cache.SoftRedisCache"  # Django's, made soft
    assert values["cache"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert values["proxies"] == 1
    assert values["axes_address"] == "core.clients.client_address"
    assert "https://*.tiles.example.org" in values["images"]


def test_without_a_cache_url_each_process_keeps_its_own(tmp_path):
    env = production_environ(tmp_path)
    del env["RENCONTRES_CACHE_URL"], env["RENCONTRES_TRUSTED_PROXIES"]
    values = settings_values(
        env, backend="settings.CACHES['default']['BACKEND']", proxies="settings.TRUSTED_PROXY_COUNT"
    )
    assert values == {"backend": "django.core.cache.backends.locmem.LocMemCache", "proxies": 0}


@pytest.mark.parametrize("value", ["-1", "6", "deux"])
def test_trusted_proxies_out_of_range_are_refused(monkeypatch, value):
    monkeypatch.setenv("RENCONTRES_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("RENCONTRES_TRUSTED_PROXIES", value)
    with pytest.raises(ValidationError):
        Settings()


def test_no_static_file_names_a_source_map_that_is_not_shipped():
    """collectstatic with DEBUG off (the manifest storage) fails on a file naming a missing
    source map, and every HTML page answers 500 without its manifest."""
    import re

    missing = []
    for path in (BASE_DIR / "static").rglob("*"):
        if path.suffix not in {".js", ".css"}:
            continue
        for name in re.findall(r"sourceMappingURL=([^\s*]+)", path.read_text(errors="replace")):
            if not name.startswith("data:") and not (path.parent / name).exists():
                missing.append(f"{path.relative_to(BASE_DIR)} -> {name}")
    assert missing == []
