"""Every /money/ route, taken from the URL map, answers 401 without credentials."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ..api.conftest import assert_error

pytestmark = pytest.mark.filterwarnings("ignore")


def money_routes(app: Any) -> list[tuple[str, str]]:
    """Return (method, concrete path) for every money route, ids filled with examples."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/money/"):
            continue
        path = rule.rule
        for name, converter in rule._converters.items():
            example = getattr(converter, "example", "x")
            path = re.sub(rf"<[^>]*:{name}>|<{name}>", example, path)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, path))
    return found


def test_the_map_holds_the_money_routes(shared_client: Any) -> None:
    routes = money_routes(shared_client.application)
    assert ("POST", "/money/transactions") in routes
    assert ("GET", "/money/reports/net-worth") in routes
    assert len(routes) >= 30


def test_every_money_route_needs_the_owner(shared_client: Any) -> None:
    for method, path in money_routes(shared_client.application):
        response = shared_client.open(path, method=method, json={})
        assert_error(response, 401), (method, path)


def test_a_wrong_token_is_refused_too(shared_client: Any) -> None:
    headers = {"Authorization": "Bearer not-the-owner"}
    for method, path in money_routes(shared_client.application):
        response = shared_client.open(path, method=method, json={}, headers=headers)
        assert response.status_code == 401, (method, path)
