"""The environment schema and the production settings `manage.py check --deploy` accepts."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from pydantic import ValidationError

from rencontres.env import BASE_DIR, DEVELOPMENT_SECRET_KEY, Settings


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
