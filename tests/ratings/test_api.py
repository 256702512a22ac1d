"""Rating over HTTP: one per visitor, re-rating replaces, validation, 404, the form post."""

from __future__ import annotations

import pytest

from api.ratings import service

from ..api.conftest import assert_error
from .conftest import ORIGIN, add_recipe, stored_ratings

VISITOR = "v-0123456789abcdef"
OTHER = "v-fedcba9876543210"


def put(client, slug, body, **kwargs):
    return client.put(f"/recipes/{slug}/rating", json=body, **kwargs)


def test_first_rating_is_counted_and_shown_as_mine(rating_app):
    client = rating_app.test_client()
    response = put(client, "pancakes", {"rating": 4, "visitor": VISITOR})
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] is True and body["rating"] == 4 and body["previous"] is None
    assert body["summary"] == {
        "count": 1,
        "sum": 4,
        "average": "4.00",
        "histogram": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0},
    }
    shown = client.get(f"/recipes/pancakes/rating?visitor={VISITOR}").get_json()
    assert shown == {"ok": True, "summary": body["summary"], "mine": 4}
    assert client.get(f"/recipes/pancakes/rating?visitor={OTHER}").get_json()["mine"] is None


def test_rating_again_replaces_and_moves_the_vote_between_buckets(rating_app):
    client = rating_app.test_client()
    put(client, "pancakes", {"rating": 5, "visitor": OTHER})
    put(client, "pancakes", {"rating": 2, "visitor": VISITOR})
    body = put(client, "pancakes", {"rating": 4, "visitor": VISITOR}).get_json()
    assert body["previous"] == 2
    assert body["summary"]["count"] == 2 and body["summary"]["sum"] == 9
    assert body["summary"]["average"] == "4.50"
    assert body["summary"]["histogram"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    same = put(client, "pancakes", {"rating": 4, "visitor": VISITOR}).get_json()
    assert same["summary"] == body["summary"] and same["previous"] == 4
    ratings = [i for i in stored_ratings(rating_app) if i["sk"].startswith("RATING#")]
    assert sorted((i["visitor"], int(i["stars"])) for i in ratings) == sorted(
        [(OTHER, 5), (VISITOR, 4)]
    )


def test_average_is_rounded_to_two_places(rating_app):
    client = rating_app.test_client()
    for n, stars in enumerate((5, 4, 4)):
        put(client, "dal", {"rating": stars, "visitor": f"visitor-{n:012d}"})
    summary = client.get("/recipes/dal/rating").get_json()["summary"]
    assert summary["average"] == "4.33" and summary["count"] == 3


def test_no_ratings_has_no_average(rating_app):
    body = rating_app.test_client().get("/recipes/dal/rating").get_json()
    assert body["summary"] == {
        "count": 0,
        "sum": 0,
        "histogram": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
    }
    assert body["mine"] is None


def test_without_a_visitor_id_the_address_is_the_visitor(rating_app):
    client = rating_app.test_client()
    here = {"REMOTE_ADDR": "203.0.113.9"}
    put(client, "dal", {"rating": 3}, environ_overrides=here)
    body = put(client, "dal", {"rating": 5}, environ_overrides=here).get_json()
    assert body["previous"] == 3 and body["summary"]["count"] == 1
    there = put(client, "dal", {"rating": 1}, environ_overrides={"REMOTE_ADDR": "203.0.113.10"})
    assert there.get_json()["summary"]["count"] == 2
    assert client.get("/recipes/dal/rating", environ_overrides=here).get_json()["mine"] == 5


@pytest.mark.parametrize(
    "body,field",
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": True}, "rating"),
        ({}, "rating"),
        ({"rating": 3, "visitor": "short"}, "visitor"),
        ({"rating": 3, "visitor": "has spaces in it, sadly"}, "visitor"),
        ({"rating": 3, "stars": 3}, "stars"),
    ],
)
def test_invalid_bodies_are_422_and_store_nothing(rating_app, body, field):
    response = put(rating_app.test_client(), "pancakes", body)
    problem = assert_error(response, 422, "invalid_fields")
    assert field in problem["fields"]
    assert stored_ratings(rating_app) == []


def test_a_json_number_without_fraction_is_whole(rating_app):
    client = rating_app.test_client()
    response = client.put(
        "/recipes/dal/rating", data='{"rating": 4.0}', content_type="application/json"
    )
    assert response.status_code == 200 and response.get_json()["rating"] == 4


