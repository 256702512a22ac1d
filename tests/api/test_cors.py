"""CORS: the site's origin may call the API from a browser; others may not."""

from __future__ import annotations

import pytest

from api.messages import ID_EXAMPLE

from .conftest import ORIGIN, assert_error, contact_body


@pytest.mark.parametrize(
    "path,method",
    [
        ("/contact", "POST"),
        ("/contact/token", "GET"),
        ("/messages", "GET"),
        (f"/messages/{ID_EXAMPLE}", "DELETE"),
        (f"/messages/{ID_EXAMPLE}", "PATCH"),
    ],
)
def test_preflight_from_the_site_is_allowed(shared_client, path, method):
    response = shared_client.options(
        path,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert method in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://site.example", "https://site.example.evil", "null"]
)
def test_preflight_from_other_origins_is_denied(shared_client, origin):
    response = shared_client.options(
        "/contact", headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert_error(response, 403, "origin_not_allowed")
    assert "Access-Control-Allow-Origin" not in response.headers


def test_responses_name_the_allowed_origin_only(client):
    allowed = client.post("/contact", json=contact_body(), headers={"Origin": ORIGIN})
    assert allowed.status_code == 201
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Origin" in allowed.headers["Vary"]
    denied = client.get("/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in denied.headers
    assert "Access-Control-Allow-Credentials" not in allowed.headers


def test_errors_carry_cors_headers_so_the_page_can_read_them(client):
    response = client.post("/contact", json={}, headers={"Origin": ORIGIN})
    assert_error(response, 422)
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]


def test_preflight_to_an_unknown_path_is_404(shared_client):
    response = shared_client.options(
        "/nope", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert_error(response, 404)
