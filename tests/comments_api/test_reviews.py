"""Reviews: a comment with a rating on a recipe counts as that visitor's rating."""

from __future__ import annotations

from ..api.conftest import assert_error
from .conftest import listed, post

RECIPE = "recipes/pancakes"


def summary(web, visitor=None):
    query = f"?visitor={visitor}" if visitor else ""
    return web.get(f"/recipes/pancakes/rating{query}").get_json()


def test_a_review_rates_the_recipe_once_per_visitor(web):
    visitor = "reviewer-0000000001"
    first = post(web, thread=RECIPE, text="Made it with buttermilk.", rating=4, visitor=visitor)
    assert first.status_code == 201 and first.get_json()["comment"]["rating"] == 4
    assert summary(web, visitor)["mine"] == 4
    again = post(web, thread=RECIPE, text="Even better the second time.", rating=5, visitor=visitor)
    assert again.status_code == 201
    rated = summary(web, visitor)
    assert rated["mine"] == 5 and rated["summary"]["count"] == 1  # replaced, not added
    assert [c.get("rating") for c in listed(web, RECIPE)] == [4, 5]


def test_ratings_only_on_recipes_and_never_on_replies(web):
    review = post(web, thread=RECIPE, text="Lovely", rating=5).get_json()["comment"]
    reply = post(web, thread=RECIPE, text="Thanks", rating=3, parent=review["id"])
    assert "rating" in assert_error(reply, 422)["fields"]
    assert "rating" in assert_error(post(web, text="Nice", rating=5), 422)["fields"]
    assert_error(post(web, thread=RECIPE, text="Six stars", rating=6), 422)
    assert summary(web)["summary"]["count"] == 1
