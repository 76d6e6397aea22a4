"""Every operation of the public API shows an example of each answer it documents."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_operation_has_examples(client):
    schema = client.get("/api/v1/schema/").json()
    operations = [(path, op) for path, ops in schema["paths"].items() for op in ops.values()]
    assert len(operations) >= 8
    for path, operation in operations:
        for status, response in operation["responses"].items():
            contents = response.get("content", {})
            assert contents, (path, status)
            assert any("example" in content for content in contents.values()), (path, status)
