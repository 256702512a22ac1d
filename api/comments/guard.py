"""Spam defences before a comment is stored: honeypot, form token, rate limits, links.

Layered, because each stops a different sender: the honeypot and the token's
minimum age catch form-filling programs; the per-client and per-subnet (/24,
/48) limits bound anyone who gets past those; the link limit takes away what
most comment spam is for. Duplicate text is refused by the store (a marker
written with the comment). None of this stops a patient person typing by
hand: that is what moderation is for (docs/comments.md).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import ratelimit
from ..errors import InvalidFields, ServiceUnavailable
from ..http import client_address
from ..security import check_token, client_hash
from ..services import Services
from .fields import HONEYPOT, TOKEN_PURPOSE
from .markup import link_count


def subnet(address: str) -> str:
    """Return the network an address belongs to for rate limits: its /24 (IPv4) or /48 (IPv6)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def clients(services: Services) -> tuple[str, str]:
    """Return the keyed hashes of the client's address and of its network."""
    address = client_address()
    return client_hash(address, services.secret), client_hash(subnet(address), services.secret)


def count_comment(services: Services) -> None:
    """Count one comment against the client's and its network's allowance (429 when used up)."""
    settings = services.settings
    client, network = clients(services)
    window = settings.comment_rate_window
    ratelimit.hit(
        services.table,
        ratelimit.Limit("comment", settings.comment_rate_limit, window, "comments"),
        client,
    )
    ratelimit.hit(
        services.table,
        ratelimit.Limit("comment-net", settings.comment_subnet_limit, window, "comments"),
        network,
    )


def count_vote(services: Services) -> None:
    """Count one vote against the client's and its network's allowance."""
    settings = services.settings
    client, network = clients(services)
    window, limit = settings.comment_rate_window, settings.vote_rate_limit
    ratelimit.hit(services.table, ratelimit.Limit("vote", limit, window, "votes"), client)
    ratelimit.hit(services.table, ratelimit.Limit("vote-net", 4 * limit, window, "votes"), network)


def honeypot(services: Services, data: dict[str, Any]) -> None:
    """Refuse a post whose hidden field was filled in (counted, so probing costs allowance)."""
    if data.get(HONEYPOT):
        count_comment(services)
        raise InvalidFields(
            "The hidden 'website' field must stay empty: it is there to catch automated posts.",
            fields={HONEYPOT: "Leave this field empty."},
            code="spam_suspected",
        )


def secret(services: Services) -> str:
    """Return the form secret, or refuse (503) when comments are not configured."""
    value = services.settings.form_secret
    if not value:
        raise ServiceUnavailable(
            "Comments are not configured on this server.", code="form_not_configured"
        )
    return value


def check_form(services: Services, token: str) -> None:
    """Refuse a missing, damaged, too quick or expired form token."""
    settings = services.settings
    check_token(
        token,
        secret(services),
        min_age=settings.token_min_age,
        max_age=settings.token_max_age,
        purpose=TOKEN_PURPOSE,
    )


def check_links(services: Services, text: str) -> None:
    """Refuse a text with more links than the site allows."""
    limit = services.settings.comment_max_links
    found = link_count(text)
    if found > limit:
        raise InvalidFields(
            f"Comments may hold at most {limit} links (this one has {found}).",
            fields={"text": f"At most {limit} links, please (found {found})."},
            code="too_many_links",
        )
