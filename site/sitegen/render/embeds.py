"""Video and social embeds as facades: a link that loads nothing from a third party.

A Hugo `{{< youtube >}}` or a Jekyll page's video becomes a 16:9 box with a play
mark and the title. Nothing is fetched from YouTube, Vimeo, X, GitHub or
Instagram while the page loads; the visitor's click opens the privacy-enhanced
player (youtube-nocookie.com, Vimeo with `dnt=1`) or the original post. The
HTML is inline (`a`, `span`), so it is valid inside or outside a paragraph.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote


def _facade(kind: str, href: str, label: str, note: str) -> str:
    play = '<span class="embed-play" aria-hidden="true">▶</span>' if kind == "video" else ""
    return (
        f'<a class="embed embed-{kind}" href="{escape(href)}" rel="noopener">{play}'
        f'<span class="embed-title">{escape(label)}</span> '
        f'<span class="embed-note">{escape(note)}</span></a>'
    )


def youtube(video: str, title: str = "") -> str:
    """A YouTube video: the click opens it on youtube-nocookie.com."""
    href = f"https://www.youtube-nocookie.com/embed/{quote(video)}?autoplay=1"
    return _facade("video", href, title or "Watch the video", "Plays on YouTube (no cookies)")


def vimeo(video: str, title: str = "") -> str:
    """A Vimeo video: the click opens Vimeo's player with tracking off."""
    href = f"https://player.vimeo.com/video/{quote(video)}?dnt=1&autoplay=1"
    return _facade("video", href, title or "Watch the video", "Plays on Vimeo (do not track)")


def post_link(kind: str, href: str, label: str, note: str) -> str:
    """A social post or gist: a quiet link to the original, nothing embedded."""
    return _facade(kind, href, label, note)


def x_post(user: str, post: str) -> str:
    """A post on X (Hugo's `x` and `tweet` shortcodes)."""
    href = f"https://x.com/{quote(user)}/status/{quote(post)}"
    return post_link("social", href, f"Post by @{user}", "Opens on X")


def gist(user: str, gist_id: str, file: str = "") -> str:
    """A GitHub gist."""
    href = f"https://gist.github.com/{quote(user)}/{quote(gist_id)}"
    label = f"{file} — gist by {user}" if file else f"Gist by {user}"
    return post_link("code", href, label, "Opens on GitHub")


def instagram(post: str) -> str:
    """An Instagram post."""
    href = f"https://www.instagram.com/p/{quote(post)}/"
    return post_link("social", href, "Instagram post", "Opens on Instagram")
