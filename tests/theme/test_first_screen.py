"""What a listing loads first: the first card's picture at once and before the rest."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

# URL, and the cards in its first grid.
LISTINGS = [
    ("/", ".card-grid .project-card"),
    ("/projects/", ".card-grid .project-card"),
    ("/recipes/", "[data-recipe-list] .recipe-card"),
]


@pytest.mark.parametrize(("url", "cards"), LISTINGS, ids=[url for url, _ in LISTINGS])
def test_the_first_card_picture_is_fetched_first_and_later_ones_lazily(
    page, url: str, cards: str
) -> None:
    images = [card.find("img") for card in page(url).select(cards) if card.find("img")]
    assert images, f"{url}: no card pictures"
    first, rest = images[0], images[1:]
    assert first["loading"] == "eager" and first.get("fetchpriority") == "high", url
    assert not [img for img in rest if img.has_attr("fetchpriority")], url
    if len(images) > 4:
        assert images[-1]["loading"] == "lazy", url


def _search_text(site_dir: Path, url: str) -> str:
    """The text Pagefind shows for a page in its results."""
    for fragment in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        if record["url"] == url:
            return record["content"]
    raise AssertionError(f"{url} is not in the search index")


def test_search_results_keep_recipe_labels_apart_from_their_values(site_dir: Path) -> None:
    text = _search_text(site_dir, "/recipes/red-lentil-soup/")
    assert "Calories 340 kcal" in text and "Protein 17 g" in text
    assert "Prep 10 min" in text
