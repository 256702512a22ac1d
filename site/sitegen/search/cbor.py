"""CBOR of a word's page list, written by table lookups: the bytes `cbor2.dumps` writes.

A word's pages are `[[page, [positions], [metadata positions]], ...]`: a few
million small integers at 4,000 posts. `cbor2` checks every list against
`collections.abc.Mapping` before encoding it as an array, which costs more than
the encoding; here each integer's bytes are looked up in a table made once, and
anything outside it (large numbers, other types) falls back to `cbor2`. The
integers are written in their shortest form, as `cbor2` and Pagefind write them.
Meant for what was decoded from Pagefind's index, where every number is an
integer (`True` or `1.0` would be looked up as `1`).
"""

from __future__ import annotations

import functools

import cbor2

_SMALL = 1 << 12  # integers in [-_SMALL, _SMALL) are in the table (a post's word positions)


def _head(major: int, n: int) -> bytes:
    """A CBOR head: major type `major` (shifted), argument `n` in its shortest form."""
    if n < 24:
        return bytes((major | n,))
    for extra, size in ((24, 1), (25, 2), (26, 4)):
        if n < 1 << (8 * size):
            return bytes((major | extra,)) + n.to_bytes(size, "big")
    return bytes((major | 27,)) + n.to_bytes(8, "big")


@functools.cache
def _tables() -> tuple[list[bytes], dict[int, bytes]]:
    """Array heads by length, and integers' CBOR by value (made on first use: 5 ms)."""
    ints = {n: _head(0x00, n) for n in range(_SMALL)}
    ints.update({-1 - n: _head(0x20, n) for n in range(_SMALL)})
    return [_head(0x80, n) for n in range(_SMALL)], ints


def array_head(count: int) -> bytes:
    """The head of an array of `count` items."""
    return _tables()[0][count] if count < _SMALL else _head(0x80, count)


def integer(n: int) -> bytes:
    """CBOR of the integer `n`."""
    found = _tables()[1].get(n) if type(n) is int else None
    return found if found is not None else cbor2.dumps(n)


def integers(values: list[int]) -> bytes:
    """CBOR of a list of integers."""
    arrays, ints = _tables()
    try:
        return arrays[len(values)] + b"".join(map(ints.__getitem__, values))
    except (KeyError, IndexError, TypeError):
        return cbor2.dumps(values)


def page_list(found: list[list]) -> bytes:
    """CBOR of `[[page, [positions], [metadata positions]], ...]` (any other shape: `cbor2`)."""
    heads, ints = _tables()
    number = ints.__getitem__
    join = b"".join
    try:
        return heads[len(found)] + join(
            [
                b"\x83"
                + number(page)
                + heads[len(locs)]
                + join(map(number, locs))
                + heads[len(meta)]
                + join(map(number, meta))
                for page, locs, meta in found
            ]
        )
    except (KeyError, IndexError, TypeError, ValueError):
        return cbor2.dumps(found)
