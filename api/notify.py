"""Tell the owner about a new contact message by email through SES."""

from __future__ import annotations

from typing import Any

from .settings import Settings


class NotifyError(Exception):
    """The notification was not sent; ``__cause__`` says why."""


def compose(item: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Build the SES SendEmail arguments for a stored message."""
    # Name, subject and email were validated single-line, so they cannot inject headers.
    subject = f"New message from {item['name']}"
    if item.get("subject"):
        subject += f": {item['subject']}"
    body = (
        f"{item['name']} <{item['email']}> wrote on {item['created_at']}:\n\n"
        f"{item['message']}\n\n"
        f"Reply to this email to answer them. Message id: {item['id']}\n"
    )
    return {
        "Source": settings.ses_sender,
        "Destination": {"ToAddresses": [settings.ses_recipient]},
        "ReplyToAddresses": [item["email"]],
        "Message": {
            "Subject": {"Data": subject[:200], "Charset": "UTF-8"},
            "Body": {"Text": {"Data": body, "Charset": "UTF-8"}},
        },
    }


def send(ses: Any, item: dict[str, Any], settings: Settings) -> str:
    """Send the notification and return SES's message id, or raise NotifyError."""
    try:
        return ses.send_email(**compose(item, settings))["MessageId"]
    except Exception as exc:  # any SES or network failure leaves the message pending
        raise NotifyError(f"{type(exc).__name__}: {exc}") from exc
