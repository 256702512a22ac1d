"""The comments endpoints in the OpenAPI document (joined by ``api.openapi.build_spec``)."""

from __future__ import annotations

from typing import Any

from ..openapi import path_param, query_params
from ..validation import object_schema
from . import keys
from .fields import COMMENT_FIELDS, OWNER_FIELDS, QUEUE_QUERY, VOTE_FIELDS

HTML = {"text/html": {"schema": {"type": "string"}}}
FORM = "application/x-www-form-urlencoded"
COMMENT = {
    "type": "object",
    "required": ["id", "parent", "name", "author", "created", "text", "html", "votes", "status"],
    "properties": {
        "id": {"type": "string", "pattern": f"^{keys.ID_PATTERN}$"},
        "parent": {"type": ["string", "null"], "description": "The comment replied to."},
        "name": {"type": "string"},
        "author": {"type": "boolean", "description": "Written by the site's owner."},
        "created": {"type": "string", "format": "date-time"},
        "text": {"type": "string", "description": "Verbatim, as posted (or as the owner edited)."},
        "html": {"type": "string", "description": "The text rendered and sanitised."},
        "votes": {"type": "integer", "minimum": 0},
        "rating": {"type": "integer", "minimum": 1, "maximum": 5},
        "edited": {"type": "string", "format": "date-time"},
        "status": {"enum": list(keys.STATUSES)},
    },
}
OWNER_COMMENT = {
    "allOf": [
        {"$ref": "#/components/schemas/Comment"},
        {
            "type": "object",
            "properties": {
                "thread": {"type": "string"},
                "email": {"type": ["string", "null"]},
                "notify": {"type": "boolean"},
                "updated": {"type": ["string", "null"]},
                "page": {"type": "object"},
            },
        },
    ]
}
THREAD = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "example": "posts/hello-world"},
        "kind": {"type": "string"},
        "slug": {"type": "string"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "comments": {"enum": list(keys.COMMENT_MODES)},
        "moderation": {"enum": list(keys.MODERATION_MODES)},
        "closes_at": {"type": ["string", "null"], "format": "date-time"},
        "ratings": {"type": "boolean"},
        "open": {"type": "boolean", "description": "Takes new comments now."},
    },
}
COMPONENTS = {"Comment": COMMENT, "OwnerComment": OWNER_COMMENT, "Thread": THREAD}
REF = {"$ref": "#/components/schemas/Comment"}
OWNER_REF = {"$ref": "#/components/schemas/OwnerComment"}
_PATH = {
    "kind": ("thread_kind", keys.KIND_PATTERN, keys.THREAD_EXAMPLE[0], "The page's kind."),
    "slug": ("thread_slug", keys.SLUG_PATTERN, keys.THREAD_EXAMPLE[1], "The page's slug."),
    "comment_id": ("comment_id", keys.ID_PATTERN, keys.ID_EXAMPLE, "A comment's id."),
}
_MORE = {
    403: (
        "Origin not allowed (origin_not_allowed), or comments on this page are closed "
        "(comments_closed)."
    ),
    409: (
        "The same text is already on this page (duplicate_comment), or the comment "
        "changed meanwhile (comment_changed)."
    ),
}


def _param(name: str) -> dict[str, Any]:
    _, pattern, example, description = _PATH[name]
    return path_param(name, pattern, example, description)


_query = query_params


