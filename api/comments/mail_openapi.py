"""The pages behind the comment emails' links in the OpenAPI document (``api.openapi``)."""

from __future__ import annotations

from typing import Any

from . import moderation_links as links

HTML = {"text/html": {"schema": {"type": "string"}}}
TOKEN = {
    "name": "t",
    "in": "query",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{links.TOKEN_PATTERN}$"},
    "example": links.TOKEN_EXAMPLE,
    "description": "The signed token from the email's link (one purpose each).",
}
PAGES = {
    "/comments/moderate": (
        "Show the comment a moderation link (approve, reject or delete) is for, "
        "with a button; nothing changes.",
        "Do what the moderation link says: approve, reject or delete the comment.",
        "The link was signed for one action on one comment and works for "
        f"{links.MODERATE_FOR.days} days. 409 comment_changed: it changed meanwhile.",
    ),
    "/comments/subscriptions/confirm": (
        "Show what confirming an address for a thread's reply emails does, with a button.",
        "Confirm the address for reply emails on the thread (the double opt-in).",
        f"The link names one request and works for {links.CONFIRM_FOR.days} days; "
        "a newer request replaces it.",
    ),
    "/comments/unsubscribe": (
        "Show a button that stops the reply emails about a thread.",
        "Stop the reply emails about a thread at once (RFC 8058 one-click: the body "
        "List-Unsubscribe=One-Click, or none, is accepted and ignored).",
        "The link never expires.",
    ),
}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": dict(HTML)}


def _errors(*codes: int) -> dict[str, Any]:
    from ..openapi import errors

    responses = errors(*codes)
    for code in ("404", "409", "422", "503"):  # a bad link gets a page saying so
        if code in responses:
            responses[code]["content"].update(HTML)
    return responses


def openapi_paths() -> dict[str, Any]:
    """Describe the pages of the links in comment emails."""
    paths: dict[str, Any] = {}
    for path, (show, act, note) in PAGES.items():
        paths[path] = {
            "parameters": [TOKEN],
            "get": {
                "summary": show,
                "description": note,
                "responses": {"200": _page("The page."), **_errors(404, 422, 503)},
            },
            "post": {
                "summary": act,
                "description": note,
                "responses": {
                    "200": _page("Done: a page that says so."),
                    **_errors(403, 404, 409, 413, 422, 503),
                },
            },
        }
    return paths
