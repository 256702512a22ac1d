"""What each comment email says, and the MIME that carries it.

Three letters, each made from the comment and the thread as they are now (a
retry tells the current state; nothing is said about a comment deleted
meanwhile):

- ``owner``: a new comment for the site's owner (who, where, the text, the
  commenter's address; ``Reply-To`` is the commenter), with signed links to
  approve, reject or delete it;
- ``confirm``: the double opt-in a visitor asked for by ticking "email me
  replies" (sent to the address typed, which is why it only asks);
- ``reply``: someone replied to a visitor's comment (sent only to addresses
  that confirmed).

Every email to a visitor carries its one-click unsubscribe link in the body
and in ``List-Unsubscribe`` / ``List-Unsubscribe-Post`` (RFC 8058): mail
providers show an "Unsubscribe" button and POST to the link. Visitors' text is
shown as they wrote it (the HTML part escapes it), never rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ..settings import Settings
from . import moderation_links as links

ACTION_LABELS = {
    "approve": "Approve",
    "reject": "Reject",
    "delete": "Delete",
}


@dataclass
class Letter:
    """One email's content, before it is MIME."""

    kind: str
    to: str
    to_name: str
    subject: str
    heading: str
    paragraphs: list[str]
    quote: str = ""  # the comment's text, as written
    facts: list[tuple[str, str]] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)  # (label, URL), main first
    footer: str = ""
    unsubscribe: str = ""  # the one-click link (visitors' emails)
    reply_to: list[str] = field(default_factory=list)


def _host(settings: Settings) -> str:
    return urlsplit(settings.site_url).hostname or "localhost"


def _title(thread: dict[str, Any] | None, comment: dict[str, Any]) -> str:
    return (thread or {}).get("title") or comment["thread"]


def owner_letter(
    settings: Settings, comment: dict[str, Any], thread: dict[str, Any] | None
) -> Letter:
    """Tell the owner about a new comment, with links to approve, reject or delete it."""
    from ..notify import reply_to

    title = _title(thread, comment)
    pending = comment["status"] == "pending"
    actions = ("approve", "reject", "delete") if pending else ("delete",)
    secret = settings.form_secret
    kind = "review" if comment.get("rating") else ("reply" if comment.get("parent") else "comment")
    facts = [
        ("Page", links.page_url(settings.site_url, thread) or comment["thread"]),
        (
            "From",
            f"{comment['name']} <{comment['email']}>" if comment.get("email") else comment["name"],
        ),
        ("Status", "waiting for your approval" if pending else comment["status"]),
    ]
    if comment.get("rating"):
        facts.append(("Rating", f"{int(comment['rating'])} out of 5"))
    if comment.get("parent"):
        facts.append(("In reply to", f"comment {comment['parent']}"))
    if comment["status"] == "approved":
        facts.append(("Shown at", links.page_url(settings.site_url, thread, comment["id"])))
    return Letter(
        kind="owner",
        to=settings.ses_recipient,
        to_name="",
        subject=(
            f"{'Waiting for approval' if pending else 'New ' + kind}: {comment['name']} on {title}"
        ),
        heading=f"A new {kind} on {title}",
        paragraphs=[f"{comment['name']} wrote:"],
        quote=comment.get("text", ""),
        facts=[(label, value) for label, value in facts if value],
        actions=[
            (
                f"{ACTION_LABELS[action]} this {kind}",
                links.link(
                    settings.site_url,
                    "moderate",
                    links.moderation_token(secret, action, comment["id"]),
                ),
            )
            for action in actions
        ],
        footer=(
            f"Links in this email work for {links.MODERATE_FOR.days} days; each asks you to "
            f"confirm. Replying to this email writes to {comment['name']}. "
            f"Comment id: {comment['id']}."
        ),
        reply_to=reply_to(comment["email"]) if comment.get("email") else [],
    )


def _unsubscribe(settings: Settings, hashed: str, thread_id: str) -> str:
    token = links.unsubscribe_token(settings.form_secret, hashed, thread_id)
    return links.link(settings.site_url, "unsubscribe", token)


