"""Field schemas for content kinds: types, required fields, defaults, allowed values.

Every kind declares a `Schema` (see `sitegen.kinds`). `Schema.validate` turns raw
front matter into clean values, collecting every problem with the line of the field
instead of stopping at the first one. Unknown keys are kept as `params` unless they
look like a typo of a known field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import suggest
from .frontmatter import Lines
from .problems import Problem

# Hugo's per-language copies of a field (`FRtags`, `DEcategories`): kept as params.
_LANGUAGE_PREFIXED = re.compile(r"^[A-Z]{2}[a-z_]+$")
DATE_HINT = "expected YYYY-MM-DD"


class Invalid(ValueError):
    """A value that does not fit its field; the message says what was expected."""


@dataclass
class Source:
    """One content file being validated: where problems are reported."""

    path: str  # as shown to the author, e.g. "content/posts/x.md"
    content_dir: Path
    lines: Lines = field(default_factory=Lines)  # where each field is in the file
    problems: list[Problem] = field(default_factory=list)

    def error(self, name: str | None, message: str, line: int | None = None) -> None:
        """Record a problem with field `name` (its front-matter line unless given)."""
        if line is None and name is not None:
            line = self.lines(name.split(".")[0].split("[")[0])
        self.problems.append(Problem(self.path, line, name, message))

    def entry_error(self, name: str, index: int, message: str) -> None:
        """Record a problem with the `index`-th entry of list field `name`, at its line."""
        self.problems.append(Problem(self.path, self.lines(name, index), name, message))


@dataclass(frozen=True)
class ImageRef:
    """An image named in front matter: the file it points to and its text alternatives."""

    src: str  # as written, e.g. "/images/cover.jpg"
    file: Path
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Link:
    """A labelled outside link of a project (demo, source, other)."""

    label: str
    url: str
    kind: str


# --- converters: (value, source, field name) -> clean value, or raise Invalid ---------


def to_str(value: Any, src: Source, name: str) -> str:
    """Accept text; numbers are turned into text since YAML reads `2024` as a number."""
    if isinstance(value, bool | dict | list):
        raise Invalid(f"expected text, got {value!r}")
    return str(value).strip()


def to_bool(value: Any, src: Source, name: str) -> bool:
    """Accept true/false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
        return value.strip().lower() in ("true", "yes")
    raise Invalid(f"expected true or false, got {value!r}")


def to_int(value: Any, src: Source, name: str) -> int:
    """Accept a whole number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    raise Invalid(f"expected a whole number, got {value!r}")


def to_number(value: Any, src: Source, name: str) -> float | int:
    """Accept any number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise Invalid(f"expected a number, got {value!r}")


_JEKYLL_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
)


def to_datetime(value: Any, src: Source, name: str) -> dt.datetime:
    """Accept a date or a date-time with optional offset (ISO 8601 or Jekyll's form)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        for fmt in _JEKYLL_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
    raise Invalid(f"{DATE_HINT}, got {value!r}")


def to_tags(value: Any, src: Source, name: str) -> list[str]:
    """Accept a list of names or one comma-separated string; drop repeats."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise Invalid(f"expected a list of tags or 'a, b, c', got {value!r}")
    out: list[str] = []
    for item in items:
        if isinstance(item, dict | list) or item is None:
            raise Invalid(f"expected a tag name, got {item!r}")
        text = str(item).strip()
        if text and text.lower() not in (t.lower() for t in out):
            out.append(text)
    return out


def to_url(value: Any, src: Source, name: str) -> str:
    """Accept an absolute http(s) URL, a mailto: address or a site path."""
    text = to_str(value, src, name)
    if not re.match(r"(https?://[^\s/]+|mailto:\S+@|/)", text):
        raise Invalid(f"expected a URL starting with https://, mailto: or /, got {text!r}")
    return text


