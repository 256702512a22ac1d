"""Ballot stuffing is bounded: ratings per client address and per /24 or /48 subnet."""

from __future__ import annotations

import pytest

from api.ratings.limits import subnet

from ..api.conftest import assert_error, away_from_window_edge, build_app
from .conftest import add_recipe, stored_ratings

WINDOW = 10**8  # fixed windows; one this long never resets mid-test


@pytest.fixture
def limited(moto_url):
    app = build_app(moto_url, rating_rate_limit=3, rating_subnet_limit=5, rating_rate_window=WINDOW)
    add_recipe(app, "dal")
    away_from_window_edge(WINDOW)
    return app


def rate(client, address, n):
    return client.put(
        "/recipes/dal/rating",
        json={
            "rating": 1 + n % 5,
            "visitor": "stuffer-" + address.replace(".", "-").replace(":", "_") + f"-{n:04d}",
        },
        environ_overrides={"REMOTE_ADDR": address},
    )


def count(app) -> int:
    return sum(1 for i in stored_ratings(app) if i["sk"].startswith("RATING#"))


def test_one_client_is_limited_whatever_visitor_ids_it_sends(limited):
    client = limited.test_client()
    assert [rate(client, "192.0.2.10", n).status_code for n in range(3)] == [200] * 3
    refused = assert_error(rate(client, "192.0.2.10", 3), 429, "rate_limited")
    assert "ratings" in refused["message"]
    assert int(rate(client, "192.0.2.10", 4).headers["Retry-After"]) > 0
    assert count(limited) == 3


def test_neighbouring_addresses_share_the_subnet_limit(limited):
    client = limited.test_client()
    answers = [rate(client, f"192.0.2.{20 + n}", n).status_code for n in range(6)]
    assert answers == [200] * 5 + [429]  # six addresses of one /24: the sixth is refused
    assert rate(client, "198.51.100.1", 0).status_code == 200  # another /24 is not
    assert count(limited) == 6


def test_ipv6_neighbours_share_a_48(limited):
    client = limited.test_client()
    answers = [rate(client, f"2001:db8:1:{n}::1", n).status_code for n in range(6)]
    assert answers == [200] * 5 + [429]
    assert rate(client, "2001:db8:2::1", 0).status_code == 200


def test_a_form_post_over_the_limit_gets_a_page_with_retry_after(limited):
    client = limited.test_client()
    for n in range(3):
        rate(client, "192.0.2.50", n)
    response = client.post(
        "/recipes/dal/rating", data={"rating": "4"}, environ_overrides={"REMOTE_ADDR": "192.0.2.50"}
    )
    assert response.status_code == 429 and response.mimetype == "text/html"
    assert "Too many ratings" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0


def test_refused_requests_do_not_count(limited):
    client = limited.test_client()
    for _ in range(5):  # invalid, or for a recipe that takes no ratings
        client.put(
            "/recipes/dal/rating",
            json={"rating": 9},
            environ_overrides={"REMOTE_ADDR": "192.0.2.60"},
        )
        client.put(
            "/recipes/nope/rating",
            json={"rating": 3},
            environ_overrides={"REMOTE_ADDR": "192.0.2.60"},
        )
    assert rate(client, "192.0.2.60", 0).status_code == 200


@pytest.mark.parametrize(
    "address,network",
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12::5", "2001:db8:abcd::/48"),
        ("::ffff:203.0.113.77", "203.0.113.0/24"),
        ("-", "-"),
    ],
)
def test_subnet_of_an_address(address, network):
    assert subnet(address) == network
