"""Load `content/`: read every file of every kind, validate, build the objects templates use.

`load_content` is pure apart from reading files (and creating image variants in the
cache): no Flask needed. Every problem in every file is collected and raised at once
as a `ContentError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .images import image_for
from .models import Image
from .registry import Kind, kinds
from .schema import ImageRef, Source
from .settings import Site, load_site
from .source import parse


@dataclass
class Record:
    """One content file after validation, handed to `Kind.make`."""

    kind: Kind
    file: Path
    slug: str
    values: dict[str, Any]
    params: dict[str, Any]
    body: str
    body_line: int
    digest: str
    src: Source
    loader: Loader
    image_digests: list[str] = field(default_factory=list)

    def image(self, ref: ImageRef | None) -> Image | None:
        """Return the responsive Image for a validated reference."""
        image = self.loader.image(ref)
        if image is not None:
            # The page shows variant names, which change with the image's bytes.
            self.image_digests.append(image.variants[-1].path)
        return image

    def error(self, field_name: str | None, message: str) -> None:
        """Report a problem in this file."""
        self.src.error(field_name, message)


@dataclass
class Content:
    """Everything loaded from a content folder."""

    root: Path
    site: Site
    preview: bool
    items: dict[str, list] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # per-kind aggregates (tags…)
    digest: str = ""  # changes when anything in the content folder changes
    site_digest: str = ""  # changes when site.yml changes

    def find(self, kind: str, slug: str) -> Any:
        """Return the item of `kind` with `slug`, or None."""
        index = self.extras.get(f"_by_slug_{kind}")
        if index is None:
            index = self.extras[f"_by_slug_{kind}"] = {i.slug: i for i in self.items.get(kind, [])}
        return index.get(slug)

    def all_items(self) -> list:
        """Return every item of every kind."""
        return [item for items in self.items.values() for item in items]


@dataclass
class Loader:
    """State of one load: where to find things, today's date, problems so far."""

    root: Path
    cache_dir: Path
    preview: bool
    today: dt.date
    shown_root: Path  # paths in messages are relative to this (the content folder's parent)
    problems: list[Problem] = field(default_factory=list)
    media: set[str] = field(default_factory=set)  # variant file names in use

    def shown(self, path: Path) -> str:
        """Return the path as an author would type it, e.g. content/posts/x.md."""
        try:
            return str(path.relative_to(self.shown_root))
        except ValueError:
            return str(path)

    def image(self, ref: ImageRef | None) -> Image | None:
        """Create (or reuse) the variants of an image."""
        if not ref:
            return None
        image = image_for(ref, self.cache_dir)
        self.media.update(v.path.rsplit("/", 1)[-1] for v in image.variants + image.webp)
        return image


_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def slug_and_date(stem: str) -> tuple[str, str | None]:
    """Split Jekyll's `2024-05-01-my-post` into slug `my-post` and date `2024-05-01`."""
    match = _JEKYLL_NAME.match(stem)
    if match:
        return match.group(2), match.group(1)
    return stem, None


