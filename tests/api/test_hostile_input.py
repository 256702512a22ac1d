"""Every endpoint, present and future, survives hostile input the same way.

The cases come from the app's URL map and its OpenAPI document, so a new
endpoint joins every test here without being listed: its body properties,
integer query parameters, path ids, owner security and method decide which
attacks it gets. Each hostile request must be answered in the one error shape,
with a status its operation documents, and leave the table exactly as it was.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

from api import create_app
from api.body import MAX_DEPTH
from api.openapi import build_spec
from api.services import Services
from api.settings import load_settings

from .conftest import OWNER_TOKEN, assert_error, build_app, table_items, written_since

OWNER = {"Authorization": f"Bearer {OWNER_TOKEN}"}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Endpoint:
    """One route and method, with its OpenAPI operation."""

    method: str
    path: str  # an example URL, path ids filled in
    template: str
    operation: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def owner(self) -> bool:
        return bool(self.operation.get("security"))

    @property
    def body_properties(self) -> dict[str, dict[str, Any]]:
        content = self.operation.get("requestBody", {}).get("content", {})
        return content.get("application/json", {}).get("schema", {}).get("properties", {})

    def parameters(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.operation.get("parameters", []) if p["in"] == where]


def _resolved(parameters: list[dict[str, Any]], shared: dict[str, Any]) -> list[dict[str, Any]]:
    """Parameters with each `$ref` (e.g. the Idempotency-Key header) replaced by its target."""
    return [shared[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in parameters]


def _endpoints() -> list[Endpoint]:
    app = create_app({"SERVICES": Services(load_settings(environ={}))})
    document = build_spec()
    spec = document["paths"]
    shared = document.get("components", {}).get("parameters", {})
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        template = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        item = spec.get(template, {})
        path_params = {p["name"]: p for p in _resolved(item.get("parameters", []), shared)}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            # A route missing from the document fails here and in test_openapi.
            operation = dict(item[method.lower()])
            operation["parameters"] = _resolved(operation.get("parameters", []), shared)
            for p in operation["parameters"]:
                path_params.setdefault(p["name"], p)
            path = template
            for name in rule.arguments:
                param = path_params[name]
                example = param.get("example", param.get("schema", {}).get("example"))
                assert example, f"{template}: path parameter {name} has no example"
                path = path.replace(f"{{{name}}}", example)
            found.append(Endpoint(method, path, template, operation))
    return found


ENDPOINTS = _endpoints()
WITH_BODY = [e for e in ENDPOINTS if e.body_properties]
TEXT_FIELDS = [
    (e, name)
    for e in WITH_BODY
    for name, s in e.body_properties.items()
    if s.get("type") == "string"
]
# Fields of one type (not oneOf: a weight as "72.4" or 72 has no single wrong type list).
ANY_FIELD = [(e, n) for e in WITH_BODY for n, s in e.body_properties.items() if "type" in s]
WRITES = [e for e in ENDPOINTS if e.method in STATE_CHANGING]
OWNER_ONLY = [e for e in ENDPOINTS if e.owner]
WITH_IDS = [e for e in ENDPOINTS if e.parameters("path") or "{" in e.template]
INT_QUERIES = [
    (e, p) for e in ENDPOINTS for p in e.parameters("query") if p["schema"].get("type") == "integer"
]

CONTROLS = ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\x9b"]
BIDI = ["\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"]
WRONG_TYPES = {
    "string": [42, True, ["x"], {"x": "y"}],
    "boolean": ["true", 1, ["x"]],
    "integer": ["5", 5.5, True, [5]],
    "object": [42, "x", ["x"]],
    "array": [42, "x", {"x": "y"}],
}


@pytest.fixture(scope="module")
def app(moto_url):
    """Give one app for the module: nothing here may write, which each test checks."""
    # Filled honeypots and wrong tokens count toward limits; raised so every case is answered.
    return build_app(moto_url, owner_auth_limit=10**6, contact_rate_limit=10**6)


@pytest.fixture
def client(app):
    return app.test_client()


def assert_untouched(app, before, endpoint: Endpoint, field: str | None = None) -> None:
    """Assert the table is as it was, but for the counter of a filled honeypot."""
    written = written_since(app, before)
    if field and endpoint.body_properties[field].get("maxLength") == 0:
        # A field that must stay empty is a honeypot: filling it counts toward
        # the client's rate limit, by design (see api/contact.py).
        written = [key for key in written if not key.startswith("RATE#")]
    assert written == []


def refused(response, endpoint: Endpoint, status: int, code: str | None = None) -> dict:
    """Assert the error shape, the status and that the operation documents it."""
    body = assert_error(response, status, code)
    assert str(status) in endpoint.operation["responses"], f"{endpoint} does not document {status}"
    return body


def send_json(client, endpoint: Endpoint, raw: str | bytes, **headers: str):
    return client.open(
        endpoint.path,
        method=endpoint.method,
        data=raw,
        content_type="application/json",
        headers={**OWNER, **headers},
    )


def test_every_route_is_covered():
    assert {str(e) for e in ENDPOINTS} >= {"POST /contact", "PATCH /messages/{message_id}"}
    assert WITH_BODY and TEXT_FIELDS and WRITES and OWNER_ONLY and WITH_IDS and INT_QUERIES


@pytest.mark.parametrize("endpoint", WITH_BODY, ids=str)
def test_deep_nesting_is_400_before_parsing(app, client, endpoint):
    before = table_items(app)
    raw = '{"a": ' + "[" * 1000 + "]" * 1000 + "}"
    body = refused(send_json(client, endpoint, raw), endpoint, 400, "too_deep")
    assert str(MAX_DEPTH) in body["message"]
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint", WITH_BODY, ids=str)
def test_nesting_within_the_limit_reaches_validation(client, endpoint):
    raw = '{"a": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    refused(send_json(client, endpoint, raw), endpoint, 422)


@pytest.mark.parametrize("endpoint,field", ANY_FIELD, ids=lambda v: str(v))
def test_duplicate_keys_are_400(app, client, endpoint, field):
    before = table_items(app)
    raw = f'{{"{field}": "spam", "{field}": ""}}'
    body = refused(send_json(client, endpoint, raw), endpoint, 400, "duplicate_key")
    assert body["fields"] == {field: "Sent more than once."}
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint,field", TEXT_FIELDS, ids=lambda v: str(v))
def test_lone_surrogates_are_422_naming_the_field(app, client, endpoint, field):
    before = table_items(app)
    raw = json.dumps({field: "x\udfff"})  # ensure_ascii writes it as the escape \udfff
    body = refused(send_json(client, endpoint, raw), endpoint, 422)
    assert "Unicode" in body["fields"][field]
    nested = refused(send_json(client, endpoint, '{"n": {"k\\ud800": 1}}'), endpoint, 422)
    assert "Unicode" in nested["fields"]["n"]
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint,field", TEXT_FIELDS, ids=lambda v: str(v))
def test_control_characters_are_422_naming_the_field(app, client, endpoint, field):
    before = table_items(app)
    for char in CONTROLS:
        raw = json.dumps({field: f"Bob{char}x"})
        body = refused(send_json(client, endpoint, raw), endpoint, 422)
        assert field in body["fields"], repr(char)
    assert_untouched(app, before, endpoint, field)


def schema_allows(schema: dict[str, Any], value: str) -> bool:
    """Tell whether a string property's declared pattern and length allow ``value``."""
    return re.search(schema["pattern"], value) is not None and len(value) <= schema.get(
        "maxLength", len(value)
    )