def resolve_image_path(src_text: str, content_dir: Path) -> Path:
    """Map `/images/x.jpg` (or `images/x.jpg`) to the file under the content folder.

    A path found only under `static/` (published at the site's root, as Hugo's
    `static/` is) means that file.
    """
    file = content_dir / src_text.lstrip("/")
    if not file.is_file() and src_text.startswith("/"):
        static = content_dir / "static" / src_text.lstrip("/")
        return static if static.is_file() else file
    return file


def to_image(value: Any, src: Source, name: str) -> ImageRef:
    """Accept `{src, alt, caption}`; the file must exist and alt text must be given."""
    if isinstance(value, str):
        value = {"src": value}
    if not isinstance(value, dict):
        raise Invalid(f"expected {{src: /images/..., alt: ...}}, got {value!r}")
    unknown = sorted(set(value) - {"src", "alt", "caption", "title"})
    if unknown:
        raise Invalid(f"unknown key {unknown[0]!r}; an image has src, alt and caption")
    path = value.get("src")
    if not path or not isinstance(path, str):
        raise Invalid("image has no src; write src: /images/<file>")
    if re.match(r"https?://", path):
        raise Invalid(f"{path!r} is remote; put the file in content/images/ and write /images/...")
    file = resolve_image_path(path, src.content_dir)
    if not file.is_file():
        raise Invalid(f"image not found: {path} (looked for {_shown(file, src)})")
    alt = value.get("alt")
    if alt is None or not str(alt).strip():
        raise Invalid(f"image {path} has no alt text; describe it with alt: ...")
    caption = value.get("caption") or value.get("title") or ""
    return ImageRef(path, file, str(alt).strip(), str(caption).strip())


def _shown(file: Path, src: Source) -> str:
    try:
        return str(file.relative_to(src.content_dir.parent))
    except ValueError:
        return str(file)


def to_gallery(value: Any, src: Source, name: str) -> list[ImageRef]:
    """Accept a list of images; report each bad one by position."""
    if not isinstance(value, list):
        raise Invalid(f"expected a list of images, got {value!r}")
    images = []
    for i, item in enumerate(value):
        try:
            images.append(to_image(item, src, name))
        except Invalid as exc:
            src.error(f"{name}[{i}]", str(exc), line=src.lines(name, i))
    return images


LINK_KINDS = ("demo", "source")


def to_links(value: Any, src: Source, name: str) -> list[Link]:
    """Accept `{demo: url, source: url, <label>: url}` or a list of `{label, url}`."""
    pairs: list[tuple[str, Any]]
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        pairs = [
            (v.get("label") or v.get("name") or v.get("title") or "", v.get("url")) for v in value
        ]
    else:
        raise Invalid(f"expected demo: <url>, source: <url>, got {value!r}")
    links = []
    for label, url in pairs:
        label = str(label).strip()
        if not label:
            raise Invalid("each link needs a label")
        try:
            clean = to_url(url, src, name)
        except Invalid as exc:
            raise Invalid(f"{label}: {exc}") from None
        kind = label.lower() if label.lower() in LINK_KINDS else "other"
        links.append(Link(label, clean, kind))
    return links


def to_list(value: Any, src: Source, name: str) -> list:
    """Accept a list."""
    if not isinstance(value, list):
        raise Invalid(f"expected a list, got {value!r}")
    return value


def to_mapping(value: Any, src: Source, name: str) -> dict:
    """Accept a mapping of keys to values."""
    if not isinstance(value, dict):
        raise Invalid(f"expected key: value pairs, got {value!r}")
    return value


CONVERTERS: dict[str, Callable[[Any, Source, str], Any]] = {
    "str": to_str,
    "bool": to_bool,
    "int": to_int,
    "number": to_number,
    "datetime": to_datetime,
    "tags": to_tags,
    "url": to_url,
    "image": to_image,
    "gallery": to_gallery,
    "links": to_links,
    "list": to_list,
    "mapping": to_mapping,
}


Converter = Callable[[Any, Source, str], Any]


