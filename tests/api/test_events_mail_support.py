"""What the events email tests share: the mail moto's SES accepted, parsed; a failing SES.

Not a conftest; imported by the email test modules. It holds no tests itself.
"""

from __future__ import annotations

import email
import email.policy
import uuid
from email.message import EmailMessage
from typing import Any

import icalendar
import requests


def address(name: str = "ada") -> str:
    """Return an address no other test uses (moto's SES is shared by the whole session)."""
    return f"{name}-{uuid.uuid4().hex[:10]}@example.org"


def mails(moto_url: str, to: str, kind: str | None = None) -> list[EmailMessage]:
    """Return the emails SES accepted for ``to`` (of one kind), oldest first, parsed."""
    data = requests.get(f"{moto_url}/moto-api/data.json", timeout=30).json()
    found = []
    for raw in data.get("ses", {}).get("RawMessage", []):
        if to not in raw["destinations"]:
            continue
        message = email.message_from_string(raw["raw_data"], policy=email.policy.default)
        if kind is None or message["X-Frostfolio-Mail"] == kind:
            found.append(message)
    return found


def text_of(message: EmailMessage) -> str:
    """Return the plain-text body."""
    return message.get_body(("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    """Return the HTML body."""
    return message.get_body(("html",)).get_content()


def calendar_of(message: EmailMessage) -> tuple[icalendar.Calendar, Any]:
    """Return the attached .ics parsed back with icalendar, and its attachment part."""
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content()), part


def vevent(cal: icalendar.Calendar) -> icalendar.Event:
    """Return the one VEVENT of a calendar."""
    (entry,) = cal.walk("VEVENT")
    return entry


class Crash(BaseException):
    """Stands for the process dying (a Lambda timeout, out of memory): nothing catches it."""


class FlakySES:
    """An SES client that fails the nth call (raising ``error``) and passes the others on."""

    def __init__(self, real: Any, fail_on: set[int], error: BaseException) -> None:
        self.real, self.fail_on, self.error, self.calls = real, fail_on, error, 0

    def send_raw_email(self, **kwargs: Any) -> dict[str, Any]:
        self.calls += 1
        if self.calls in self.fail_on:
            raise self.error
        return self.real.send_raw_email(**kwargs)


def ses_refused() -> Exception:
    """Return the error SES answers when it is down: nothing was sent."""
    from botocore.exceptions import ClientError

    return ClientError(
        {"Error": {"Code": "ServiceUnavailable", "Message": "Service unavailable"}},
        "SendRawEmail",
    )
