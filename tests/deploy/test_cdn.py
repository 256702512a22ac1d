"""CloudFront invalidation paths and the batched request, against moto."""

from __future__ import annotations

from typing import Any

import pytest
from sitegen.publish import cdn


def test_index_pages_are_invalidated_with_and_without_file_name() -> None:
    assert cdn.invalidation_paths(["blog/hello/index.html", "index.html", "feed.xml"]) == [
        "/",
        "/blog/hello/",
        "/blog/hello/index.html",
        "/feed.xml",
        "/index.html",
    ]


def test_unusual_characters_are_encoded() -> None:
    assert cdn.paths_for("files/my notes.txt") == ["/files/my%20notes.txt"]


def test_too_many_paths_become_one_wildcard() -> None:
    keys = [f"blog/post-{i}/index.html" for i in range(60)]
    assert cdn.invalidation_paths(keys, max_paths=100) == ["/*"]
    assert len(cdn.invalidation_paths(keys[:50], max_paths=100)) == 100


def test_nothing_changed_sends_nothing(cloudfront: Any, distribution: str) -> None:
    assert cdn.invalidate(cloudfront, distribution, []) is None
    listed = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]
    assert listed.get("Quantity", 0) == 0


def test_one_batch_holds_every_path(cloudfront: Any, distribution: str) -> None:
    paths = cdn.invalidation_paths(["blog/a/index.html", "blog/index.html", "feed.xml"])
    first = cdn.invalidate(cloudfront, distribution, paths)
    listed = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]
    assert listed["Quantity"] == 1
    got = cloudfront.get_invalidation(DistributionId=distribution, Id=first)["Invalidation"]
    assert got["InvalidationBatch"]["Paths"]["Items"] == paths


def test_unknown_distribution_is_named_in_the_error(cloudfront: Any) -> None:
    with pytest.raises(cdn.InvalidationError, match="EDOESNOTEXIST"):
        cdn.invalidate(cloudfront, "EDOESNOTEXIST", ["/"])
