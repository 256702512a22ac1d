"""Sync a build folder to an S3 bucket: upload what changed, delete what is gone.

A file is unchanged when its MD5 matches the object's ETag. Objects uploaded in
parts have an ETag of the form ``<md5 of part md5s>-<parts>``: that is
recomputed with our part size (then a few common ones), and as a last resort
the ``md5`` metadata every upload carries is read with one HEAD request.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import PART_SIZE, LocalFile, is_published, multipart_etag, scan

MIB = 1024 * 1024
# Part sizes other tools commonly use (aws cli and boto3: 8 MiB; S3 minimum: 5 MiB).
_COMMON_PART_SIZES = (PART_SIZE, 5 * MIB, 16 * MIB, 15 * MIB, 64 * MIB, 100 * MIB)
_DELETE_BATCH = 1000  # DeleteObjects takes at most 1000 keys


class SyncError(Exception):
    """The bucket could not be read or written; the message says which and why."""


@dataclass(frozen=True)
class RemoteObject:
    """What a bucket listing says about one object."""

    key: str
    etag: str
    size: int


@dataclass
class SyncPlan:
    """What a sync will do: uploads (new or changed files) and deletions."""

    uploads: list[LocalFile] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    unchanged: int = 0
    new_keys: set[str] = field(default_factory=set)

    @property
    def changed_keys(self) -> list[str]:
        """Return keys whose old copy may be cached: overwritten and deleted ones."""
        replaced = [f.key for f in self.uploads if f.key not in self.new_keys]
        return sorted(replaced + self.deletes)

    @property
    def upload_bytes(self) -> int:
        """Return the number of bytes to upload."""
        return sum(f.size for f in self.uploads)

    def is_empty(self) -> bool:
        """Tell whether the bucket already matches the build."""
        return not self.uploads and not self.deletes


def list_remote(s3: Any, bucket: str) -> dict[str, RemoteObject]:
    """List every object in `bucket`, by key."""
    objects: dict[str, RemoteObject] = {}
    try:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                objects[item["Key"]] = RemoteObject(
                    key=item["Key"], etag=item["ETag"].strip('"'), size=item["Size"]
                )
    except Exception as exc:
        raise SyncError(f"cannot list bucket {bucket!r}: {_reason(exc)}") from exc
    return objects


def _reason(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response["Error"]
        return f"{error.get('Code')}: {error.get('Message')}"
    return str(exc) or type(exc).__name__


def _part_sizes(size: int, parts: int) -> list[int]:
    """Return candidate part sizes that split `size` bytes into `parts` parts."""
    guesses = list(_COMMON_PART_SIZES)
    if parts > 0:
        guesses.append(math.ceil(size / parts / MIB) * MIB)  # a whole number of MiB
        guesses.append(math.ceil(size / parts))
    seen: list[int] = []
    for p in guesses:
        if p > 0 and p not in seen and math.ceil(size / p) == parts:
            seen.append(p)
    return seen


def same_content(
    local: LocalFile, remote: RemoteObject, head_md5: Callable[[str], str | None]
) -> bool:
    """Tell whether the object already holds the local file's bytes."""
    if local.size != remote.size:
        return False
    if "-" not in remote.etag:
        return remote.etag == local.md5
    parts = int(remote.etag.rsplit("-", 1)[1]) if remote.etag.rsplit("-", 1)[1].isdigit() else 0
    for part_size in _part_sizes(local.size, parts):
        if multipart_etag(local.path, part_size) == remote.etag:
            return True
    # Uploaded with an unusual part size: trust the md5 this tool stored with it.
    return head_md5(remote.key) == local.md5


