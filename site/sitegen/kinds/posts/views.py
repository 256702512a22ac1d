"""Views of the blog: listing pages, each post, tags, the Atom feed."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from ...urls import site_url
from ...web.published import abs_url
from ...web.state import current_content, item_or_404
from . import per_page
from .feed import atom_feed


def blueprint() -> Blueprint:
    """Build the blog's blueprint: posts.index, .page, .post, .tags, .tag, .feed."""
    bp = Blueprint("posts", __name__, template_folder="templates")

    def listing(page: int) -> str:
        content = current_content()
        posts = content.items["posts"]
        n = per_page(content)
        pages = max(1, -(-len(posts) // n))
        if page < 1 or page > pages:
            abort(404)

        def page_url(k: int) -> str:
            return site_url("/blog/" if k == 1 else f"/blog/page/{k}/")

        pagination = {
            "page": page,
            "pages": pages,
            "total": len(posts),
            "prev_url": page_url(page - 1) if page > 1 else None,
            "next_url": page_url(page + 1) if page < pages else None,
        }
        shown = posts[(page - 1) * n : page * n]
        return render_template("blog/index.html", posts=shown, pagination=pagination)

    @bp.route("/blog/")
    def index() -> str:
        """Show the newest posts."""
        return listing(1)

    @bp.route("/blog/page/<int:page>/")
    def page(page: int) -> str:
        """Show older posts, one page at a time."""
        if page == 1:
            abort(404)  # page 1 lives at /blog/ only
        return listing(page)

    @bp.route("/blog/<slug>/")
    def post(slug: str) -> str:
        """Show one post."""
        return render_template("blog/post.html", post=item_or_404("posts", slug))

    @bp.route("/tags/")
    def tags() -> str:
        """List every post tag."""
        return render_template(
            "tags/index.html", tags=list(current_content().extras["post_tags"].values())
        )

    @bp.route("/tags/<slug>/")
    def tag(slug: str) -> str:
        """Show the posts with one tag."""
        found = current_content().extras["post_tags"].get(slug)
        if found is None:
            abort(404)
        return render_template("tags/tag.html", tag=found, posts=found.items)

    @bp.route("/feed.xml")
    def feed() -> Response:
        """Serve the Atom feed of the newest posts."""
        body = atom_feed(current_content(), abs_url, lambda post: post.html)
        return Response(body, mimetype="application/xml")  # what a static host serves

    return bp
