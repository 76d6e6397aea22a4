"""The vendored HSDS 3.0 schemas, as `jsonschema` validators resolving their references."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent / "hsds_schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@cache
def registry() -> Registry:
    resources = []
    for path in HERE.glob("*.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        names = [path.name, f"{BASE}{path.name}"]
        if path.name not in ("taxonomy.json", "taxonomy_term.json", "metadata.json"):
            names.append(f"{BASE}compiled/{path.name}")
        resources += [(name, resource) for name in names]
    return Registry().with_resources(resources)


def validate(name: str, instance) -> None:
    schema = json.loads((HERE / f"{name}.json").read_text())
    validator = Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(instance)
