"""Visitors behind the site's CloudFront are told apart by CloudFront-Viewer-Address.

Behind CloudFront every request reaches the API from CloudFront's address, so
the visitor's own comes from the header CloudFront sets, trusted only with the
secret origin header the distribution adds. Real HTTP requests against the
local server: each client binds its own loopback address (127.0.0.2, ...), so
the server sees them as different connections, as API Gateway would.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

from api.devserver import serve
from api.http import viewer_ip

from .conftest import contact_body

ORIGIN_SECRET = "origin-secret-for-tests"
LIMIT = 2


class _From(HTTPAdapter):
    """Connect from one loopback address."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def connection(address: str) -> requests.Session:
    """Return a session whose requests come from ``address``."""
    session = requests.Session()
    session.mount("http://", _From(address))
    return session


@pytest.fixture
def api(make_app) -> Iterator[str]:
    """Serve an app that allows LIMIT messages per visitor; return its URL."""
    app = make_app(contact_rate_limit=LIMIT, origin_secret=ORIGIN_SECRET)
    httpd = serve("127.0.0.1", 0, app)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


def send(session: requests.Session, url: str, **headers: str) -> int:
    """Post a valid message to ``/api/contact``; return the status."""
    response = session.post(f"{url}/api/contact", json=contact_body(), headers=headers, timeout=30)
    return response.status_code


def via_cloudfront(viewer: str, secret: str = ORIGIN_SECRET) -> dict[str, str]:
    return {"X-Origin-Verify": secret, "CloudFront-Viewer-Address": viewer}


def test_visitors_behind_cloudfront_each_get_their_own_limit(api):
    cloudfront = connection("127.0.0.2")  # every visitor arrives from CloudFront's address
    ada = via_cloudfront("203.0.113.7:51000")
    assert [send(cloudfront, api, **ada) for _ in range(LIMIT + 1)] == [201] * LIMIT + [429]
    # Another visitor through the same CloudFront address is not held back...
    grace = via_cloudfront("2001:db8::7:443")
    assert send(cloudfront, api, **grace) == 201
    # ...and the first is known by address, not by port or spelling.
    assert send(cloudfront, api, **via_cloudfront("203.0.113.7:62000")) == 429
    assert send(cloudfront, api, **via_cloudfront("2001:0db8:0::7:80")) == 201
    assert send(cloudfront, api, **via_cloudfront("[2001:db8::7]:80")) == 429


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", ORIGIN_SECRET + "x"])
def test_a_forged_viewer_address_without_the_secret_is_ignored(api, secret):
    direct = connection("127.0.0.3")
    forged = [f"198.51.100.{n}:443" for n in range(LIMIT + 1)]
    statuses = []
    for viewer in forged:  # a new forged address each time, to dodge the limit
        headers = {"CloudFront-Viewer-Address": viewer}
        if secret is not None:
            headers["X-Origin-Verify"] = secret
        statuses.append(send(direct, api, **headers))
    assert statuses == [201] * LIMIT + [429], "keyed by its real address"
    assert send(connection("127.0.0.4"), api) == 201


@pytest.mark.parametrize(
    "malformed",
    [
        "",
        "203.0.113.7",
        "203.0.113.7:",
        "203.0.113.7:port",
        "203.0.113.7:99999",
        "300.1.1.1:80",
        "fe80::1%eth0:443",
        "::1",
        "not an address:443",
        "203.0.113.7:443, 198.51.100.1:443",
    ],
)
def test_a_malformed_viewer_address_falls_back_to_the_connection(api, malformed):
    cloudfront = connection("127.0.0.5")
    statuses = [send(cloudfront, api, **via_cloudfront(malformed)) for _ in range(LIMIT + 1)]
    assert statuses == [201] * LIMIT + [429]
    assert send(connection("127.0.0.6"), api, **via_cloudfront(malformed)) == 201


def test_without_a_configured_secret_nothing_is_trusted(make_app):
    client = make_app(contact_rate_limit=LIMIT).test_client()  # origin_secret unset
    statuses = [
        client.post(
            "/api/contact", json=contact_body(), headers=via_cloudfront(f"203.0.113.{n}:1", "")
        ).status_code
        for n in range(LIMIT + 1)
    ]
    assert statuses == [201] * LIMIT + [429]


@pytest.mark.parametrize(
    ("value", "ip"),
    [
        ("198.51.100.10:46532", "198.51.100.10"),
        (" 198.51.100.10:0 ", "198.51.100.10"),
        ("2001:db8::1:443", "2001:db8::1"),
        ("2001:0DB8:0000::0001:443", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("198.51.100.10", None),
        ("2001:db8::", None),
        ("198.51.100.10:65536", None),
        ("198.51.100.10:٤٤٣", None),
        ("[198.51.100.10:443", None),
    ],
)
def test_viewer_ip_reads_cloudfronts_format(value, ip):
    assert viewer_ip(value) == ip