def plan_sync(
    local: dict[str, LocalFile],
    remote: dict[str, RemoteObject],
    head_md5: Callable[[str], str | None] = lambda key: None,
    force: bool = False,
) -> SyncPlan:
    """Compare the build with the bucket and return what to upload and delete."""
    plan = SyncPlan()
    for key, info in local.items():
        existing = remote.get(key)
        if existing is None:
            plan.uploads.append(info)
            plan.new_keys.add(key)
        elif force or not same_content(info, existing, head_md5):
            plan.uploads.append(info)
        else:
            plan.unchanged += 1
    plan.deletes = sorted(k for k in remote if k not in local and is_published(k))
    # Assets first, pages last: a visitor never gets a page whose new CSS is not there yet.
    plan.uploads.sort(key=lambda f: (f.is_page, f.key))
    return plan


def head_md5_reader(s3: Any, bucket: str) -> Callable[[str], str | None]:
    """Return a function reading the `md5` metadata this tool stores on each object."""

    def read(key: str) -> str | None:
        try:
            return s3.head_object(Bucket=bucket, Key=key).get("Metadata", {}).get("md5")
        except Exception:  # a missing or unreadable object simply counts as changed
            return None

    return read


def upload(s3: Any, bucket: str, info: LocalFile) -> None:
    """Upload one file with its headers and its MD5 (checked by S3, kept as metadata)."""
    extra = {
        "ContentType": info.content_type,
        "CacheControl": info.cache_control,
        "Metadata": {"md5": info.md5},
    }
    try:
        if info.size < PART_SIZE:
            body = info.path.read_bytes()
            content_md5 = base64.b64encode(bytes.fromhex(info.md5)).decode()
            s3.put_object(Bucket=bucket, Key=info.key, Body=body, ContentMD5=content_md5, **extra)
        else:
            from boto3.s3.transfer import TransferConfig

            config = TransferConfig(multipart_threshold=PART_SIZE, multipart_chunksize=PART_SIZE)
            s3.upload_file(str(info.path), bucket, info.key, ExtraArgs=extra, Config=config)
    except Exception as exc:
        raise SyncError(f"cannot upload {info.key} to {bucket!r}: {_reason(exc)}") from exc


def delete(s3: Any, bucket: str, keys: Iterable[str]) -> None:
    """Delete `keys` from the bucket in batches."""
    keys = list(keys)
    for start in range(0, len(keys), _DELETE_BATCH):
        batch = [{"Key": k} for k in keys[start : start + _DELETE_BATCH]]
        try:
            result = s3.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
        except Exception as exc:
            raise SyncError(f"cannot delete from {bucket!r}: {_reason(exc)}") from exc
        if result.get("Errors"):
            first = result["Errors"][0]
            raise SyncError(
                f"cannot delete {first.get('Key')} from {bucket!r}: "
                f"{first.get('Code')}: {first.get('Message')}"
            )


def apply(s3: Any, bucket: str, plan: SyncPlan, workers: int = 8) -> None:
    """Carry out the plan: upload assets, then pages, then delete what is gone."""
    assets = [f for f in plan.uploads if not f.is_page]
    pages = [f for f in plan.uploads if f.is_page]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for group in (assets, pages):
            # list() re-raises the first failure; later groups never start after one.
            list(pool.map(lambda info: upload(s3, bucket, info), group))
    delete(s3, bucket, plan.deletes)


def compare(
    s3: Any, bucket: str, root: str | Path, force: bool = False
) -> tuple[dict[str, LocalFile], SyncPlan]:
    """Scan the build folder while the bucket is listed; return the files and the plan."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        listing = pool.submit(list_remote, s3, bucket)  # network-bound: overlap with hashing
        local = scan(root)
        remote = listing.result()
    return local, plan_sync(local, remote, head_md5_reader(s3, bucket), force=force)


def sync(
    s3: Any, bucket: str, local: dict[str, LocalFile], dry_run: bool = False, force: bool = False
) -> SyncPlan:
    """Make the bucket match `local`; with `dry_run` only return the plan."""
    plan = plan_sync(local, list_remote(s3, bucket), head_md5_reader(s3, bucket), force=force)
    if not dry_run:
        apply(s3, bucket, plan)
    return plan
