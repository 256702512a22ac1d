"""The owner's inbox: token required, newest first, cursors, read, delete, CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from api import messages

from .conftest import assert_error, contact_body

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


@pytest.mark.parametrize("message_id", [SOME_ID, "nonsense", "20260101T000000000000Z-ZZZZZZZZ"])
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
