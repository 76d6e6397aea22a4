"""Examples in the OpenAPI description: every operation shows what it answers (`openapi_extra`
of a django-ninja route)."""

from __future__ import annotations

from typing import Any

JSON = "application/json"

BAD_REQUEST_EXAMPLE = {
    "errors": {"radius_km": ["Assurez-vous que cette valeur est inférieure ou égale à 200."]}
}
NOT_FOUND_EXAMPLE = {"errors": {"place_id": ["Aucun lieu public ne porte cet identifiant."]}}


def examples(ok: Any, media: str = JSON, **others: Any) -> dict:
    """`openapi_extra` giving the 200 answer's example, and others by status (`s400=…`)."""
    # Integer statuses, as django-ninja keys its responses.
    responses = {200: {"content": {media: {"example": ok}}}}
    for key, example in others.items():
        responses[int(key.removeprefix("s"))] = {"content": {JSON: {"example": example}}}
    return {"responses": responses}


def named_examples(**named: tuple[str, Any]) -> dict:
    """`openapi_extra` giving several 200 answers, each by name with its summary: an answer
    whose shape changes with what was found (`name=(summary, value)`)."""
    content = {
        name: {"summary": summary, "value": value} for name, (summary, value) in named.items()
    }
    return {"responses": {200: {"content": {JSON: {"examples": content}}}}}


def merged(*extras: dict | None) -> dict:
    """Several `openapi_extra` dicts as one (parameters and responses side by side)."""
    result: dict = {}
    for extra in extras:
        for key, value in (extra or {}).items():
            if isinstance(value, dict) and isinstance(result.get(key), dict):
                result[key] = merged(result[key], value)
            else:
                result[key] = value
    return result