@pytest.mark.parametrize("method", ["GET", "PUT", "POST"])
def test_unknown_recipe_is_404_and_nothing_is_written(rating_app, method):
    add_recipe(rating_app, "closed-one", ratings=False)
    client = rating_app.test_client()
    for slug in ("no-such-recipe", "closed-one"):
        kwargs = {} if method == "GET" else {"json": {"rating": 4, "visitor": VISITOR}}
        response = client.open(f"/recipes/{slug}/rating", method=method, **kwargs)
        assert_error(response, 404, "not_found")
    assert stored_ratings(rating_app) == []


def test_service_refuses_unknown_recipes_and_bad_stars(rating_app):
    services = rating_app.extensions["frostfolio"]
    with pytest.raises(Exception) as unknown:
        service.rate(services, "nope", VISITOR, 3)
    assert getattr(unknown.value, "status", None) == 404
    for stars in (0, 6, True, "3"):
        with pytest.raises(Exception) as bad:
            service.rate(services, "dal", VISITOR, stars)
        assert getattr(bad.value, "status", None) == 422
    result = service.rate(services, "dal", VISITOR, 3)
    assert result["previous"] is None and result["summary"]["count"] == 1


def test_form_post_without_javascript_is_303_back_to_the_recipe(rating_app):
    client = rating_app.test_client()
    response = client.post(
        "/recipes/shakshuka/rating",
        data={"rating": "5"},
        headers={"Origin": ORIGIN},
        environ_overrides={"REMOTE_ADDR": "198.51.100.4"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"{ORIGIN}/recipes/shakshuka/#rating"
    summary = client.get("/recipes/shakshuka/rating").get_json()["summary"]
    assert summary["count"] == 1 and summary["histogram"]["5"] == 1


@pytest.mark.parametrize("data", [{}, {"rating": "9"}, {"rating": "½"}, {"rating": "４"}])
def test_a_form_post_without_a_choice_gets_an_html_page(rating_app, data):
    form = "application/x-www-form-urlencoded"  # as a browser sends it, chosen or not
    response = rating_app.test_client().post(
        "/recipes/shakshuka/rating", data=data, content_type=form
    )
    assert response.status_code == 422 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "not saved" in page and f'href="{ORIGIN}/recipes/shakshuka/#rating"' in page
    assert stored_ratings(rating_app) == []


def test_form_post_for_an_unknown_recipe_is_a_404_page(rating_app):
    response = rating_app.test_client().post("/recipes/gone/rating", data={"rating": "3"})
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_a_json_post_answers_like_put(rating_app):
    response = rating_app.test_client().post(
        "/recipes/dal/rating", json={"rating": 2, "visitor": VISITOR}
    )
    assert response.status_code == 200 and response.get_json()["summary"]["sum"] == 2


def test_other_origins_may_not_rate(rating_app):
    response = rating_app.test_client().post(
        "/recipes/dal/rating", data={"rating": "5"}, headers={"Origin": "https://evil.example"}
    )
    assert_error(response, 403, "origin_not_allowed")
    assert stored_ratings(rating_app) == []


def test_summary_lists_every_rated_recipe(rating_app):
    client = rating_app.test_client()
    put(client, "pancakes", {"rating": 5, "visitor": VISITOR})
    put(client, "dal", {"rating": 3, "visitor": VISITOR})
    put(client, "dal", {"rating": 4, "visitor": OTHER})
    body = client.get("/ratings/summary").get_json()
    assert body["ok"] is True
    assert set(body["recipes"]) == {"pancakes", "dal"}  # shakshuka has none yet
    assert body["recipes"]["dal"]["average"] == "3.50"
    assert body["recipes"]["pancakes"]["histogram"]["5"] == 1


def test_the_site_may_put_a_rating_from_another_origin(rating_app):
    # The API on its own URL (not under the site's /api): the browser asks first.
    response = rating_app.test_client().options(
        "/recipes/dal/rating",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert "PUT" in response.headers["Access-Control-Allow-Methods"].split(", ")
    rated = put(rating_app.test_client(), "dal", {"rating": 5}, headers={"Origin": ORIGIN})
    assert rated.headers["Access-Control-Allow-Origin"] == ORIGIN
