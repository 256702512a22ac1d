"""Bounds on ballot stuffing: ratings per client address and per subnet (/24, /48).

A visitor id is only what a browser keeps; clearing storage makes a new one.
These limits bound how many ratings one connection, and one block of
neighbouring addresses, can send per window, whatever ids they carry.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import ratelimit
from ..security import client_hash


def subnet(address: str) -> str:
    """Return the /24 (IPv4) or /48 (IPv6) network of an address; the address if not an IP."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:  # ::ffff:198.51.100.7 is an IPv4 visitor
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def count(services: Any, address: str) -> None:
    """Count one rating for the address and its subnet; raise RateLimited over either limit."""
    settings, table = services.settings, services.table
    window = settings.rating_rate_window
    per_client = ratelimit.Limit("rating", settings.rating_rate_limit, window, "ratings")
    per_subnet = ratelimit.Limit("rating-net", settings.rating_subnet_limit, window, "ratings")
    ratelimit.hit(table, per_client, client_hash(address, services.secret))
    ratelimit.hit(table, per_subnet, client_hash(subnet(address), services.secret))
