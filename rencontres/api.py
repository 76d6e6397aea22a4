"""The public JSON API (`/api/v1/`) and its OpenAPI description (`/api/v1/schema/`), assembled
from the routers the apps register through the `register_api_router` hook (a function giving a
`(prefix, router)` pair), so that no app imports another's routes."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from wagtail import hooks

from core.search.openapi import live_choices

API_ROUTER_HOOK = "register_api_router"


# Every route answers in the language `lang` names (rencontres.languages.LanguageChoiceMiddleware).
LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "La langue des noms et des messages : fr (par défaut), nl ou en. "
    "Sans lui, l'en-tête Accept-Language choisit.",
    "schema": {"type": "string", "enum": [code for code, _name in settings.INTERFACE_LANGUAGES]},
}


# What a route that takes no other parameter answers to an unknown `lang`.
LANG_REFUSED = {
    "description": "Bad Request",
    "content": {
        "application/json": {
            # The search routes' error body (core.search.api.ErrorOut), which the schema holds.
            "schema": {"$ref": "#/components/schemas/ErrorOut"},
            "example": {"errors": {"lang": ["Langue inconnue : choisissez fr, nl ou en."]}},
        }
    },
}


def with_lang_parameter(schema: dict) -> dict:
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("parameters", []).append(LANG_PARAMETER)
            operation.setdefault("responses", {}).setdefault("400", LANG_REFUSED)
    return schema


class Api(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        # The slugs and codes a parameter accepts are data: listed when the schema is asked.
        return with_lang_parameter(live_choices(super().get_openapi_schema(*args, **kwargs)))


api = Api(
    title="Rencontres",
    version="1",
    description=_("Lieux de rencontre enfants-parents : annuaire, recherche et taxonomie."),
    urls_namespace="api-v1",
    openapi_url="/schema/",
    docs_url=None,
)

for register_router in hooks.get_hooks(API_ROUTER_HOOK):
    prefix, router = register_router()
    api.add_router(prefix, router)
