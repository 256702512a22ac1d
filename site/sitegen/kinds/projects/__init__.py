"""Portfolio projects: `content/projects/*.md`, pages /projects/, /projects/<slug>/, tags."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...content.items import Image, Item, Tag
from ...content.record import Record
from ...content.schema import Field, Schema
from ...registry import HomeSection, Kind, NavEntry, UrlSpec
from ...render.markdown import first_paragraph, plain_text
from ..common import collect_tags, digest_of

FEATURED_FALLBACK = 3  # shown on the home page when none is marked featured


class Project(Item):
    """A portfolio project."""

    kind = "projects"
    summary: str
    tags: list[Tag]
    cover: Image | None
    gallery: list[Image]
    links: list
    featured: bool
    order: int


SCHEMA = Schema(
    fields=[
        Field("title", required=True, doc="the project's name", example="{title}"),
        Field(
            "summary",
            doc="one or two sentences for cards; default: the first paragraph",
            example="",
        ),
        Field("date", "datetime", doc="when it shipped (YYYY-MM-DD)", example="{today}"),
        Field("tags", "tags", default=[], doc="technologies, roles…", example=[]),
        Field("cover", "image", doc="{src: /images/..., alt: ...}"),
        Field("gallery", "gallery", default=[], doc="list of {src, alt, caption}"),
        Field(
            "links", "links", default=[], doc="{demo: url, source: url, <label>: url}", example={}
        ),
        Field(
            "featured", "bool", default=False, doc="true shows it on the home page", example=False
        ),
        Field("order", "int", default=0, doc="lower comes first; ties newest first", example=0),
        Field("draft", "bool", default=False, doc="true keeps it out of the build", example=True),
    ],
    aliases={
        "image": "cover",
        "image_alt": "cover",
        "categories": "tags",
        "description": "summary",
    },
)


def normalize(meta: dict, record: Any = None) -> dict:
    """Accept `image:` + `image_alt:` for the cover and `categories` as tags."""
    meta = dict(meta)
    # Every other name is read here and removed, so validation sees one field each.
    image, alt = meta.pop("image", None), meta.pop("image_alt", None)
    if meta.get("cover") is None and image:
        meta["cover"] = {"src": image} if isinstance(image, str) else image
    if isinstance(meta.get("cover"), str):
        meta["cover"] = {"src": meta["cover"]}
    if isinstance(meta.get("cover"), dict) and alt and not meta["cover"].get("alt"):
        meta["cover"] = {**meta["cover"], "alt": alt}
    categories = meta.pop("categories", None)
    if categories and not meta.get("tags"):
        meta["tags"] = categories
    description = meta.pop("description", None)
    if description and not meta.get("summary"):
        meta["summary"] = description
    return meta


def make(record: Record) -> Project:
    """Build a Project from a validated file."""
    v = record.values
    return record.item(
        Project,
        f"/projects/{record.slug}/",
        summary=plain_text(v["summary"] or first_paragraph(record.body)),
        tag_names=v["tags"],
        cover=record.image(v["cover"]),
        gallery=[record.image(ref) for ref in v["gallery"]],
        links=v["links"],
        featured=v["featured"],
        order=v["order"],
        future=False,  # a project dated later is one planned to ship: shown all the same
    )


def finish(projects: list[Project], content: Any) -> None:
    """Sort by `order`, then newest first; gather project tags."""
    projects.sort(key=lambda p: (-(p.date or dt.date.min).toordinal(), p.slug))
    projects.sort(key=lambda p: p.order)
    content.extras["project_tags"] = collect_tags(projects, "tag_names", "/projects/tags/{slug}/")


def urls(content: Any) -> list[UrlSpec]:
    """The project grid, each project, each project tag."""
    projects = content.items["projects"]
    tags = content.extras.get("project_tags", {})
    all_deps = tuple(p.digest for p in projects)
    specs = [
        UrlSpec("projects.index", {}, all_deps),
        UrlSpec("projects.project", None),
        UrlSpec("projects.tag", None),
    ]
    specs += [
        UrlSpec(
            "projects.project", {"slug": p.slug}, (p.digest,), search="project", source=p.source
        )
        for p in projects
    ]
    tag_list = digest_of([(t.slug, t.count) for t in tags.values()])
    specs += [
        UrlSpec("projects.tag", {"slug": t.slug}, (tag_list, *(p.digest for p in t.items)))
        for t in tags.values()
    ]
    return specs


def _home(content: Any) -> dict[str, Any]:
    projects = content.items["projects"]
    return {
        "featured_projects": [p for p in projects if p.featured] or projects[:FEATURED_FALLBACK]
    }


KIND = Kind(
    name="projects",
    singular="project",
    schema=SCHEMA,
    make=make,
    finish=finish,
    blueprint="sitegen.kinds.projects.views",
    urls=urls,
    normalize=normalize,
    new_body="What it is, who it is for, what you did.\n\n## How it works\n\nDetails.\n",
    home=HomeSection("projects/_home.html", _home, weight=10, action=("See my work", "/projects/")),
    nav=NavEntry("Projects", "/projects/", weight=10),
)
