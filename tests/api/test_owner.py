"""The owner's inbox: token required, newest first, cursors, read, delete, CSV."""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from api import messages

from .conftest import assert_error, away_from_window_edge, contact_body, table_items

SOME_ID = "20260101T000000000000Z-0000abcd"
OWNER_ENDPOINTS = [
    ("get", "/messages", {}),
    ("get", "/messages/export.csv", {}),
    ("get", f"/messages/{SOME_ID}", {}),
    ("patch", f"/messages/{SOME_ID}", {"json": {"read": True}}),
    ("delete", f"/messages/{SOME_ID}", {}),
]


@pytest.mark.parametrize("method,path,kwargs", OWNER_ENDPOINTS)
@pytest.mark.parametrize(
    "authorization,code",
    [
        (None, "unauthorized"),
        ("", "unauthorized"),
        ("Bearer ", "unauthorized"),
        ("Basic b3duZXI6cGFzcw==", "unauthorized"),
        ("Bearer wrong-token", "invalid_token"),
        ("owner-token-for-tests", "unauthorized"),
    ],
)
def test_owner_endpoints_require_the_token(
    shared_client, method, path, kwargs, authorization, code
):
    headers = {} if authorization is None else {"Authorization": authorization}
    response = getattr(shared_client, method)(path, headers=headers, **kwargs)
    body = assert_error(response, 401, code)
    assert "owner_token" not in body["message"]
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="frostfolio"')


def test_wrong_tokens_are_throttled_per_client_and_then_even_the_right_one_waits(make_app, owner):
    app = make_app(owner_auth_limit=3, owner_auth_window=600)
    client = app.test_client()
    away_from_window_edge(600)
    wrong = {"Authorization": "Bearer guess"}
    assert client.get("/messages", headers=owner).status_code == 200  # the owner's own use is free
    statuses = [client.get("/messages", headers=wrong).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
    # Answering the right token now would tell a guesser which guess was right.
    response = client.get("/messages", headers=owner)
    body = assert_error(response, 429, "rate_limited")
    assert "wrong owner tokens" in body["message"]
    assert 1 <= int(response.headers["Retry-After"]) <= 600
    # The owner on another address is not affected.
    elsewhere = {"REMOTE_ADDR": "10.9.9.9"}
    assert client.get("/messages", headers=owner, environ_base=elsewhere).status_code == 200


@pytest.mark.dynamodb_local
def test_parallel_wrong_tokens_never_get_more_answers_than_the_limit(make_app, dynamodb_local_url):
    # DynamoDB Local, not moto: moto applies parallel conditional updates without a lock.
    app = make_app(store=dynamodb_local_url, owner_auth_limit=5, owner_auth_window=600)
    app.extensions["frostfolio"].table.client  # noqa: B018 - create the client before the race
    away_from_window_edge(600)

    def guess(n: int) -> int:
        headers = {"Authorization": f"Bearer guess-{n}"}
        return app.test_client().get("/messages", headers=headers).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(guess, range(40)))
    assert statuses.count(401) == 5 and statuses.count(429) == 35


def seed(app, count: int) -> list[str]:
    """Store ``count`` messages a minute apart, oldest first; return their ids."""
    table = app.extensions["frostfolio"].table
    start = datetime(2026, 10, 31, 23, 58, tzinfo=UTC)  # spans two months
    ids = []
    for n in range(count):
        item = messages.new_message(
            {"name": f"Visitor {n}", "email": f"v{n}@example.org", "message": f"Note {n}"},
            "client",
            now=start + timedelta(minutes=n),
        )
        messages.save(table, item, notify=False)
        ids.append(item["id"])
    return ids


def test_list_is_newest_first_and_cursors_walk_every_page(app, client, owner):
    ids = seed(app, 7)
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/messages", query_string=query, headers=owner).get_json()
        assert body["ok"] is True
        assert len(body["messages"]) <= 3
        seen += [m["id"] for m in body["messages"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(ids))
    assert pages in (3, 4)  # DynamoDB may hand back one empty last page


def test_list_shows_what_the_owner_needs(app, client, owner):
    seed(app, 1)
    [message] = client.get("/messages", headers=owner).get_json()["messages"]
    assert message["name"] == "Visitor 0" and message["email"] == "v0@example.org"
    assert message["read"] is False and message["created_at"] == "2026-10-31T23:58:00Z"
    assert "client" not in message and "pk" not in message


@pytest.mark.parametrize(
    "query,field",
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "²"}, "limit"),
        ({"limit": "５"}, "limit"),
        ({"limit": "1000"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "WyJFVkVOVCN4IiwieSJd"}, "cursor"),  # a valid-looking key of another kind
        ({"page": "2"}, "page"),
    ],
)
def test_bad_list_queries_say_which_parameter(shared_client, owner, query, field):
    body = assert_error(shared_client.get("/messages", query_string=query, headers=owner), 422)
    assert list(body["fields"]) == [field]


