"""Syncing a build to S3 on a moto server: headers, changed files only, deletions."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from sitegen.publish import cdn, files, s3sync

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024

# Every kind of file a build holds, with the headers a browser must get.
EXPECTED = {
    "index.html": ("text/html; charset=utf-8", files.REVALIDATE),
    "blog/hello/index.html": ("text/html; charset=utf-8", files.REVALIDATE),
    "404.html": ("text/html; charset=utf-8", files.REVALIDATE),
    "feed.xml": ("application/atom+xml; charset=utf-8", files.REVALIDATE),
    "sitemap.xml": ("application/xml; charset=utf-8", files.REVALIDATE),
    "robots.txt": ("text/plain; charset=utf-8", files.REVALIDATE),
    "recipes/index.json": ("application/json", files.REVALIDATE),
    "site.webmanifest": ("application/manifest+json", files.REVALIDATE),
    "static/css/site.2c5688dd.css": ("text/css; charset=utf-8", files.IMMUTABLE),
    "static/js/search.d3c8da2e.js": ("text/javascript; charset=utf-8", files.IMMUTABLE),
    "static/js/search.js": ("text/javascript; charset=utf-8", files.SHORT),
    "static/img/logo.5cc04cb9.svg": ("image/svg+xml", files.IMMUTABLE),
    "static/fonts/inter.0a25b90a.woff2": ("font/woff2", files.IMMUTABLE),
    "media/avatar-5cc04cb9-400.webp": ("image/webp", files.IMMUTABLE),
    "media/avatar-5cc04cb9-400.jpg": ("image/jpeg", files.IMMUTABLE),
    "images/cover.jpg": ("image/jpeg", files.SHORT),
    "images/diagram.png": ("image/png", files.SHORT),
    "pagefind/pagefind.js": ("text/javascript; charset=utf-8", files.REVALIDATE),
    "pagefind/pagefind-entry.json": ("application/json", files.REVALIDATE),
    "pagefind/pagefind-ui.js": ("text/javascript; charset=utf-8", files.SHORT),
    "pagefind/pagefind.en_f1969a55a7.pf_meta": ("application/octet-stream", files.IMMUTABLE),
    "pagefind/index/en_ad6cff1.pf_index": ("application/octet-stream", files.IMMUTABLE),
    "pagefind/fragment/en_117f501.pf_fragment": ("application/octet-stream", files.IMMUTABLE),
    "pagefind/filter/en_7c6163f.pf_filter": ("application/octet-stream", files.IMMUTABLE),
    "pagefind/wasm.en.pagefind": ("application/octet-stream", files.SHORT),
    "static/search.wasm": ("application/wasm", files.SHORT),
}


def _body(key: str) -> bytes:
    if key == "feed.xml":
        return (
            b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>'
        )
    if key == "sitemap.xml":
        return b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    return f"content of {key}\n".encode()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Write a build folder holding every file type the site has."""
    root = tmp_path / "build"
    for key in EXPECTED:
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_body(key))
    (root / "pagefind" / ".frostfolio-fingerprint").write_text("bookkeeping")
    return root


def _objects(s3: Any, bucket: str) -> dict[str, dict[str, Any]]:
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {k: s3.head_object(Bucket=bucket, Key=k) for k in keys}


def test_first_sync_uploads_everything_with_types_and_headers(
    s3: Any, bucket: str, site: Path
) -> None:
    plan = s3sync.sync(s3, bucket, files.scan(site))
    assert sorted(f.key for f in plan.uploads) == sorted(EXPECTED)
    stored = _objects(s3, bucket)
    assert sorted(stored) == sorted(EXPECTED), "dotfiles of the build must not be published"
    for key, (ctype, cache) in EXPECTED.items():
        assert (stored[key]["ContentType"], stored[key]["CacheControl"]) == (ctype, cache), key
        assert "ContentEncoding" not in stored[key], key
    body = s3.get_object(Bucket=bucket, Key="blog/hello/index.html")["Body"].read()
    assert body == _body("blog/hello/index.html")


def test_second_sync_without_changes_uploads_nothing(s3: Any, bucket: str, site: Path) -> None:
    s3sync.sync(s3, bucket, files.scan(site))
    again = s3sync.sync(s3, bucket, files.scan(site))
    assert again.uploads == [] and again.deletes == []
    assert again.unchanged == len(EXPECTED)
    assert cdn.invalidation_paths(again.changed_keys) == []


