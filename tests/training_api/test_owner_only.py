"""Every training endpoint but the public summary refuses a request without the owner."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ..api.conftest import build_app


def _routes(app: Any) -> list[tuple[str, str]]:
    found = []
    converters = app.url_map.converters
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/training/"):
            continue
        path = re.sub(
            r"<(?:([^:<>]+):)?([^<>]+)>",
            lambda m: getattr(converters.get(m.group(1) or "default"), "example", "x"),
            rule.rule,
        )
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, path))
    return found


def test_every_training_route_but_the_public_summary_needs_the_owner(moto_url: str) -> None:
    app = build_app(moto_url, owner_auth_limit=10**6)
    client = app.test_client()
    routes = _routes(app)
    assert ("GET", "/training/public") in routes
    assert len(routes) > 20  # the enumeration really sees the endpoints
    for method, path in routes:
        response = client.open(path, method=method, json={})
        if (method, path) == ("GET", "/training/public"):
            assert response.status_code == 200
            continue
        assert response.status_code == 401, (method, path, response.get_json())
        assert response.get_json()["error"] == "unauthorized"
        wrong = client.open(path, method=method, json={}, headers={"Authorization": "Bearer no"})
        assert wrong.status_code == 401, (method, path)


@pytest.mark.parametrize("path", ["/training/workouts", "/training/dashboard"])
def test_a_signed_out_cookie_is_refused(moto_url: str, path: str) -> None:
    from api.auth import cookie_name

    app = build_app(moto_url)
    client = app.test_client()
    client.set_cookie(cookie_name(app.extensions["frostfolio"].settings), "not-a-session")
    response = client.get(path)
    assert response.status_code == 401
    assert response.get_json()["error"] == "session_ended"
