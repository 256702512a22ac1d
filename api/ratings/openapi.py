"""The ratings endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from typing import Any

from ..validation import object_schema
from . import keys

HTML = {"text/html": {"schema": {"type": "string"}}}
SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{keys.SLUG_PATTERN}$"},
    "example": keys.SLUG_EXAMPLE,
    "description": "The recipe's slug, as in its page /recipes/<slug>/.",
}
SUMMARY = {
    "type": "object",
    "required": ["count", "sum", "histogram"],
    "properties": {
        "count": {"type": "integer", "minimum": 0},
        "sum": {"type": "integer", "minimum": 0},
        "average": {
            "type": "string",
            "pattern": "^[1-5]\\.[0-9]{2}$",
            "description": "sum / count to 2 places; absent when there are no ratings.",
        },
        "histogram": {
            "type": "object",
            "required": [str(s) for s in keys.STARS],
            "properties": {str(s): {"type": "integer", "minimum": 0} for s in keys.STARS},
            "additionalProperties": False,
            "description": "How many ratings gave each number of stars.",
        },
    },
}
_NOT_FOUND = "No such recipe, or it takes no ratings (not_found)."


def openapi_paths() -> dict[str, Any]:
    """Describe the ratings endpoints for /openapi.json."""
    from ..openapi import errors, ok, success
    from .views import RATE_FIELDS, SHOW_QUERY

    ref = {"$ref": "#/components/schemas/RatingSummary"}
    body = object_schema(RATE_FIELDS)
    rated = ok(
        success(
            rating={"type": "integer", "minimum": 1, "maximum": 5},
            previous={"type": ["integer", "null"], "description": "Stars given before, if any."},
            summary=ref,
        ),
        "Stored; the recipe's summary as it now stands.",
    )
    write_errors = errors(400, 403, 404, 413, 415, 422, 429, 503)
    write_errors["404"]["description"] = _NOT_FOUND
    form_errors = errors(400, 403, 404, 413, 415, 422, 429, 503)
    form_errors["404"]["description"] = _NOT_FOUND
    for code in ("404", "422", "429", "503"):
        form_errors[code]["content"].update(HTML)
    read_errors = errors(404, 422, 503)
    read_errors["404"]["description"] = _NOT_FOUND
    return {
        "/recipes/{slug}/rating": {
            "parameters": [SLUG],
            "get": {
                "summary": "Show a recipe's rating summary and the visitor's own stars.",
                "parameters": [
                    {"name": n, "in": "query", "required": False, "schema": f.json_schema()}
                    for n, f in SHOW_QUERY.items()
                ],
                "responses": {
                    "200": ok(
                        success(
                            summary=ref,
                            mine={
                                "type": ["integer", "null"],
                                "description": "This visitor's stars, or null.",
                            },
                        )
                    ),
                    **read_errors,
                },
            },
            "put": {
                "summary": "Rate a recipe 1-5; rating again replaces the visitor's earlier stars.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": body}},
                },
                "responses": {"200": rated, **write_errors},
            },
            "post": {
                "summary": "Rate a recipe from an HTML form (no JavaScript) or as JSON.",
                "description": (
                    "JSON answers as PUT does. A form post is redirected (303) back to the "
                    "recipe's page at #rating; on failure it gets a small HTML page with "
                    "the same status and a link back."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": body},
                        "application/x-www-form-urlencoded": {"schema": body},
                    },
                },
                "responses": {
                    "200": rated,
                    "303": {"description": "Form post stored: back to the recipe's page."},
                    **form_errors,
                },
            },
        },
        "/ratings/summary": {
            "get": {
                "summary": "List the rating summary of every rated recipe (read by the build).",
                "responses": {
                    "200": ok(success(recipes={"type": "object", "additionalProperties": ref})),
                    **errors(503),
                },
            }
        },
    }


COMPONENTS = {"RatingSummary": SUMMARY}