@dataclass(frozen=True)
class Field:
    """A front-matter field: its type, whether it is required, its default, allowed values.

    `type` names one of the converters above; a kind with values of its own (an
    ingredient list, a cooking time) passes `convert` instead: a function
    `(value, source, name) -> clean value` that raises `Invalid` for a bad value
    and reports problems with single entries through `source.entry_error`.
    """

    name: str
    type: str = "str"
    required: bool = False
    default: Any = None
    choices: tuple | None = None
    min: float | None = None
    max: float | None = None
    doc: str = ""
    example: Any = None  # written by `sitegen new`; None leaves the field out
    convert: Converter | None = None
    missing: str = "required field is missing"  # what to say when a required field is absent


@dataclass
class Schema:
    """The fields of one kind, the other names accepted for them, and how to read them."""

    fields: list[Field]
    # Other names for a field (Jekyll's `categories`, Hugo's `lastmod`): read as that
    # field when it is absent; both given is a problem. A kind's `normalize` may merge
    # them first (tags from `tags` and `categories`) and remove the other name.
    aliases: dict[str, str] = field(default_factory=dict)
    # Keys accepted and kept in params without a typo check (common in foreign content).
    passthrough: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.fields}
        self.added: tuple[str, ...] = ()  # fields of features (`extended`), kept per item
        unknown_types = [
            f.type for f in self.fields if f.convert is None and f.type not in CONVERTERS
        ]
        assert not unknown_types, f"unknown field types {unknown_types}"

    def extended(self, extra: list[Field]) -> Schema:
        """This schema plus fields a feature adds to every kind (a kind's own field wins)."""
        added = [f for f in extra if f.name not in self.by_name]
        schema = Schema([*self.fields, *added], dict(self.aliases), self.passthrough)
        schema.added = tuple(f.name for f in added)
        return schema

    def validate(self, meta: dict[str, Any], src: Source) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return (values, params): clean values for every field, other keys as params."""
        values: dict[str, Any] = {}
        params: dict[str, Any] = {}
        given: dict[str, tuple[str, Any]] = {}  # field -> (key as written, raw value)
        known = list(self.by_name) + list(self.aliases)
        typo_of: set[str] = set()  # fields a typo stands for: one message, not two
        for key, raw in meta.items():
            key = str(key)
            name = self.aliases.get(key, key)
            if name in self.by_name:
                if name in given:
                    src.error(key, f"repeats {name!r}; keep one of the two")
                    continue
                given[name] = (key, raw)
                continue
            if key in self.passthrough:
                params[key] = raw
                continue
            meant = None if _LANGUAGE_PREFIXED.match(key) else suggest(key, known)
            if meant:
                meant = self.aliases.get(meant, meant)
                typo_of.add(meant)
                src.error(key, f"unknown field, did you mean {meant!r}?")
            else:
                params[key] = raw
        for f in self.fields:
            key, raw = given.get(f.name, (f.name, None))
            if raw is None or raw == "":
                if f.required and f.name not in typo_of:
                    src.error(f.name, f.missing)
                values[f.name] = _fresh(f.default)
                continue
            try:
                value = (f.convert or CONVERTERS[f.type])(raw, src, key)
                if f.choices is not None and value not in f.choices:
                    allowed = ", ".join(map(str, f.choices))
                    raise Invalid(f"expected one of {allowed}, got {value!r}")
                if f.min is not None and value < f.min or f.max is not None and value > f.max:
                    raise Invalid(f"expected a value from {f.min} to {f.max}, got {value!r}")
            except Invalid as exc:
                src.error(key, str(exc))
                value = _fresh(f.default)
            values[f.name] = value
        return values, params


def _fresh(default: Any) -> Any:
    return list(default) if isinstance(default, list) else default


def check_image(value: Any, src: Source, name: str) -> ImageRef | None:
    """Validate one optional image outside a schema (site avatar); report, never raise."""
    if value in (None, ""):
        return None
    try:
        return to_image(value, src, name)
    except Invalid as exc:
        src.error(name, str(exc))
        return None