def confirm_letter(
    settings: Settings,
    comment: dict[str, Any],
    thread: dict[str, Any] | None,
    subscription: dict[str, Any],
) -> Letter:
    """Ask a visitor to confirm that replies to their comments on a page may be emailed."""
    title = _title(thread, comment)
    hashed, thread_id = subscription["hash"], subscription["thread"]
    token = links.confirm_token(settings.form_secret, hashed, thread_id, subscription["rid"])
    return Letter(
        kind="confirm",
        to=subscription["email"],
        to_name=comment["name"],
        subject=f"Confirm: email me replies on {title}",
        heading="Confirm your email address",
        paragraphs=[
            f"Someone, we hope you, left a comment as {comment['name']} on “{title}” at "
            f"{_host(settings)} and asked to be emailed when someone replies.",
            "Press the button to confirm. Until then, no reply is emailed to this address.",
            "If it was not you, ignore this email: you will get no more emails about it.",
        ],
        facts=[("Page", links.page_url(settings.site_url, thread))] if thread else [],
        actions=[
            (
                "Yes, email me replies",
                links.link(settings.site_url, "subscriptions/confirm", token),
            )
        ],
        footer=(
            f"The link works for {links.CONFIRM_FOR.days} days. You get this email because "
            f"this address was typed into the comment form on {_host(settings)}."
        ),
        unsubscribe=_unsubscribe(settings, hashed, thread_id),
    )


def reply_letter(
    settings: Settings,
    reply: dict[str, Any],
    parent: dict[str, Any],
    thread: dict[str, Any] | None,
    subscription: dict[str, Any],
) -> Letter:
    """Tell a confirmed subscriber that someone replied to their comment."""
    title = _title(thread, reply)
    who = f"{reply['name']} (the author)" if reply.get("author") else reply["name"]
    link = links.page_url(settings.site_url, thread, reply["id"])
    return Letter(
        kind="reply",
        to=subscription["email"],
        to_name=parent["name"],
        subject=f"{reply['name']} replied to your comment on {title}",
        heading=f"A reply on {title}",
        paragraphs=[f"{who} replied to your comment:"],
        quote=reply.get("text", ""),
        facts=[("Your comment", _excerpt(parent.get("text", "")))],
        actions=[("Read and answer", link)] if link else [],
        footer=(
            f"You get this email because you asked to hear of replies to your comments on "
            f"“{title}” at {_host(settings)} and confirmed it. Unsubscribe with one click: "
            "the link below, or your mail app's Unsubscribe button."
        ),
        unsubscribe=_unsubscribe(settings, subscription["hash"], subscription["thread"]),
    )


def _excerpt(text: str, size: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1].rstrip() + "…"


_ENV: Any = None


def templates() -> Any:
    """Return the Jinja environment of the comment emails and pages (made on first use)."""
    global _ENV
    if _ENV is None:
        from pathlib import Path

        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

        here = Path(__file__).parent
        _ENV = Environment(
            # The pages extend the events' page layout (events/base.html): one look.
            loader=ChoiceLoader(
                [
                    FileSystemLoader(here / "mail_templates"),
                    FileSystemLoader(here.parent / "events" / "templates"),
                ]
            ),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    return _ENV


def compose(settings: Settings, letter: Letter, now: datetime) -> tuple[str, str, bytes]:
    """Return (source, destination, raw MIME) of a letter."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    from ..events.deliveries import Undeliverable
    from ..validation import parse_email

    try:
        to = parse_email(letter.to).ascii_email
    except Exception as exc:
        raise Undeliverable(f"not an address SES takes: {exc}") from exc
    if not to:  # a non-ASCII local part needs SMTPUTF8, which SES does not offer
        raise Undeliverable("the address needs SMTPUTF8, which SES does not offer")
    context = {
        "subject": letter.subject,
        "heading": letter.heading,
        "paragraphs": letter.paragraphs,
        "quote": letter.quote,
        "facts": letter.facts,
        "actions": letter.actions,
        "footer": letter.footer,
        "unsubscribe": letter.unsubscribe,
    }
    # Long links must stay whole on one header line (no encoded words): 998 is SMTP's limit.
    message = EmailMessage(policy=SMTP.clone(max_line_length=998))
    message["From"] = settings.ses_sender
    message["To"] = Address(display_name=letter.to_name, addr_spec=to) if letter.to_name else to
    message["Subject"] = " ".join(letter.subject.split())[:200]
    message["Date"] = format_datetime(now.astimezone(UTC))
    if letter.reply_to:
        message["Reply-To"] = ", ".join(letter.reply_to)
    elif settings.ses_recipient and letter.kind != "owner":
        message["Reply-To"] = settings.ses_recipient
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message["X-Frostfolio-Mail"] = f"comment-{letter.kind}"
    if letter.unsubscribe:
        message["List-Unsubscribe"] = f"<{letter.unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(templates().get_template("letter.txt").render(context))
    message.add_alternative(templates().get_template("letter.html").render(context), "html")
    return settings.ses_sender, to, message.as_bytes()