def test_sync_uploads_changes_and_deletes_what_disappeared(
    s3: Any, bucket: str, site: Path
) -> None:
    s3sync.sync(s3, bucket, files.scan(site))
    (site / "blog/hello/index.html").write_text("edited")
    (site / "images/diagram.png").unlink()
    (site / "blog/new/index.html").parent.mkdir()
    (site / "blog/new/index.html").write_text("new post")
    plan = s3sync.sync(s3, bucket, files.scan(site))
    assert [f.key for f in plan.uploads] == ["blog/hello/index.html", "blog/new/index.html"]
    assert plan.deletes == ["images/diagram.png"]
    assert plan.changed_keys == ["blog/hello/index.html", "images/diagram.png"]
    stored = _objects(s3, bucket)
    assert "images/diagram.png" not in stored
    assert s3.get_object(Bucket=bucket, Key="blog/hello/index.html")["Body"].read() == b"edited"


def test_dry_run_changes_nothing(s3: Any, bucket: str, site: Path) -> None:
    plan = s3sync.sync(s3, bucket, files.scan(site), dry_run=True)
    assert len(plan.uploads) == len(EXPECTED)
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0


def test_pages_are_uploaded_after_their_assets(site: Path) -> None:
    plan = s3sync.plan_sync(files.scan(site), {})
    kinds = [f.is_page for f in plan.uploads]
    assert kinds == sorted(kinds), "every asset must be stored before any page"


def test_missing_bucket_is_named_in_the_error(s3: Any, site: Path) -> None:
    with pytest.raises(s3sync.SyncError, match="no-such-bucket.*NoSuchBucket"):
        s3sync.sync(s3, "no-such-bucket", files.scan(site))


def test_missing_build_folder_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make build"):
        files.scan(tmp_path / "build")


# Multipart uploads: the ETag is not the file's MD5.


def _big_file(path: Path, size: int, seed: bytes = b"x") -> Path:
    block = hashlib.sha256(seed).digest() * (MIB // 32)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        for _ in range(size // MIB):
            f.write(block)
        f.write(block[: size % MIB])
    return path


def _upload_in_parts(
    s3: Any, bucket: str, key: str, path: Path, part_size: int, md5: str | None = None
) -> str:
    """Upload like another tool would, with its own part size; return the ETag."""
    extra = {"Metadata": {"md5": md5}} if md5 else {}
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key, **extra)["UploadId"]
    parts = []
    with path.open("rb") as f:
        number = 1
        while chunk := f.read(part_size):
            etag = s3.upload_part(
                Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk
            )["ETag"]
            parts.append({"ETag": etag, "PartNumber": number})
            number += 1
    s3.complete_multipart_upload(
        Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
    )
    return s3.head_object(Bucket=bucket, Key=key)["ETag"].strip('"')


def test_large_file_is_uploaded_in_parts_and_then_left_alone(
    s3: Any, bucket: str, tmp_path: Path
) -> None:
    root = tmp_path / "build"
    _big_file(root / "downloads/talk.pdf", 17 * MIB)
    first = s3sync.sync(s3, bucket, files.scan(root))
    assert [f.key for f in first.uploads] == ["downloads/talk.pdf"]
    head = s3.head_object(Bucket=bucket, Key="downloads/talk.pdf")
    assert head["ETag"].strip('"').endswith("-3"), "17 MiB in 8 MiB parts is 3 parts"
    assert head["ContentType"] == "application/pdf"
    assert s3sync.sync(s3, bucket, files.scan(root)).uploads == []


@pytest.mark.parametrize("part_size", [5 * MIB, 6 * MIB, 16 * MIB])
def test_multipart_etag_from_other_part_sizes_is_recognised(
    s3: Any, bucket: str, tmp_path: Path, part_size: int
) -> None:
    root = tmp_path / "build"
    path = _big_file(root / "downloads/talk.pdf", 17 * MIB)
    etag = _upload_in_parts(s3, bucket, "downloads/talk.pdf", path, part_size)
    assert etag == files.multipart_etag(path, part_size)
    assert s3sync.sync(s3, bucket, files.scan(root)).uploads == []


