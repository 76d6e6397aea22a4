"""Every operation of the public API shows an example of each answer it documents, and every
example is an answer its own schema accepts: a partner copying an example never reads a field
the API does not give."""

import pytest
from jsonschema import Draft202012Validator

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]

SCHEMA_URLS = ("/api/v1/schema/",)


def response_examples(document: dict):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                for media, content in response.get("content", {}).items():
                    if "schema" not in content:
                        continue
                    found = dict(content.get("examples", {}))
                    if "example" in content:
                        found["example"] = {"value": content["example"]}
                    for name, example in found.items():
                        yield (
                            f"{method.upper()} {path} {status} {media} {name}",
                            (
                                content["schema"],
                                example["value"],
                            ),
                        )


def test_every_operation_has_examples(client):
    schema = client.get("/api/v1/schema/").json()
    operations = [(path, op) for path, ops in schema["paths"].items() for op in ops.values()]
    assert len(operations) >= 8
    for path, operation in operations:
        for status, response in operation["responses"].items():
            contents = response.get("content", {})
            assert contents, (path, status)
            assert any({"example", "examples"} & set(content) for content in contents.values()), (
                path,
                status,
            )


@pytest.mark.parametrize("schema_url", SCHEMA_URLS)
def test_every_example_is_valid_against_its_schema(client, schema_url):
    document = client.get(schema_url).json()
    examples = dict(response_examples(document))
    names = set(examples)
    assert any("/places/ 200" in name and "homonyms" in name for name in names)
    invalid = {}
    for name, (schema, value) in examples.items():
        # OpenAPI 3.1 schemas are JSON Schema 2020-12, their `$ref`s point into the
        # document's components: given beside the schema, they resolve.
        validator = Draft202012Validator({**schema, "components": document["components"]})
        errors = [error.message for error in validator.iter_errors(value)]
        if errors:
            invalid[name] = errors[:3]
    assert not invalid
