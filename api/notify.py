"""Tell the owner about a new contact message by email through SES."""

from __future__ import annotations

from typing import Any

from .settings import Settings
from .validation import parse_email


class NotifyError(Exception):
    """The notification was not sent; ``__cause__`` says why."""


def reply_to(email: str) -> list[str]:
    """Return the Reply-To list for a visitor's address: one ASCII address, or none."""
    from email.headerregistry import Address  # only when an email goes out

    from email_validator import EmailNotValidError

    try:
        ascii_email = parse_email(email).ascii_email
    except EmailNotValidError:
        return []  # stored before the address rules tightened: the body still shows it
    if not ascii_email:
        return []  # a non-ASCII local part needs SMTPUTF8, which SES does not offer
    # The standard library quotes and checks the address as a header needs it.
    return [str(Address(addr_spec=ascii_email))]


def compose(item: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Build the SES SendEmail arguments for a stored message."""
    # Name, subject and email were validated single-line with no control or
    # text-direction characters, so they cannot inject headers or disguise the subject.
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
        "ReplyToAddresses": reply_to(item["email"]),
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
