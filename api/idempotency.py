"""Owner writes that are safe to send again: the ``Idempotency-Key`` header.

A phone that logs an expense offline sends it again when the connection comes
back, and may send it twice (a timeout after the server stored it). With the
same ``Idempotency-Key`` the API does the work once and answers every copy
with the first answer. Wrap an owner write view::

    @bp.post("/money/transactions")
    @idempotent
    def create_transaction() -> Response: ...

How it holds, with one conditional write and no read-then-write:

- The first request puts ``IDEM#<key>`` / ``META`` only if it does not exist,
  holding the hash of method, path (with query) and canonical body (JSON with
  sorted keys; for an upload, its fields and each file's SHA-256), the state
  ``started`` and a TTL of two days. Then the view runs, and its answer
  (status and JSON body) is stored on the marker (state ``done``).
- A request whose put fails reads the marker: another request (different
  hash) is 422 ``idempotency_key_reused``; ``started`` is 409
  ``idempotency_in_progress`` (try again in a second); ``done`` is the stored
  answer again, with ``Idempotent-Replayed: true``.
- A view that fails (4xx, 5xx or an exception) deletes the marker, so a retry
  runs again: only a success is remembered.
- A marker left ``started`` by a crashed run (the Lambda timed out) is taken
  over after :data:`LEASE_SECONDS`, by a conditional update that only one
  request can win.

Without the header a view runs as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask import Response, make_response, request

from .errors import ApiError, BadRequest
from .services import current
from .storage import ConditionFailed, StorageError, Table

log = logging.getLogger("api.idempotency")

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
KEY_PATTERN = "^[A-Za-z0-9_-]{8,80}$"
_KEY = re.compile(KEY_PATTERN)
PREFIX = "IDEM#"
META = "META"
TTL_SECONDS = 2 * 24 * 3600
# Longer than the Lambda's timeout: a run still "started" after this has died.
LEASE_SECONDS = 120
# A DynamoDB item holds 400 KB; a bigger answer is remembered as its status only.
MAX_STORED_BODY = 300_000
_KEPT_HEADERS = ("Location", "ETag")


class KeyReused(ApiError):
    status, code = 422, "idempotency_key_reused"
    message = (
        "This Idempotency-Key was used for a different request: make a new key for each new entry."
    )


class InProgress(ApiError):
    status, code = 409, "idempotency_in_progress"
    message = "A request with this Idempotency-Key is still running: try again in a moment."


def marker_pk(key: str) -> str:
    """Return the partition key of a key's marker."""
    return f"{PREFIX}{key}"


def _number(value: Decimal) -> dict[str, str]:
    return {"$number": str(value)}


def canonical_body(raw: bytes) -> bytes:
    """Return the body in one form: JSON with sorted keys and no spaces, else the bytes."""
    if not raw:
        return b""
    try:
        data = json.loads(raw.decode("utf-8"), parse_float=Decimal, parse_int=Decimal)
    except (ValueError, RecursionError):
        return raw
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_number
    )
    return text.encode("utf-8")


def request_hash(method: str, path: str, raw: bytes) -> str:
    """Return the SHA-256 (hex) of method, path and canonical body."""
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), canonical_body(raw)):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _multipart_body() -> bytes:
    # Each try of an upload has its own random boundary: compare fields and file contents.
    files = []
    for name, upload in request.files.items(multi=True):
        content = hashlib.sha256(upload.stream.read()).hexdigest()
        upload.stream.seek(0)  # the view reads it again
        files.append([str(name), str(upload.filename or ""), content])
    # str(): a part may come without a name, and None does not sort beside text.
    form = sorted([str(name), str(value)] for name, value in request.form.items(multi=True))
    return json.dumps({"files": sorted(files), "form": form}).encode()


def _current_hash() -> str:
    path = request.path
    if request.query_string:
        path += "?" + request.query_string.decode("latin-1")
    if request.mimetype == "multipart/form-data":
        return request_hash(request.method, path, _multipart_body())
    return request_hash(request.method, path, request.get_data(cache=True))


def _read_key() -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not _KEY.fullmatch(key):
        raise BadRequest(
            f"{HEADER} must be 8 to 80 letters, digits, '-' or '_'.",
            code="invalid_idempotency_key",
            fields={HEADER: "8 to 80 of A-Z a-z 0-9 - _."},
        )
    return key


