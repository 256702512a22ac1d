"""The owner's dashboard: an installable app at /owner/ that talks to the API on the
site's own origin (sign-in, the inbox, signed-in devices; docs/dashboard.md).

It is static like every page: a shell page, a web app manifest, icons and a
service worker that keeps the shell for offline use. Kinds and features add
their own pages and home cards by naming scripts in `Kind.dashboard` /
`Feature.dashboard`; the dashboard's core never names them.
"""

from __future__ import annotations

from typing import Any

from ..registry import Feature, UrlSpec
from .icons import SIZES


def _urls(content: Any) -> list[UrlSpec]:
    # Private pages: in no sitemap, feed or search index; robots.txt asks crawlers to stay out.
    specs = [
        UrlSpec("owner.shell", {}, sitemap=False),
        UrlSpec("owner.manifest", {}, sitemap=False),
        UrlSpec("owner.worker", {}, sitemap=False),
    ]
    specs += [UrlSpec("owner.icon", {"size": size}, sitemap=False) for size in SIZES]
    return specs


FEATURE = Feature(
    name="owner",
    blueprint="sitegen.owner.views",
    urls=_urls,
    dashboard=("js/owner/inbox.js", "js/owner/health.js", "js/owner/devices.js"),
    private=("/owner/",),
)