def test_unusual_part_size_falls_back_to_stored_md5(s3: Any, bucket: str, tmp_path: Path) -> None:
    root = tmp_path / "build"
    path = _big_file(root / "a.pdf", 17 * MIB)
    md5 = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
    # 7 MiB parts: no guess reproduces this ETag, only the stored md5 can tell.
    _upload_in_parts(s3, bucket, "a.pdf", path, 7 * MIB, md5=md5)
    assert s3sync.sync(s3, bucket, files.scan(root), dry_run=True).uploads == []
    _upload_in_parts(s3, bucket, "a.pdf", path, 7 * MIB)  # no md5 stored: cannot tell
    assert [f.key for f in s3sync.sync(s3, bucket, files.scan(root)).uploads] == ["a.pdf"]


def test_changed_large_file_of_the_same_size_is_uploaded(
    s3: Any, bucket: str, tmp_path: Path
) -> None:
    root = tmp_path / "build"
    _big_file(root / "a.pdf", 17 * MIB)
    s3sync.sync(s3, bucket, files.scan(root))
    _big_file(root / "a.pdf", 17 * MIB, seed=b"y")
    assert [f.key for f in s3sync.sync(s3, bucket, files.scan(root)).uploads] == ["a.pdf"]


# The example site, really built: one edited post.


def _build(content: Path, out: Path) -> None:
    from sitegen.commands.build import build_site

    build_site(content, out, cache_dir=out.parent / "cache", progress=False)


@pytest.mark.slow
def test_editing_one_post_uploads_its_pages_and_invalidates_exactly_them(
    s3: Any, bucket: str, cloudfront: Any, distribution: str, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    build = tmp_path / "build"
    _build(content, build)
    first = s3sync.sync(s3, bucket, files.scan(build))
    assert first.deletes == [] and len(first.uploads) > 100

    published = [
        p for p in sorted((content / "posts").glob("*.md")) if (build / "blog" / p.stem).is_dir()
    ]
    edited, removed = published[0], published[-1]
    link = f"/blog/{removed.stem}/"
    linking = {k for k, f in files.scan(build).items() if f.is_page and link in f.path.read_text()}
    edited.write_text(edited.read_text() + "\nOne more paragraph, added after publishing.\n")
    removed.unlink()
    _build(content, build)
    plan = s3sync.sync(s3, bucket, files.scan(build))

    uploaded = {f.key for f in plan.uploads}
    assert f"blog/{edited.stem}/index.html" in uploaded
    # Every listing that linked to the removed post is uploaded again without it.
    assert linking - set(plan.deletes) <= uploaded
    assert "blog/index.html" in linking or "blog/page/2/index.html" in linking
    assert "feed.xml" in uploaded
    assert f"blog/{removed.stem}/index.html" in plan.deletes
    # Nothing else: untouched posts, projects, recipes, images and styles stay as they are.
    expected = (
        {f"blog/{edited.stem}/index.html", "feed.xml", "sitemap.xml"}
        | {"index.html", "blog/index.html"}  # listings that may show the post's summary
        | {"comments/threads.json"}  # the removed post no longer takes comments
        | linking
        | {k for k in uploaded if k.startswith(("pagefind/", "blog/page/", "tags/"))}
    )
    assert uploaded - expected == set()
    assert not [k for k in uploaded if k.startswith(("media/", "static/", "images/", "recipes/"))]

    paths = cdn.invalidation_paths(plan.changed_keys)
    invalidation_id = cdn.invalidate(cloudfront, distribution, paths)
    sent = cloudfront.get_invalidation(DistributionId=distribution, Id=invalidation_id)
    items = sent["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
    assert sorted(items) == paths
    assert f"/blog/{edited.stem}/" in items and f"/blog/{edited.stem}/index.html" in items
    assert f"/blog/{removed.stem}/" in items
    assert "/pagefind/pagefind-entry.json" in items, "search must see the edit"
    for key in linking - set(plan.deletes):
        assert cdn.paths_for(key)[0] in items
    replaced = {f.key for f in plan.uploads} - plan.new_keys
    expected = {p for key in replaced | set(plan.deletes) for p in cdn.paths_for(key)}
    assert set(items) == expected

    assert s3sync.sync(s3, bucket, files.scan(build)).is_empty()


def test_compare_scans_and_lists_in_one_go(s3: Any, bucket: str, site: Path) -> None:
    s3sync.sync(s3, bucket, files.scan(site))
    (site / "feed.xml").write_text('<?xml version="1.0"?><feed>changed</feed>')
    local, plan = s3sync.compare(s3, bucket, site)
    assert set(local) == set(EXPECTED)
    assert [f.key for f in plan.uploads] == ["feed.xml"]
    assert plan.unchanged == len(EXPECTED) - 1
