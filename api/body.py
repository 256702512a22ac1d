"""Read request bodies strictly: the one JSON reader and form reader of every endpoint.

Before a view sees a JSON body, it has been refused (nothing run, nothing
written) if it is:

- larger than ``FROSTFOLIO_MAX_BODY_BYTES``, chunked or not (413);
- not UTF-8, not JSON, not an object, or using NaN/Infinity (400 ``malformed_json``);
- nested deeper than :data:`MAX_DEPTH`, measured on the raw text before parsing,
  so a 2 KB body of brackets never reaches the parser's recursion (400 ``too_deep``);
- holding a key twice in any object: parsers disagree on which copy wins, so a
  honeypot or flag could be overridden by a second copy (400 ``duplicate_key``);
- holding a lone surrogate (``"\\udfff"``), which no store or email can carry
  (422 naming the field).

Numbers with a fraction or exponent are read as ``Decimal`` (DynamoDB takes no
float, and money must stay exact).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from itertools import accumulate
from typing import Any

from flask import request
from werkzeug.wsgi import get_content_length

from .errors import BadRequest, InvalidFields, UnsupportedMediaType
from .validation import INVALID_UNICODE, SURROGATE

MAX_DEPTH = 16
FORM_TYPE = "application/x-www-form-urlencoded"

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# A lone surrogate can only arrive as a \u escape: UTF-8 cannot encode one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def nesting(text: str) -> int:
    """Return how deeply arrays and objects nest in JSON text (brackets in strings ignored)."""
    brackets = _BRACKETS.findall(_STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _shown(key: str) -> str:
    return SURROGATE.sub("\ufffd", key)[:64]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _check_unicode(data: dict[str, Any]) -> None:
    bad = {
        _shown(key): INVALID_UNICODE
        for key, value in data.items()
        if any(SURROGATE.search(s) for s in (key, *_strings(value)))
    }
    if bad:
        raise InvalidFields(fields=bad)


def parse_json(raw: bytes) -> dict[str, Any]:
    """Parse a request body into a dict, or raise the API error that refuses it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The body is not UTF-8 text.", code="malformed_json") from None
    # Counting brackets is C-speed; only a body with many of them is measured properly.
    if text.count("[") + text.count("{") > MAX_DEPTH and nesting(text) > MAX_DEPTH:
        raise BadRequest(
            f"The JSON nests deeper than {MAX_DEPTH} levels.", code="too_deep"
        ) from None
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_float=Decimal,
            parse_constant=_refuse_constant,
        )
    except _DuplicateKey as exc:
        raise BadRequest(
            f"The key {_shown(exc.key)!r} appears more than once.",
            code="duplicate_key",
            fields={_shown(exc.key): "Sent more than once."},
        ) from None
    except (ValueError, RecursionError):
        # ValueError also covers integers of more than 4,300 digits.
        raise BadRequest("The body is not valid JSON.", code="malformed_json") from None
    if not isinstance(data, dict):
        raise BadRequest("Send a JSON object.", code="malformed_json")
    if _SURROGATE_ESCAPE.search(text):
        _check_unicode(data)
    return data


def _read_form() -> dict[str, Any]:
    data = {}
    for key, values in request.form.lists():
        if len(values) > 1:
            raise BadRequest(
                f"The field {key[:64]!r} was sent more than once.",
                code="duplicate_key",
                fields={key[:64]: "Sent more than once."},
            )
        data[key] = values[0]
    return data


class ChunkedBodyLimit:
    """WSGI middleware: read a body of unknown length (chunked) up to the limit first.

    Werkzeug stops reading such a body at ``MAX_CONTENT_LENGTH`` without an
    error, so an oversized one reached the parser cut short (400 instead of
    413). Read here, it gets a ``Content-Length`` like any other body, and the
    usual check answers 413. API Gateway always sends a length; the local
    server passes chunked bodies through.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Buffer a chunked body (up to one byte past the limit), then run the app."""
        # Werkzeug's own reading: Transfer-Encoding: chunked overrides any Content-Length.
        if environ.get("wsgi.input_terminated") and get_content_length(environ) is None:
            stream, data = environ["wsgi.input"], b""
            while len(data) <= self.limit:
                chunk = stream.read(self.limit + 1 - len(data))
                if not chunk:
                    break
                data += chunk
            environ["wsgi.input"] = io.BytesIO(data)
            environ["CONTENT_LENGTH"] = str(len(data))
            # Now a body of known length, as if it had been sent that way.
            del environ["wsgi.input_terminated"]
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)


def read_body(*, form: bool = False) -> tuple[dict[str, Any], bool]:
    """Return the request body as a dict and whether it came from an HTML form."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        return parse_json(request.get_data(cache=True)), False
    if form and mimetype == FORM_TYPE:
        return _read_form(), True
    accepted = "application/json" + (f" or {FORM_TYPE}" if form else "")
    raise UnsupportedMediaType(f"Send the body as {accepted} (got {mimetype or 'nothing'}).")
