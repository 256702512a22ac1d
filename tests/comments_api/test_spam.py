"""Layered spam defences: honeypot, form token, client and subnet limits, links, duplicates."""

from __future__ import annotations

import pytest

from api.comments.guard import subnet

from ..api.conftest import aged_token, assert_error, table_items, written_since
from .conftest import comment_body, comment_token, post, sync_threads, thread_entry


def from_address(web, address, **changes):
    return web.post(
        "/threads/posts/hello/comments",
        json=comment_body(**changes),
        environ_overrides={"REMOTE_ADDR": address},
    )


@pytest.fixture
def strict(make_app):
    """An app with the default-sized limits: 2 per client, 3 per network."""
    app = make_app(comment_rate_limit=2, comment_subnet_limit=3, comment_rate_window=10**8)
    sync_threads(app, thread_entry())
    return app


def test_a_filled_honeypot_is_refused_and_counted(strict):
    web = strict.test_client()
    body = assert_error(from_address(web, "10.0.0.1", website="http://spam"), 422, "spam_suspected")
    assert body["fields"] == {"website": "Leave this field empty."}
    assert from_address(web, "10.0.0.1", text="one").status_code == 201
    assert_error(from_address(web, "10.0.0.1", text="two"), 429, "rate_limited")


def test_per_client_then_per_subnet_limits(strict):
    web = strict.test_client()
    assert from_address(web, "192.0.2.1", text="one").status_code == 201
    assert from_address(web, "192.0.2.1", text="two").status_code == 201
    refused = from_address(web, "192.0.2.1", text="three")
    assert_error(refused, 429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    # A neighbour in the same /24 has its own allowance, but the network's is shared:
    assert from_address(web, "192.0.2.77", text="four").status_code == 201
    assert_error(from_address(web, "192.0.2.78", text="five"), 429, "rate_limited")
    assert from_address(web, "198.51.100.1", text="elsewhere").status_code == 201


def test_subnets_are_24_and_48_bits():
    assert subnet("192.0.2.77") == "192.0.2.0/24"
    assert subnet("2001:db8:1:2:3::4") == "2001:db8:1::/48"
    assert subnet("::ffff:192.0.2.9") == "192.0.2.0/24"
    assert subnet("-") == "-"


def test_form_token_is_required_and_must_age(web, site):
    before = table_items(site)
    assert_error(post(web, token=None), 422, "invalid_token")
    assert_error(post(web, token="forged"), 422, "invalid_token")
    assert_error(post(web, token=comment_token(seconds=0)), 422, "too_fast")
    assert_error(post(web, token=aged_token()), 422, "invalid_token")  # the contact form's
    assert written_since(site, before) == []
    assert post(web, token=comment_token()).status_code == 201


def test_more_than_three_links_are_refused_with_a_field_error(web):
    three = "See https://a.example, www.b.example and [c](https://c.example)."
    assert post(web, text=three).status_code == 201
    four = three + " Also <https://d.example>."
    body = assert_error(post(web, text=four), 422, "too_many_links")
    assert "4" in body["fields"]["text"]


def test_the_same_text_twice_on_a_page_is_409(web):
    assert post(web, text="Great   recipe!").status_code == 201
    body = assert_error(post(web, text="great recipe!", name="Other"), 409, "duplicate_comment")
    assert "text" in body["fields"]
    assert post(web, thread="posts/moderated", text="Great recipe!").status_code == 201
