"""The HSDS API's OpenAPI description: the specification's parameters (names, places, types) and
its response schemas, which are the specification's own (referenced by URL, as its
`openapi.json` does)."""

from __future__ import annotations

SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema"


def _query(name: str, description: str, kind: str = "string", **extra) -> dict:
    schema = {"type": kind, **extra}
    return {
        "in": "query",
        "name": name,
        "required": False,
        "description": description,
        "schema": schema,
    }


SEARCH = _query("search", "Recherche plein texte.", maxLength=200)
PAGE = _query("page", "Numéro de page (1 par défaut).", "integer", minimum=1)
PER_PAGE = _query(
    "per_page", "Résultats par page (20 par défaut).", "integer", minimum=1, maximum=100
)
FORMAT = _query("format", "Format de la réponse : json seulement.", enum=["json"])
STREAM = _query(
    "format",
    "Format de la réponse : json (par pages), ou ndjson (tous les enregistrements, un objet JSON "
    "par ligne, sans pages).",
    enum=["json", "ndjson"],
)
CURSOR = _query(
    "cursor",
    "Lire la liste dans l'ordre des modifications : « start » pour commencer, puis le "
    "« next_cursor » de la réponse précédente (opaque). Les retraits (dépublication, "
    "suppression, fusion) arrivent dans « tombstones ».",
    maxLength=140,
)
FULL = _query("full", "Enregistrements complets (imbriqués).", "boolean")
MINIMAL = _query(
    "minimal",
    "Tous les identifiants et leur date de modification, en un seul appel (sans pages).",
    "boolean",
)
FULL_SERVICE = _query("full_service", "Les organisations avec leurs services.", "boolean")
TERM = _query("taxonomy_term_id", "Un terme : programme ou objectif.", maxLength=40)
TAXONOMY = _query("taxonomy_id", "Une taxonomie : programmes ou objectifs.", maxLength=40)
ORGANIZATION = _query("organization_id", "Les services d'une organisation.", maxLength=40)
MODIFIED = _query("modified_after", "Modifiés après ce moment (ISO 8601).", format="date-time")
POSTCODE = _query("postcode", "Code postal (ou commune) du centre de la recherche.", maxLength=200)
PROXIMITY = _query(
    "proximity",
    "Rayon autour du code postal, en mètres (10 000 par défaut).",
    "number",
    minimum=100,
    maximum=200000,
)
TOP_ONLY = _query("top_only", "Seulement les termes de premier niveau (programmes).", "boolean")
PARENT = _query("parent_id", "Les termes sous ce terme.", maxLength=40)
VERSION = _query(
    "version", "La version d'HSDS de la réponse (3.0 par défaut).", enum=["3.0", "3.1"]
)

LIST_PARAMETERS = {
    "services": [
        SEARCH,
        PAGE,
        PER_PAGE,
        STREAM,
        CURSOR,
        TERM,
        TAXONOMY,
        ORGANIZATION,
        MODIFIED,
        MINIMAL,
        FULL,
    ],
    "links": [
        SEARCH,
        TERM,
        TAXONOMY,
        ORGANIZATION,
        MODIFIED,
        FULL,
        PAGE,
        PER_PAGE,
        STREAM,
        CURSOR,
        POSTCODE,
        PROXIMITY,
    ],
    "organizations": [SEARCH, FULL_SERVICE, FULL, PAGE, PER_PAGE, STREAM, CURSOR, MODIFIED],
    "taxonomies": [SEARCH, PAGE, PER_PAGE, FORMAT],
    "terms": [SEARCH, PAGE, PER_PAGE, FORMAT, TAXONOMY, TOP_ONLY, PARENT],
}
ITEM: list[dict] = []