def _errors(*codes: int, html: bool = False) -> dict[str, Any]:
    from ..openapi import errors

    responses = errors(*(c for c in codes if c != 409))  # 409 is ours alone
    for code in codes:
        if code in _MORE:
            responses[str(code)] = {
                "description": _MORE[code],
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
    if html:  # a browser's form post gets a page with the same status
        for code, response in responses.items():
            if code not in ("405", "500"):
                response["content"].update(HTML)
    return dict(sorted(responses.items()))


def openapi_paths() -> dict[str, Any]:
    """Describe the comments endpoints for /openapi.json."""
    from ..openapi import OWNER, json_body, ok, success

    body = object_schema(COMMENT_FIELDS)
    created = ok(
        success(
            comment=REF,
            status={"enum": [keys.APPROVED, keys.PENDING]},
            message={"type": "string"},
        ),
        "Stored: shown now (approved) or held for the owner (pending).",
    )
    created["content"].update(HTML)
    vote = ok(success(votes={"type": "integer"}, voted={"type": "boolean"}))
    owner_change = dict(object_schema(OWNER_FIELDS))
    return {
        "/comments/token": {
            "get": {
                "summary": "Get a comment form token, accepted from min_age to max_age s later.",
                "responses": {
                    "200": ok(
                        success(
                            token={"type": "string"},
                            min_age={"type": "number"},
                            max_age={"type": "number"},
                        )
                    ),
                    **_errors(503),
                },
            }
        },
        "/comments/public": {
            "get": {
                "summary": "List every approved comment of every page (the site build reads it).",
                "responses": {
                    "200": ok(
                        success(
                            threads={
                                "type": "object",
                                "additionalProperties": {"type": "array", "items": REF},
                            }
                        )
                    ),
                    **_errors(503),
                },
            }
        },
        "/threads/{kind}/{slug}/comments": {
            "parameters": [_param("kind"), _param("slug")],
            "get": {
                "summary": "List a page's approved comments, oldest first.",
                "responses": {
                    "200": ok(
                        success(
                            thread={"$ref": "#/components/schemas/Thread"},
                            comments={"type": "array", "items": REF},
                        )
                    ),
                    **_errors(404, 503),
                },
            },
            "post": {
                "summary": "Post a comment, a reply, or (recipes) a review with a rating.",
                "description": (
                    "Visitors need a form token (GET /comments/token) and stay within the "
                    "rate limits; the owner (bearer token or signed-in session) needs neither "
                    "and is approved at once, marked author. An HTML form post is answered "
                    "303 to the page (#comment-<id>, or ?comment=pending#comment-pending); on "
                    "failure with a page holding the form refilled, the problems and a "
                    "fresh token. More than the allowed links: 422 too_many_links."
                ),
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": body}, FORM: {"schema": body}},
                },
                "responses": {
                    "201": created,
                    "303": {"description": "Form post stored: back to the page."},
                    **_errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503, html=True),
                },
            },
        },
        "/comments/{comment_id}/vote": {
            "parameters": [_param("comment_id")],
            "put": {
                "summary": "Upvote an approved comment, once per visitor.",
                "requestBody": json_body(object_schema(VOTE_FIELDS)),
                "responses": {"200": vote, **_errors(400, 403, 404, 413, 415, 422, 429, 503)},
            },
            "delete": {
                "summary": "Withdraw this visitor's upvote.",
                "description": (
                    "The visitor goes in ?visitor= (or, from scripts that send one, a JSON "
                    'body {"visitor": id}); without either, the address counts.'
                ),
                "parameters": _query(VOTE_FIELDS),
                "responses": {"200": vote, **_errors(403, 404, 422, 429, 503)},
            },
        },
        "/owner/comments": {
            "get": {
                "summary": "List comments of a status (default: the pending queue), newest first.",
                "security": OWNER,
                "parameters": _query(QUEUE_QUERY),
                "responses": {
                    "200": ok(
                        success(
                            comments={"type": "array", "items": OWNER_REF},
                            next_cursor={"type": ["string", "null"]},
                        )
                    ),
                    **_errors(401, 422, 429, 503),
                },
            }
        },
        "/owner/comments/summary": {
            "get": {
                "summary": "Count comments by status (the dashboard's card).",
                "security": OWNER,
                "responses": {
                    "200": ok(success(**{s: {"type": "integer"} for s in keys.STATUSES})),
                    **_errors(401, 429, 503),
                },
            }
        },
        "/owner/comments/{comment_id}": {
            "parameters": [_param("comment_id")],
            "patch": {
                "summary": "Approve, reject or edit a comment (approving trusts its address).",
                "security": OWNER,
                "requestBody": json_body(owner_change),
                "responses": {
                    "200": ok(success(comment=OWNER_REF)),
                    **_errors(400, 401, 403, 404, 409, 413, 415, 422, 429, 503),
                },
            },
            "delete": {
                "summary": "Delete a comment for good (its votes too).",
                "security": OWNER,
                "responses": {
                    "200": ok(success(deleted={"type": "string"})),
                    **_errors(401, 403, 404, 409, 429, 503),
                },
            },
        },
    }