def load_content(
    root: Path | str,
    *,
    preview: bool = False,
    cache_dir: Path | str | None = None,
    today: dt.date | None = None,
) -> Content:
    """Load and validate every file under `root`; raise ContentError listing all problems."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise ContentError([Problem(str(root), None, None, "content folder not found")])
    loader = Loader(
        root=root,
        cache_dir=Path(cache_dir) if cache_dir else root.parent / ".cache" / "sitegen",
        preview=preview,
        today=today or dt.date.today(),
        shown_root=root.parent,
    )
    digest = hashlib.sha1()
    site_src = Source(loader.shown(root / "site.yml"), root)
    site_digest = hashlib.sha1()
    site = load_site(root / "site.yml", site_src, loader.image, site_digest)
    digest.update(site_digest.digest())
    loader.problems.extend(site_src.problems)
    content = Content(root=root, site=site, preview=preview)
    registered = kinds()
    for kind in registered.values():
        content.items[kind.name] = _load_kind(kind, loader, digest)
    reserved = {seg for kind in registered.values() for seg in kind.reserved}
    for page in content.items.get("pages", []):
        if page.slug in reserved:
            loader.problems.append(
                Problem(
                    page.source,
                    None,
                    "slug",
                    f"/{page.slug}/ is used by the site itself; rename the file",
                )
            )
    if not preview:
        for name, items in content.items.items():
            content.items[name] = [i for i in items if not (i.draft or i.future)]
    for kind in registered.values():
        if kind.finish:
            kind.finish(content.items[kind.name], content)
    if loader.problems:
        raise ContentError(loader.problems)
    content.digest = digest.hexdigest()
    content.extras["media"] = sorted(loader.media)
    content.site_digest = site_digest.hexdigest()
    return content


def _load_kind(kind: Kind, loader: Loader, digest: Any) -> list:
    folder = loader.root / kind.name
    if not folder.is_dir():
        return []
    files = sorted(p for ext in kind.extensions for p in folder.glob(f"*.{ext}"))
    items = []
    seen: dict[str, str] = {}
    for file in files:
        item = _load_file(kind, file, loader, digest)
        if item is None:
            continue
        if item.slug in seen:
            loader.problems.append(
                Problem(
                    item.source, None, "slug", f"'{item.slug}' is already used by {seen[item.slug]}"
                )
            )
            continue
        seen[item.slug] = item.source
        items.append(item)
    return items


_LINK = re.compile(r"\]\(\s*<?(/[^)\s>]*)|(?:href|src)\s*=\s*[\"'](/[^\"']*)")
_NO_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]*)")


# Items of unchanged files from the previous load in this process (preview reloads).
_reuse: dict[tuple[str, Path], tuple[tuple, bool, Any]] = {}


def _load_file(kind: Kind, file: Path, loader: Loader, digest: Any) -> Any:
    st = file.stat()
    stamp = (st.st_mtime_ns, st.st_size, loader.today)
    cached = _reuse.get((kind.name, file))
    if cached and cached[0] == stamp and cached[1] == loader.preview:
        item = cached[2]
        digest.update(file.name.encode() + item.file_digest.encode())
        return item
    item = _read_file(kind, file, loader, digest)
    if item is not None:
        _reuse[(kind.name, file)] = (stamp, loader.preview, item)
    return item


def _read_file(kind: Kind, file: Path, loader: Loader, digest: Any) -> Any:
    raw = file.read_bytes()
    file_digest = hashlib.sha1(raw).hexdigest()
    digest.update(file.name.encode() + file_digest.encode())
    shown = loader.shown(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        loader.problems.append(Problem(shown, None, None, f"not UTF-8 text ({exc.reason})"))
        return None
    parsed = parse(text)
    src = Source(shown, loader.root, parsed.lines)
    if parsed.error:
        line, message = parsed.error
        loader.problems.append(Problem(shown, line, None, message))
        return None
    slug, name_date = slug_and_date(file.stem)
    record = Record(
        kind=kind,
        file=file,
        slug=slug,
        values={},
        params={},
        body=parsed.body,
        body_line=parsed.body_line,
        digest=file_digest,
        src=src,
        loader=loader,
    )
    meta = dict(parsed.meta)
    if name_date and "date" not in meta:
        meta["date"] = name_date
    if kind.normalize:
        meta = kind.normalize(meta, record)
    if meta.get("slug"):
        record.slug = str(meta["slug"]).strip("/ ")
    values, params = kind.schema.validate(meta, src)
    params.pop("slug", None)
    record.values, record.params = values, params
    _check_body(record)
    item = None
    if not src.problems:
        item = kind.make(record)
    loader.problems.extend(src.problems)
    if item is not None:
        item.file_digest = file_digest
        item.links = _body_links(record)
        if record.image_digests:
            item.digest = hashlib.sha1(
                "".join([record.digest, *record.image_digests]).encode()
            ).hexdigest()
    return item


_CODE = re.compile(
    r"^ {0,3}(```+|~~~+)[^\n]*\n.*?^ {0,3}\1[ \t]*$|`[^`\n]+`|^(?: {4}|\t)[^\n]*$", re.S | re.M
)


def _prose(body: str) -> str:
    """Blank out code (fenced, indented, inline), keeping line numbers: links there are examples."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


def _check_body(record: Record) -> None:
    for match in _NO_ALT.finditer(_prose(record.body)):
        line = record.body_line + record.body.count("\n", 0, match.start())
        record.src.error(
            None,
            f"image {match.group(1)} has no alt text: write ![what it shows]({match.group(1)})",
            line,
        )


def _body_links(record: Record) -> list[tuple[int, str]]:
    links = []
    for match in _LINK.finditer(_prose(record.body)):
        target = match.group(1) or match.group(2)
        if target.startswith("//"):
            continue
        line = record.body_line + record.body.count("\n", 0, match.start())
        links.append((line, target))
    return links


def check_links(content: Content, known: set[str]) -> list[Problem]:
    """Report every site-absolute link in a body that points at no page or file."""
    problems = []
    images = content.root / "images"
    for item in content.all_items():
        for line, target in getattr(item, "links", ()):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not path or path in known:
                continue
            if path.startswith("/images/") and (images / path[len("/images/") :]).is_file():
                continue
            hint = ""
            if not path.endswith("/") and path + "/" in known:
                hint = f" (did you mean {path}/?)"
            problems.append(
                Problem(
                    item.source,
                    line,
                    None,
                    f"broken link: {target} is not a page of this site{hint}",
                )
            )
    return problems
