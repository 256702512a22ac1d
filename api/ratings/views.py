"""Rating endpoints: rate a recipe (JSON ``PUT``, or a form ``POST`` without JavaScript),
read one recipe's summary, and the public summary of every recipe the build reads.

Thin: validate, check the recipe, count the rate limits, then call the service.
"""

from __future__ import annotations

from html import escape
from typing import Any

from flask import Blueprint, Response, jsonify, redirect, request

from ..body import read_body
from ..errors import ApiError, from_storage
from ..http import client_address
from ..routing import id_converter, use_converter
from ..security import client_hash
from ..services import current
from ..storage import StorageError
from ..validation import Field, validate, validate_query
from . import keys, limits, service, store

bp = Blueprint("ratings", __name__)
RecipeSlug = id_converter("recipe_slug", keys.SLUG_PATTERN, keys.SLUG_EXAMPLE)
use_converter(bp, "recipe_slug", RecipeSlug)

VISITOR = Field(
    required=False,
    pattern=keys.VISITOR_PATTERN,
    pattern_message="Must be 16 to 64 letters, digits, '-' or '_'.",
    description=(
        "The random id this browser keeps (localStorage). Left out, the visitor is a "
        "keyed hash of the client's address."
    ),
)
RATE_FIELDS = {
    "rating": Field(int, minimum=1, maximum=5, description="Stars, 1 to 5."),
    "visitor": VISITOR,
}
SHOW_QUERY = {"visitor": VISITOR}

ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Rating not saved</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;max-width:38rem;margin:2rem auto;
padding:0 1rem}}</style>
</head><body><main><h1>Your rating was not saved</h1>
<p role="alert">{message}</p>{problems}{back}</main></body></html>"""
SAVED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rating saved</title></head>
<body><main><h1>Thank you</h1><p>Your rating of {stars} out of 5 was saved.</p></main>
</body></html>"""


def _visitor(given: str) -> str:
    if given:
        return given
    return keys.ADDRESS_PREFIX + client_hash(client_address(), current().secret)


def _recipe_page(slug: str) -> str | None:
    settings = current().settings
    site = settings.site_url or next(iter(settings.allowed_origins), "")
    return f"{site.rstrip('/')}/recipes/{slug}/#rating" if site else None


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    # A form sends text; "4" from the radio group is the whole number 4.
    stars = data.get("rating")
    if isinstance(stars, str) and len(stars) == 1 and stars in "12345":
        data = {**data, "rating": int(stars)}
    return data


def _rate(slug: str, data: dict[str, Any]) -> dict[str, Any]:
    fields = validate(data, RATE_FIELDS)
    services = current()
    service.check_recipe(services, slug)
    limits.count(services, client_address())
    return service.rate(services, slug, _visitor(fields["visitor"]), fields["rating"], checked=True)


def _answer(result: dict[str, Any]) -> Response:
    return jsonify(
        ok=True, rating=result["rating"], previous=result["previous"], summary=result["summary"]
    )


@bp.put("/recipes/<recipe_slug:slug>/rating")
def put_rating(slug: str) -> Response:
    """Rate a recipe 1-5; rating again replaces this visitor's earlier stars."""
    data, _ = read_body()
    return _answer(_rate(slug, data))


@bp.post("/recipes/<recipe_slug:slug>/rating")
def post_rating(slug: str) -> Response:
    """Rate a recipe from a form (no JavaScript: answered 303 back to the recipe) or JSON."""
    data, from_form = read_body(form=True)
    if not from_form:
        return _answer(_rate(slug, data))
    try:
        result = _rate(slug, _form_values(data))
    except ApiError as exc:
        return _error_page(slug, exc)
    except StorageError as exc:
        return _error_page(slug, from_storage(exc))
    page = _recipe_page(slug)
    if page:
        return redirect(page, code=303)
    return Response(SAVED_PAGE.format(stars=result["rating"]), mimetype="text/html")


def _error_page(slug: str, exc: ApiError) -> Response:
    problems = "".join(f"<li>{escape(m)}</li>" for m in exc.fields.values())
    page = _recipe_page(slug)
    body = ERROR_PAGE.format(
        message=escape(exc.message),
        problems=f"<ul>{problems}</ul>" if problems else "",
        back=f'<p><a href="{escape(page)}">Back to the recipe</a></p>' if page else "",
    )
    response = Response(body, status=exc.status, mimetype="text/html")
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(max(1, int(exc.retry_after)))
    return response


@bp.get("/recipes/<recipe_slug:slug>/rating")
def get_rating(slug: str) -> Response:
    """Show a recipe's rating summary and this visitor's own stars (``mine``)."""
    query = validate_query(request.args, SHOW_QUERY)
    shown = service.show(current(), slug, _visitor(query["visitor"]))
    return jsonify(ok=True, **shown)


@bp.get("/ratings/summary")
def summary() -> Response:
    """List the rating summary of every rated recipe (the site's build reads it)."""
    return jsonify(ok=True, recipes=store.every_summary(current().table))
