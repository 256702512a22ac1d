"""Views of recipes: index, filter pages, each recipe, pantry, the JSON index."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, render_template, url_for

from ...web.published import abs_url
from ...web.state import current_content, item_or_404
from .indexdata import all_keys, common_keys, index_data
from .jsonld import recipe_jsonld, script_tag
from .load import FACETS
from .model import Recipe
from .units import UNITS


def _recipes() -> list[Recipe]:
    return current_content().items.get("recipes", [])


def _facets() -> dict[str, list[tuple[Any, int]]]:
    groups = current_content().extras.get("recipe_facets", {})
    return {facet: [(label, len(rs)) for label, rs in groups.get(facet, [])] for facet in FACETS}


def _units_json() -> str:
    """Describe units for the browser's scaler and metric/US toggle."""
    return json.dumps(
        {
            u.symbol: {
                "dim": u.dimension,
                "base": float(u.base) if u.base is not None else None,
                "system": u.system,
                "singular": u.singular,
                "plural": u.plural,
            }
            for u in UNITS.values()
            if u.base is not None  # counts (cloves, pinches) only scale, never convert
        },
        separators=(",", ":"),
    )


def blueprint() -> Blueprint:
    """Build the recipes blueprint."""
    bp = Blueprint("recipes", __name__, template_folder="templates")

    def listing(recipes: list[Recipe], current: Any = None) -> str:
        return render_template(
            "recipes/index.html",
            recipes=recipes,
            facets=_facets(),
            current=current,
            index_url=url_for("recipes.index_json"),
        )

    @bp.route("/recipes/")
    def index() -> str:
        """List every recipe, with filters and suggestions."""
        return listing(_recipes())

    @bp.route("/recipes/<any(cuisine, course, diet):facet>/<value>/")
    def facet(facet: str, value: str) -> str:
        """List the recipes of one cuisine, course or diet."""
        for label, members in current_content().extras.get("recipe_facets", {}).get(facet, []):
            if label.slug == value:
                return listing(members, label)
        abort(404)

    @bp.route("/recipes/what-can-i-make/")
    def pantry() -> str:
        """Rank recipes by what the visitor has (in the browser)."""
        recipes = _recipes()
        return render_template(
            "recipes/pantry.html",
            common=common_keys(recipes),
            all_keys=all_keys(recipes),
            index_url=url_for("recipes.index_json"),
        )

    @bp.route("/recipes/index.json")
    def index_json() -> Response:
        """Serve the build-time recipe index for in-browser matching."""
        data = index_data(_recipes(), lambda r: r.url)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return Response(body, mimetype="application/json")

    @bp.route("/recipes/<slug>/")
    def recipe(slug: str) -> str:
        """Show one recipe."""
        found = item_or_404("recipes", slug)
        author = current_content().site.author.get("name", "")
        data = recipe_jsonld(found, abs_url, author)
        return render_template(
            "recipes/recipe.html", recipe=found, jsonld=script_tag(data), units_json=_units_json()
        )

    return bp
