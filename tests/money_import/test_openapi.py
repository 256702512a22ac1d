"""Every import, rule and recurring route is in /openapi.json, errors in the one shape."""

from __future__ import annotations

import re
from typing import Any

import pytest

from api import create_app
from api.openapi import build_spec

MINE = re.compile(r"^/money/(imports|rules|recurring)")


@pytest.fixture(scope="module")
def app() -> Any:
    return create_app({"TESTING": True})


def test_every_route_of_mine_is_documented(app: Any) -> None:
    routes = {
        (re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if MINE.match(rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    spec = build_spec()["paths"]
    documented = {
        (path, method)
        for path, item in spec.items()
        if MINE.match(path)
        for method in item
        if method != "parameters"
    }
    assert routes == documented
    assert len(routes) == 18
    for path, method in documented:
        operation = spec[path][method]
        assert operation["security"] and operation["summary"]
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}