def _claim(table: Table, key: str, digest: str, now: float) -> dict[str, Any] | None:
    """Start a run for ``key``; return None when started, else the marker that is there."""
    item = {
        "pk": marker_pk(key),
        "sk": META,
        "hash": digest,
        "state": "started",
        "started_at": int(now),
        "expires_at": int(now) + TTL_SECONDS,
    }
    for _ in range(3):
        try:
            table.put_new(item)
            return None
        except ConditionFailed:
            found = table.get(marker_pk(key), META)
        if found is not None:
            stale = now - int(found["started_at"]) > LEASE_SECONDS
            if (
                found["state"] == "started"
                and found["hash"] == digest
                and stale
                and _take_over(table, key, found, now)
            ):
                return None
            return found
        # Removed between our put and our read (the other run failed): try again.
    raise InProgress()


def _take_over(table: Table, key: str, found: dict[str, Any], now: float) -> bool:
    try:
        table.update(
            marker_pk(key),
            META,
            "SET #started_at = :now, #expires_at = :expires",
            {
                ":now": int(now),
                ":expires": int(now) + TTL_SECONDS,
                ":old": found["started_at"],
                ":started": "started",
            },
            names={"#started_at": "started_at", "#expires_at": "expires_at", "#state": "state"},
            condition="#state = :started AND #started_at = :old",
        )
    except ConditionFailed:
        return False
    log.warning("idempotency key %s: took over a run started %ss ago", key, found["started_at"])
    return True


def _replay(found: dict[str, Any], digest: str) -> Response:
    if found["hash"] != digest:
        raise KeyReused()
    if found["state"] != "done":
        raise InProgress(retry_after=1)
    response = Response(
        found.get("body", ""), status=int(found["status"]), mimetype=found.get("mimetype")
    )
    for name, value in (found.get("headers") or {}).items():
        response.headers[name] = value
    response.headers[REPLAYED] = "true"
    return response


def _forget(table: Table, key: str) -> None:
    table.delete(marker_pk(key), META)


def _remember(table: Table, key: str, response: Response, now: float) -> None:
    body = response.get_data(as_text=True)
    if len(body.encode("utf-8")) > MAX_STORED_BODY:
        body = json.dumps({"ok": True, "message": "Stored; the answer was too large to keep."})
    headers = {h: response.headers[h] for h in _KEPT_HEADERS if h in response.headers}
    table.update(
        marker_pk(key),
        META,
        "SET #state = :done, #status = :status, #body = :body, #mimetype = :mimetype, "
        "#headers = :headers, #done_at = :now",
        {
            ":done": "done",
            ":status": response.status_code,
            ":body": body,
            ":mimetype": response.mimetype or "application/json",
            ":headers": headers,
            ":now": int(now),
        },
        names={f"#{n}": n for n in ("state", "status", "body", "mimetype", "headers", "done_at")},
    )


def idempotent(view: Callable[..., Any]) -> Callable[..., Response]:
    """Run ``view`` once per ``Idempotency-Key``; answer repeats with the stored answer."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        key = _read_key()
        if key is None:
            return make_response(view(*args, **kwargs))
        table, digest = current().table, _current_hash()
        found = _claim(table, key, digest, time.time())
        if found is not None:
            return _replay(found, digest)
        try:
            response = make_response(view(*args, **kwargs))
        except BaseException:
            _forget(table, key)
            raise
        if response.status_code >= 400:
            _forget(table, key)
        else:
            try:
                _remember(table, key, response, time.time())
            except StorageError as exc:
                # The work is done and stored: say so; a copy sent later waits for the lease.
                log.error("idempotency key %s: answer not remembered: %s", key, exc)
        return response

    wrapper.idempotent = True  # type: ignore[attr-defined]
    return wrapper


# For OpenAPI: `parameters: [IDEMPOTENCY_PARAMETER]` on an operation using @idempotent.
IDEMPOTENCY_PARAMETER = {"$ref": "#/components/parameters/IdempotencyKey"}
COMPONENTS_PARAMETERS = {
    "IdempotencyKey": {
        "name": HEADER,
        "in": "header",
        "required": False,
        "schema": {"type": "string", "pattern": KEY_PATTERN},
        "example": "3f1c2a9e-7b41-4c5e-9d2f-0a8b6c4e1d77",
        "description": (
            "Makes a write safe to send again: with the same key and the same request "
            "the API does the work once and answers every copy with the first answer "
            f"(header {REPLAYED}: true), for two days. The same key with another "
            "request: 422 idempotency_key_reused; the first still running: 409 "
            "idempotency_in_progress. A failed request is not remembered."
        ),
    }
}
COMPONENTS_HEADERS = {
    "IdempotentReplayed": {
        "description": "true when this is the stored answer to an earlier request "
        f"with the same {HEADER}.",
        "schema": {"const": "true"},
    }
}