PAGE_SCHEMA = {
    "type": "object",
    "properties": {
        name: {"type": kind}
        for name, kind in (
            ("total_items", "integer"),
            ("total_pages", "integer"),
            ("page_number", "integer"),
            ("size", "integer"),
            ("first_page", "boolean"),
            ("last_page", "boolean"),
            ("empty", "boolean"),
        )
    },
}
RESPONSES = {
    "root": ("Version, profil et description OpenAPI", None),
    "services": ("Services (un par lieu)", f"{SCHEMAS}/compiled/service_list.json"),
    "service": ("Un service, complet", f"{SCHEMAS}/compiled/service.json"),
    "service_at_locations": (
        "Services à leurs emplacements",
        f"{SCHEMAS}/compiled/service_at_location_list.json",
    ),
    "service_at_location": ("Un service à son emplacement", f"{SCHEMAS}/compiled/service.json"),
    "organizations": ("Organisations", f"{SCHEMAS}/compiled/organization_list.json"),
    "organization": ("Une organisation, complète", f"{SCHEMAS}/compiled/organization.json"),
    "taxonomies": ("Taxonomies : programmes, objectifs", f"{SCHEMAS}/taxonomy.json"),
    "taxonomy": ("Une taxonomie", f"{SCHEMAS}/taxonomy.json"),
    "taxonomy_terms": ("Termes : programmes et objectifs", f"{SCHEMAS}/taxonomy_term.json"),
    "taxonomy_term": ("Un terme", f"{SCHEMAS}/taxonomy_term.json"),
}
# With `cursor`: where to resume, and what left the list since the cursor's point.
CHANGES = {
    "next_cursor": {
        "type": "string",
        "description": "Le curseur de l'appel suivant (après le dernier enregistrement ou "
        "retrait de cette page).",
    },
    "tombstones": {
        "type": "array",
        "description": "Les enregistrements retirés depuis le curseur : dépubliés ou supprimés "
        "(deleted_at), ou fusionnés dans un autre (replaced_by).",
        "items": {
            "type": "object",
            "required": ["id", "deleted_at"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "deleted_at": {"type": "string", "format": "date-time"},
                "replaced_by": {"type": ["string", "null"], "format": "uuid"},
            },
        },
    },
}
ERROR = {"errors": {"per_page": ["Assurez-vous que cette valeur est inférieure ou égale à 100."]}}
MISSING = {"errors": {"id": ["Aucun enregistrement public ne porte cet identifiant."]}}
# A place merged into another (docs/duplicates.md): its records answer a 301 to the kept one's.
REPLACEABLE = {"service", "service_at_location", "organization"}
REPLACED = {
    "replaced_by": {
        "id": "5e9c0d6a-0002-4000-8000-00000000002a",
        "url": "https://rencontres.example.org/api/hsds/services/5e9c0d6a-0002-4000-8000-00000000002a",
        "page_url": "https://rencontres.example.org/lieux/le-nid/",
    }
}


def described(name: str, parameters: list[dict] | None = None) -> dict:
    """The keyword arguments of a route: its summary, parameters and responses."""
    summary, schema_url = RESPONSES[name]
    if schema_url is None:
        schema: dict = {
            "type": "object",
            "properties": {k: {"type": "string"} for k in ("version", "profile", "openapi_url")},
        }
        example = {
            "version": "3.0",
            "profile": "https://docs.openreferral.org/en/3.0/hsds/overview.html",
            "openapi_url": "https://rencontres.example.org/api/hsds/openapi.json",
        }
    elif parameters is None:
        schema, example = {"$ref": schema_url}, {"id": "5e9c0d6a-0002-4000-8000-00000000002a"}
    else:
        schema = {
            "allOf": [PAGE_SCHEMA],
            "properties": {
                "contents": {"type": "array", "items": {"$ref": schema_url}},
                **(CHANGES if CURSOR in parameters else {}),
            },
        }
        example = {
            "total_items": 0,
            "total_pages": 1,
            "page_number": 1,
            "size": 0,
            "first_page": True,
            "last_page": True,
            "empty": True,
            "contents": [],
        }
    content: dict = {"application/json": {"schema": schema, "example": example}}
    if parameters and STREAM in parameters:
        content["application/x-ndjson"] = {"schema": {"type": "string"}}
    responses: dict = {200: {"description": summary, "content": content}}
    responses[400] = {
        "description": "Paramètre invalide",
        "content": {"application/json": {"example": ERROR}},
    }
    if parameters is not None and not parameters:
        responses[404] = {
            "description": "Inconnu",
            "content": {"application/json": {"example": MISSING}},
        }
    if name in REPLACEABLE:
        responses[301] = {
            "description": "Fusionné dans un autre lieu : `replaced_by` et `Location` le nomment",
            "content": {"application/json": {"example": REPLACED}},
        }
    extra: dict = {"responses": responses, "parameters": [*(parameters or []), VERSION]}
    return {"summary": summary, "openapi_extra": extra}
