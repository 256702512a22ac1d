"""Portfolio projects: `content/projects/*.md`, pages /projects/, /projects/<slug>/, tags."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, abort, render_template

from ..models import Project
from ..registry import Kind, UrlSpec
from ..render import first_paragraph, plain_text
from ..schema import Field, Schema
from ..state import current_content
from .common import collect_tags, digest_of

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
    if meta.get("cover") is None and meta.get("image"):
        image = meta["image"]
        meta["cover"] = {"src": image} if isinstance(image, str) else image
    if isinstance(meta.get("cover"), str):
        meta["cover"] = {"src": meta["cover"]}
    if (
        isinstance(meta.get("cover"), dict)
        and meta.get("image_alt")
        and not meta["cover"].get("alt")
    ):
        meta["cover"] = {**meta["cover"], "alt": meta["image_alt"]}
    if meta.get("categories") and not meta.get("tags"):
        meta["tags"] = meta["categories"]
    if meta.get("description") and not meta.get("summary"):
        meta["summary"] = meta["description"]
    return meta


def make(record: Any) -> Project:
    """Build a Project from a validated file."""
    v = record.values
    p = Project()
    p.slug = record.slug
    p.path = f"/projects/{record.slug}/"
    p.source = record.src.path
    p.body = record.body
    p.params = record.params
    p.title = v["title"]
    p.summary = plain_text(v["summary"] or first_paragraph(record.body))
    when = v["date"]
    p.date = when.date() if when else None
    p.tag_names = v["tags"]
    p.cover = record.image(v["cover"])
    p.gallery = [record.image(ref) for ref in v["gallery"]]
    p.links = v["links"]
    p.featured = v["featured"]
    p.order = v["order"]
    p.draft = v["draft"]
    p.future = False
    p.digest = record.digest
    return p


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
        UrlSpec("projects", {}, all_deps),
        UrlSpec("project", None),
        UrlSpec("project_tag", None),
    ]
    specs += [UrlSpec("project", {"slug": p.slug}, (p.digest,)) for p in projects]
    tag_list = digest_of([(t.slug, t.count) for t in tags.values()])
    specs += [
        UrlSpec("project_tag", {"slug": t.slug}, (tag_list, *(p.digest for p in t.items)))
        for t in tags.values()
    ]
    return specs


def routes(app: Flask) -> None:
    """Add the views of the portfolio."""

    @app.route("/projects/")
    def projects() -> str:
        """Show every project."""
        content = current_content()
        tags = list(content.extras["project_tags"].values())
        return render_template(
            "projects/index.html", projects=content.items["projects"], tags=tags, current_tag=None
        )

    @app.route("/projects/tags/<slug>/")
    def project_tag(slug: str) -> str:
        """Show the projects with one tag."""
        content = current_content()
        found = content.extras["project_tags"].get(slug)
        if found is None:
            abort(404)
        tags = list(content.extras["project_tags"].values())
        return render_template(
            "projects/index.html", projects=found.items, tags=tags, current_tag=found
        )

    @app.route("/projects/<slug>/")
    def project(slug: str) -> str:
        """Show one project."""
        found = current_content().find("projects", slug)
        if found is None:
            abort(404)
        return render_template("projects/project.html", project=found)


KIND = Kind(
    name="projects",
    singular="project",
    schema=SCHEMA,
    make=make,
    finish=finish,
    routes=routes,
    urls=urls,
    normalize=normalize,
    new_body="What it is, who it is for, what you did.\n\n## How it works\n\nDetails.\n",
    reserved=("projects",),
)
