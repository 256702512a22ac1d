"""Schemathesis hooks for tests/api/test_openapi.py's command-line run.

Owner writes take an optional ``Idempotency-Key`` (api/idempotency.py). Generated
cases reuse the same few valid keys (the documented example, the shortest string
the pattern allows) for different requests, which the API rightly answers 422
``idempotency_key_reused``. A real client makes one key per new entry, so every
valid key is replaced by a fresh one before the call; invalid keys (negative
cases) are sent as generated, so their rejection is still checked.
"""

from __future__ import annotations

import re
import uuid

import schemathesis

HEADER = "Idempotency-Key"
VALID = re.compile(r"[A-Za-z0-9_-]{8,80}")


@schemathesis.hook
def before_call(context, case, **kwargs):
    """Give each call with a valid Idempotency-Key a key of its own."""
    fresh_key(case)


def fresh_key(case) -> None:
    """Replace a valid generated Idempotency-Key with a new one (the in-process fuzz too)."""
    headers = case.headers or {}
    for name in list(headers):
        value = headers[name]
        if name.lower() == HEADER.lower() and isinstance(value, str) and VALID.fullmatch(value):
            headers[name] = uuid.uuid4().hex
