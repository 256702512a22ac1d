"""What a comment post, a vote and the owner's changes may carry (and the OpenAPI schemas)."""

from __future__ import annotations

from typing import Any

from ..validation import Field
from . import keys

HONEYPOT = "website"
TOKEN_PURPOSE = "comment"
COMMENT_FIELDS = {
    "name": Field(max_length=100, single_line=True, description="Shown with the comment."),
    "email": Field(
        required=False,
        max_length=254,
        format="email",
        single_line=True,
        description="Optional, never shown: reply notifications and first-time trust.",
    ),
    "text": Field(max_length=5000, description="Markdown: paragraphs, emphasis, code, links."),
    "parent": Field(
        required=False,
        pattern=keys.ID_PATTERN,
        pattern_message="Must be the id of a comment on this page.",
        description="The approved comment this replies to.",
    ),
    "rating": Field(
        type=int,
        required=False,
        minimum=1,
        maximum=5,
        description="Recipes only: stars from 1 to 5, which makes the comment a review.",
    ),
    "notify": Field(
        type=bool,
        required=False,
        default=False,
        description="Email me replies (needs email; confirmed by a link sent to it first).",
    ),
    "visitor": Field(
        required=False,
        pattern=keys.VISITOR_PATTERN,
        pattern_message="Must be 16 to 64 letters, digits, '-' or '_'.",
        description="The browser's random visitor id (else the address counts).",
    ),
    "token": Field(
        required=False,
        max_length=100,
        single_line=True,
        description="Form token from GET /comments/token (the owner needs none).",
    ),
    HONEYPOT: Field(
        required=False,
        max_length=0,
        description="Honeypot: people leave it empty; any value is refused as spam.",
    ),
}
VOTE_FIELDS = {"visitor": COMMENT_FIELDS["visitor"]}
OWNER_FIELDS = {
    "status": Field(
        pattern="(?:approved|rejected)",
        pattern_message="Must be approved or rejected.",
        description="approved (shown; trusts the address) or rejected (hidden); "
        "send the current status to only edit the text.",
    ),
    "text": Field(
        required=False,
        max_length=5000,
        description="The comment's new text (re-rendered; the original is replaced).",
    ),
}
QUEUE_QUERY = {
    "status": Field(
        required=False,
        pattern="(?:pending|approved|rejected)",
        pattern_message="Must be pending, approved or rejected.",
        default=keys.PENDING,
        description="Which comments (default: pending, the moderation queue).",
    ),
    "limit": Field(
        type=int, required=False, minimum=1, maximum=100, default=50, description="Per page."
    ),
    "cursor": Field(
        required=False,
        pattern=keys.ID_PATTERN,
        pattern_message="Must be next_cursor from the last page.",
        description="next_cursor of the last page.",
    ),
}


def from_form(data: dict[str, Any]) -> dict[str, Any]:
    """Read a form post's values as JSON would carry them (checkbox, stars, blanks)."""
    clean = {k: v for k, v in data.items() if not (k in ("rating", "parent", "email") and v == "")}
    if "notify" in clean:
        clean["notify"] = clean["notify"] in ("on", "true", "1", "yes")
    rating = clean.get("rating")
    if isinstance(rating, str) and rating.isascii() and rating.isdigit() and len(rating) < 3:
        clean["rating"] = int(rating)
    return clean