def test_get_mark_read_and_delete(app, client, owner):
    [message_id] = seed(app, 1)
    url = f"/messages/{message_id}"
    assert client.get(url, headers=owner).get_json()["message"]["id"] == message_id
    marked = client.patch(url, json={"read": True}, headers=owner).get_json()
    assert marked["message"]["read"] is True
    assert client.get(url, headers=owner).get_json()["message"]["read"] is True
    assert (
        client.patch(url, json={"read": False}, headers=owner).get_json()["message"]["read"]
        is False
    )
    assert client.delete(url, headers=owner).get_json() == {"ok": True, "deleted": message_id}
    assert_error(client.get(url, headers=owner), 404)
    assert_error(client.delete(url, headers=owner), 404)


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
@pytest.mark.parametrize("suffix", ["%0A", "%0D%0A", "%00"])
def test_an_id_with_a_trailing_newline_never_reaches_the_real_message(
    app, client, owner, method, suffix
):
    [message_id] = seed(app, 1)
    before = table_items(app)
    kwargs = {"json": {"read": True}} if method == "patch" else {}
    response = getattr(client, method)(f"/messages/{message_id}{suffix}", headers=owner, **kwargs)
    assert_error(response, 404, "not_found")
    assert table_items(app) == before


@pytest.mark.parametrize("method", ["patch", "delete", "put", "post"])
def test_export_is_a_fixed_path_not_an_id(shared_client, owner, method):
    response = getattr(shared_client, method)("/messages/export.csv", json={}, headers=owner)
    assert_error(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_options_lists_the_methods_of_each_path(shared_client):
    export = shared_client.options("/messages/export.csv")
    one = shared_client.options(f"/messages/{SOME_ID}")
    assert set(export.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert set(one.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "PATCH", "DELETE"}


@pytest.mark.parametrize(
    "message_id",
    [SOME_ID, "nonsense", "20260101T000000000000Z-ZZZZZZZZ", "٢٠٢٦٠١٠١T000000000000Z-0000abcd"],
)
@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_missing_messages_are_404(shared_client, owner, method, message_id):
    kwargs = {"json": {"read": True}} if method == "patch" else {}
    assert_error(
        getattr(shared_client, method)(f"/messages/{message_id}", headers=owner, **kwargs), 404
    )


@pytest.mark.parametrize(
    "payload,fields",
    [
        ({}, {"read": "This field is required."}),
        ({"read": "yes"}, {"read": "Must be true or false."}),
        ({"read": True, "starred": True}, {"starred": "Unknown field."}),
    ],
)
def test_mark_read_validates_its_body(app, client, owner, payload, fields):
    [message_id] = seed(app, 1)
    response = client.patch(f"/messages/{message_id}", json=payload, headers=owner)
    assert assert_error(response, 422)["fields"] == fields


def test_csv_export_has_every_message_and_defuses_formulas(client, owner):
    for n, name in enumerate(["Ada", '=HYPERLINK("http://evil")', "+1 caller", "@sum"]):
        response = client.post(
            "/contact",
            json=contact_body(name=name, message=f'-{n} line one\nline two, "quoted"'),
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
        assert response.status_code == 201, response.get_json()
    response = client.get("/messages/export.csv", headers=owner)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="messages-')
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["name"] for r in rows] == [
        "'@sum",
        "'+1 caller",
        '\'=HYPERLINK("http://evil")',
        "Ada",
    ]
    assert rows[-1]["message"] == '\'-0 line one\nline two, "quoted"'
    assert rows[0]["email"] == "ada@example.org" and rows[0]["read"] == "false"
    assert list(rows[0]) == [
        "id",
        "created_at",
        "name",
        "email",
        "subject",
        "message",
        "read",
        "notified",
    ]


def test_csv_export_of_an_empty_inbox_is_just_the_header(client, owner):
    text = client.get("/messages/export.csv", headers=owner).get_data(as_text=True)
    assert text == "id,created_at,name,email,subject,message,read,notified\r\n"


def test_csv_export_defuses_fullwidth_signs_and_formulas_after_a_line_break(client, owner):
    sent = [
        ("＝1+1", "Hello\n=cmd|' /C calc'!A0"),
        ("＠SUM(A1)", "first\r\n+1 then\r-2 and\n\t@x"),
    ]
    for n, (name, message) in enumerate(sent):
        response = client.post(
            "/contact",
            json=contact_body(name=name, message=message),
            environ_base={"REMOTE_ADDR": f"10.0.1.{n}"},
        )
        assert response.status_code == 201, response.get_json()
    rows = list(csv.DictReader(io.StringIO(client.get("/messages/export.csv", headers=owner).text)))
    assert [(r["name"], r["message"]) for r in reversed(rows)] == [
        ("'＝1+1", "Hello\n'=cmd|' /C calc'!A0"),
        ("'＠SUM(A1)", "first\r\n'+1 then\r'-2 and\n'\t@x"),
    ]
