"""The search index's page lists are written byte for byte as cbor2 writes them."""

import random

import cbor2
import pytest
from sitegen.search import cbor


def _numbers(rng: random.Random, count: int) -> list[int]:
    edges = [0, 23, 24, 255, 256, 65535, 65536, 2**32, -1, -24, -25, -256, -257, -65536, -65537]
    return [
        rng.choice(edges) if rng.random() < 0.2 else rng.randint(-70000, 70000)
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(5))
def test_page_lists_match_cbor2(seed):
    rng = random.Random(seed)
    found = [
        [
            rng.randint(0, 70000),
            _numbers(rng, rng.randint(0, 30)),
            _numbers(rng, rng.choice((0, 0, 2, 3))),
        ]
        for _ in range(rng.randint(0, 40))
    ]
    assert cbor.page_list(found) == cbor2.dumps(found)
    for _page, locs, meta in found:
        assert cbor.integers(locs) == cbor2.dumps(locs)
        assert cbor.integers(meta) == cbor2.dumps(meta)


def test_numbers_and_odd_shapes_fall_back_to_cbor2():
    for n in (0, 23, 24, 65535, 65536, -65536, -65537, 2**40, -(2**40), 2**70):
        assert cbor.integer(n) == cbor2.dumps(n)
    assert cbor.array_head(70000) == cbor2.dumps([0] * 70000)[:5]
    odd = [[1, [2, 3]], [4, [5], [6], 7]]  # pages of another shape
    assert cbor.page_list(odd) == cbor2.dumps(odd)
    assert cbor.integers([1, "a"]) == cbor2.dumps([1, "a"])
