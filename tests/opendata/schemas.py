"""The vendored HSDS 3.0 and 3.1 schemas, as `jsonschema` validators resolving their
references."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent / "hsds_schema"
FOLDERS = {"3.0": HERE, "3.1": Path(__file__).parent / "hsds_schema_3_1"}
BRANCHES = {"3.0": "3.0", "3.1": "3.1-dev"}
# Referenced by the specification's openapi.json directly, not from compiled/.
NOT_COMPILED = ("taxonomy.json", "taxonomy_term.json", "metadata.json")


@cache
def registry(version: str = "3.0") -> Registry:
    base = (
        f"https://raw.githubusercontent.com/openreferral/specification/{BRANCHES[version]}/schema/"
    )
    resources = []
    for path in FOLDERS[version].glob("*.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        names = [path.name, f"{base}{path.name}"]
        if path.name not in NOT_COMPILED:
            names.append(f"{base}compiled/{path.name}")
        resources += [(name, resource) for name in names]
    return Registry().with_resources(resources)


@cache
def _schema(version: str, name: str) -> dict:
    return json.loads((FOLDERS[version] / f"{name}.json").read_text())


def validate(name: str, instance, version: str = "3.0") -> None:
    validator = Draft202012Validator(
        _schema(version, name),
        registry=registry(version),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(instance)
