"""The redirect page: canonical link and refresh to where an old address now lives."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ..urls import site_url
from ..web.exact import fall_through
from ..web.published import abs_url
from ..web.state import current_content


def blueprint() -> Blueprint:
    """Templates only: each old path gets its own rule when content is loaded (`web.exact`)."""
    return Blueprint("redirects", __name__, template_folder="templates", static_folder=None)


def redirect_page() -> str:
    """Send the visitor from an old address to the page that lives on."""
    redirect = current_content().extras.get("redirects", {}).get(request.path)
    if redirect is None:  # an alias removed while previewing
        return fall_through("redirects")
    target = redirect.target
    href = site_url(target) if target.startswith("/") else target
    return render_template(
        "redirects/redirect.html",
        redirect=redirect,
        href=href,
        canonical=abs_url(href) if target.startswith("/") else target,
    )