@pytest.mark.parametrize("endpoint,field", TEXT_FIELDS, ids=lambda v: str(v))
def test_text_direction_controls_are_refused_where_the_schema_says(app, client, endpoint, field):
    schema = endpoint.body_properties[field]
    before = table_items(app)
    for char in BIDI:
        value = f"Bob {char}gnp.exe"
        body = refused(send_json(client, endpoint, json.dumps({field: value})), endpoint, 422)
        assert (field in body["fields"]) is not schema_allows(schema, value), repr(char)
    assert_untouched(app, before, endpoint, field)


@pytest.mark.parametrize("endpoint,field", ANY_FIELD, ids=lambda v: str(v))
def test_wrong_types_are_422_naming_the_field(app, client, endpoint, field):
    before = table_items(app)
    for value in WRONG_TYPES[endpoint.body_properties[field]["type"]]:
        body = refused(send_json(client, endpoint, json.dumps({field: value})), endpoint, 422)
        assert field in body["fields"], value
    assert_untouched(app, before, endpoint, field)


@pytest.mark.parametrize("endpoint", WITH_BODY, ids=str)
@pytest.mark.parametrize("raw", ["[1, 2]", '"text"', "{", '{"a": NaN}', b"\xff\xfe", ""], ids=repr)
def test_malformed_json_is_400(app, client, endpoint, raw):
    before = table_items(app)
    refused(send_json(client, endpoint, raw), endpoint, 400, "malformed_json")
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint", WITH_BODY, ids=str)
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_oversized_bodies_are_413(app, client, endpoint, chunked):
    before = table_items(app)
    raw = json.dumps({"x": "y" * 70_000}).encode()  # the limit is 64 KiB
    if chunked:  # what a WSGI server hands over for Transfer-Encoding: chunked
        response = client.open(
            endpoint.path,
            method=endpoint.method,
            input_stream=io.BytesIO(raw),
            content_type="application/json",
            headers={**OWNER, "Transfer-Encoding": "chunked"},
            environ_overrides={"wsgi.input_terminated": True},
        )
    else:
        response = send_json(client, endpoint, raw)
    refused(response, endpoint, 413, "payload_too_large")
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint", WRITES, ids=str)
@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "null", "http://site.example", "https://site.example.evil", ""],
)
def test_writes_from_other_origins_are_403_before_anything_runs(app, client, endpoint, origin):
    before = table_items(app)
    response = send_json(client, endpoint, "{}", Origin=origin)
    refused(response, endpoint, 403, "origin_not_allowed")
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint", OWNER_ONLY, ids=str)
@pytest.mark.parametrize("authorization", [None, "", "Bearer ", "Basic b3duZXI6cGFzcw=="])
def test_owner_endpoints_without_credentials_are_401_with_a_challenge(
    app, client, endpoint, authorization
):
    before = table_items(app)
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.open(endpoint.path, method=endpoint.method, json={}, headers=headers)
    refused(response, endpoint, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint", OWNER_ONLY, ids=str)
def test_owner_endpoints_with_a_wrong_token_are_401_and_only_count_the_guess(app, client, endpoint):
    before = table_items(app)
    headers = {"Authorization": "Bearer wrong-token"}
    response = client.open(endpoint.path, method=endpoint.method, json={}, headers=headers)
    refused(response, endpoint, 401, "invalid_token")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert all(key.startswith("RATE#owner-auth#") for key in written_since(app, before))


@pytest.mark.parametrize("endpoint", WITH_IDS, ids=str)
@pytest.mark.parametrize("suffix", ["%0A", "%0D%0A", "%00", "%20", "/", "x"])
def test_ids_with_anything_after_them_match_no_route(app, client, endpoint, suffix):
    before = table_items(app)
    response = client.open(endpoint.path + suffix, method=endpoint.method, json={}, headers=OWNER)
    refused(response, endpoint, 404, "not_found")
    assert written_since(app, before) == []


@pytest.mark.parametrize("endpoint,param", INT_QUERIES, ids=lambda v: str(v))
def test_integer_query_parameters_take_ascii_digits_in_range(app, client, endpoint, param):
    schema = param["schema"]
    assert {"minimum", "maximum"} <= schema.keys()
    before = table_items(app)
    values = ["²", "¹", "⁵", "①", "５", "٥", "𝟓", "-1", "1e1", " 5", "5.0", "9" * 5000]
    values += [str(schema["maximum"] + 1), str(schema["minimum"] - 1)]
    for value in values:
        response = client.open(
            endpoint.path,
            method=endpoint.method,
            query_string={param["name"]: value},
            headers=OWNER,
        )
        body = refused(response, endpoint, 422, "invalid_fields")
        assert list(body["fields"]) == [param["name"]], value
    assert written_since(app, before) == []
