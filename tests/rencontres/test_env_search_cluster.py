"""The search cluster's variables: several node URLs (credentials kept secret), a CA bundle, the
shards and replicas of every index the site creates."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rencontres.env import Settings
from tests.rencontres.test_settings import production_environ, settings_values

pytestmark = pytest.mark.any_database

SECRET = "s3cret-pass"


@pytest.fixture
def environ(monkeypatch):
    for variable in (
        "RENCONTRES_SEARCH_URL",
        "RENCONTRES_SEARCH_CA_FILE",
        "RENCONTRES_SEARCH_SHARDS",
        "RENCONTRES_SEARCH_REPLICAS",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("RENCONTRES_SECRET_KEY", "x" * 50)
    return monkeypatch


def test_unset_means_the_database_one_shard_and_no_replica(environ):
    env = Settings()
    assert (env.search_url, env.search_urls) == (None, [])
    assert (env.search_shards, env.search_replicas, env.search_ca_file) == (1, 0, None)


def test_several_urls_are_read_from_commas_and_the_credentials_never_shown(environ):
    environ.setenv(
        "RENCONTRES_SEARCH_URL",
        f" https://site:{SECRET}@a.example.org:9200, https://site:{SECRET}@b.example.org:9200 ,",
    )
    env = Settings()
    assert env.search_urls == [
        f"https://site:{SECRET}@a.example.org:9200",
        f"https://site:{SECRET}@b.example.org:9200",
    ]
    assert SECRET not in repr(env) and SECRET not in str(env.model_dump())


@pytest.mark.parametrize(
    "value",
    [f"search.example.org:{SECRET}", f"http://a:9200,ftp://site:{SECRET}@b", "http://a:99999"],
)
def test_a_bad_url_is_refused_naming_the_variable_not_the_url(environ, value):
    environ.setenv("RENCONTRES_SEARCH_URL", value)
    with pytest.raises(ValidationError, match="RENCONTRES_SEARCH_URL: URL number") as error:
        Settings()
    assert SECRET not in str(error.value)


def test_shards_and_replicas_are_whole_numbers(environ):
    environ.setenv("RENCONTRES_SEARCH_SHARDS", " 3 ")
    environ.setenv("RENCONTRES_SEARCH_REPLICAS", "1")
    env = Settings()
    assert (env.search_shards, env.search_replicas) == (3, 1)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("RENCONTRES_SEARCH_REPLICAS", "-1"),
        ("RENCONTRES_SEARCH_REPLICAS", "un"),
        ("RENCONTRES_SEARCH_REPLICAS", "21"),
        ("RENCONTRES_SEARCH_SHARDS", "0"),
        ("RENCONTRES_SEARCH_SHARDS", "1.5"),
    ],
)
def test_a_bad_count_is_a_configuration_error_naming_the_variable(environ, variable, value):
    environ.setenv(variable, value)
    with pytest.raises(ValidationError, match=f"{variable} must be a whole number from"):
        Settings()


def test_the_ca_file_must_exist(environ, tmp_path):
    environ.setenv("RENCONTRES_SEARCH_CA_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(ValidationError, match="RENCONTRES_SEARCH_CA_FILE: no file at"):
        Settings()


def test_the_settings_give_every_url_the_ca_and_the_copies_to_both_searches(tmp_path):
    ca = tmp_path / "private-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    env = production_environ(tmp_path)
    env |= {
        "RENCONTRES_SEARCH_URL": f"https://site:{SECRET}@a.example.org:9200,https://b.example.org",
        "RENCONTRES_SEARCH_FLAVOUR": "opensearch3",
        "RENCONTRES_SEARCH_CA_FILE": str(ca),
        "RENCONTRES_SEARCH_SHARDS": "2",
        "RENCONTRES_SEARCH_REPLICAS": "1",
    }
    values = settings_values(
        env, cluster="settings.SEARCH_CLUSTER", wagtail="settings.WAGTAILSEARCH_BACKENDS['default']"
    )
    cluster, wagtail = values["cluster"], values["wagtail"]
    assert cluster["url"] == f"https://site:{SECRET}@a.example.org:9200,https://b.example.org"
    assert (cluster["ca_file"], cluster["shards"], cluster["replicas"]) == (str(ca), 2, 1)
    assert wagtail["URLS"] == [f"https://site:{SECRET}@a.example.org:9200", "https://b.example.org"]
    assert wagtail["INDEX_SETTINGS"] == {
        "settings": {"index": {"number_of_shards": 2, "number_of_replicas": 1}}
    }
    assert wagtail["OPTIONS"] == {"ca_certs": str(ca)}
