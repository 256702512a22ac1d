"""Each attendee's email goes out once: a claim per email and address, written just before SES.

An email is named by what it is for (``note#<notification key>``, ``reminder#<start>``,
``feedback``) and by whom it goes to (the address's hash). Its record,
``MAIL#<event id>`` / ``<what>#<hash>``, moves only by conditional writes::

    (none) ─claim─▶ sending ─SES accepted─▶ sent
                       ├─ SES refused, or never reached ─▶ failed ─(retry_at)─claim─▶ sending …
                       └─ no answer (crash, timeout) ─(lease passes)──────────claim─▶ sending …

Whoever wins the claim sends; a second sender at the same moment (the request
and the job, a job run twice, two jobs at once) finds it claimed or sent and
leaves it. The crash windows, and what happens in each:

1. Before the claim: nothing is recorded; the next run sends it.
2. Claimed, SES not called yet: the claim's lease (15 minutes, longer than
   any Lambda can run, so a live sender is never overtaken) passes and the
   next run sends it.
3. SES refused it (throttled, quota, rejected) or could not be connected to:
   it was surely not sent. Recorded ``failed`` and tried again after 5
   minutes, doubling to 6 hours; after 10 tries (about a day) it is given up
   and logged, so one bad address cannot hold a notification forever.
4. SES accepted it, and the process died before ``sent`` was written, or the
   answer was lost (a read timeout): the one case nobody can tell apart from
   2. The lease passes and it is sent again: a rare second copy rather than a
   lost cancellation or manage link (the choice ``api/notify.py`` makes for
   the owner's emails). The window is kept to the SES call itself: the email
   is composed before the claim, ``sent`` is written as soon as SES answers,
   the jobs take no new email with less than 10 s of Lambda time left, and
   the SES client makes one attempt (botocore retrying a timed-out send could
   deliver twice unseen); only throttling, which SES answers without sending,
   is retried here at once.

Records expire (TTL) a year after they were last written: long after any job
could look at their email again.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from ..settings import Settings
from ..storage import TTL_ATTRIBUTE, Table
from . import keys, store

log = logging.getLogger("api.events.deliveries")

LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=5)
LAST_RETRY = timedelta(hours=6)
MAX_TRIES = 10
KEEP = timedelta(days=365)
THROTTLE_WAITS = (0.2, 0.5, 1.0)  # SES's "Maximum sending rate exceeded": nothing was sent

SENDING, SENT, FAILED, GAVE_UP = "sending", "sent", "failed", "gave_up"
# What deliver() tells its caller. Settled outcomes need nothing more.
SETTLED = ("sent", "already", "skipped", "gave_up")

_clients: dict[tuple[str, str], Any] = {}
_lock = threading.Lock()


def mail_key(event_id: str, what: str, hashed: str) -> tuple[str, str]:
    """Return the (pk, sk) of the record of one email to one address."""
    return f"MAIL#{event_id}", f"{what}#{hashed}"


def ses_client(settings: Settings) -> Any:
    """Return an SES client that tries each call once (see 4. above), shared per endpoint."""
    key = (settings.ses_endpoint, settings.region)
    with _lock:
        if key not in _clients:
            import boto3
            from botocore.config import Config

            config = Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=10)
            kwargs: dict[str, Any] = {"region_name": settings.region, "config": config}
            if settings.ses_endpoint:
                kwargs["endpoint_url"] = settings.ses_endpoint
                if not os.environ.get("AWS_ACCESS_KEY_ID"):  # local stores take any
                    kwargs.update(aws_access_key_id="local", aws_secret_access_key="local")
            _clients[key] = boto3.session.Session().client("ses", **kwargs)
        return _clients[key]


def _retry_after(tries: int) -> timedelta:
    return min(LAST_RETRY, FIRST_RETRY * 2 ** max(0, tries - 1))


def _expires(now: datetime) -> int:
    return int((now + KEEP).timestamp())


def _claim(table: Table, pk: str, sk: str, now: datetime, attempt: str) -> int | None:
    """Take the email for this sender; return its try number, or None if someone has it."""
    update = store.update(
        pk,
        sk,
        sets=[
            "#state = :sending",
            "#type = :type",
            "#attempt = :attempt",
            "#lease_until = :lease",
            "#tries = if_not_exists(#tries, :zero) + :one",
            f"#{TTL_ATTRIBUTE} = :ttl",
        ],
        when=[
            "attribute_not_exists(pk)"
            " OR (#state = :failed AND #retry_at <= :now)"
            " OR (#state = :sending AND #lease_until <= :now)"
        ],
        values={
            ":sending": SENDING,
            ":type": "mail",
            ":failed": FAILED,
            ":attempt": attempt,
            ":lease": keys.stamp(now + LEASE),
            ":now": keys.stamp(now),
            ":zero": 0,
            ":one": 1,
            ":ttl": _expires(now),
        },
    )
    try:
        return int(store.apply(table, update)["tries"])
    except store.Refused:
        return None


def _finish(table: Table, pk: str, sk: str, attempt: str, sets: dict[str, Any]) -> None:
    update = store.update(
        pk,
        sk,
        sets=[f"#{name} = :{name}" for name in sets],
        remove=["#lease_until"] if sets.get("state") != SENDING else [],
        when=["#attempt = :attempt"],
        values={**{f":{name}": value for name, value in sets.items()}, ":attempt": attempt},
    )
    try:
        store.apply(table, update)
    except store.Refused:  # cannot happen within the lease; logged if it ever does
        log.warning(json.dumps({"event": "mail_record_taken", "key": sk}))


def _definite(exc: Exception) -> bool:
    """Tell whether SES surely did not send: it answered with an error, or was never reached."""
    from botocore.exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError

    return isinstance(exc, ClientError | EndpointConnectionError | ConnectTimeoutError)


def _throttled(exc: Exception) -> bool:
    response = getattr(exc, "response", None) or {}
    return response.get("Error", {}).get("Code") in ("Throttling", "ThrottlingException")


def _send(ses: Any, raw: bytes, source: str, to: str) -> str:
    for wait in (*THROTTLE_WAITS, None):
        try:
            out = ses.send_raw_email(Source=source, Destinations=[to], RawMessage={"Data": raw})
            return out["MessageId"]
        except Exception as exc:
            if wait is None or not _throttled(exc):
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


class Undeliverable(Exception):
    """The address cannot be sent to at all (SES cannot take it): given up at once."""


def state(table: Table, event_id: str, what: str, hashed: str) -> dict[str, Any] | None:
    """Return the record of one email to one address, or None if it was never tried."""
    return table.get(*mail_key(event_id, what, hashed))


def deliver(
    table: Table,
    ses: Any,
    *,
    event_id: str,
    what: str,
    hashed: str,
    compose: Callable[[], tuple[str, str, bytes] | None],
    now: datetime,
) -> str:
    """Send one email to one address unless it already went; say how it went.

    ``compose()`` returns (source, destination, raw MIME bytes), or None when
    the email has nothing to say any more (the RSVP was cancelled meanwhile);
    it raises :class:`Undeliverable` for an address SES cannot take.
    Outcomes: ``sent``; ``already`` (sent or given up before); ``skipped``
    (nothing to send); ``busy`` (another sender holds it, or it waits for its
    retry time); ``failed`` (SES refused: tried again later); ``gave_up``;
    ``unknown`` (no answer from SES: sent again once the lease passes).
    """
    pk, sk = mail_key(event_id, what, hashed)
    record = table.get(pk, sk)
    now_text = keys.stamp(now)
    if record is not None:
        if record.get("state") in (SENT, GAVE_UP):
            return "already"
        if record.get("state") == SENDING and record.get("lease_until", "") > now_text:
            return "busy"
        if record.get("state") == FAILED and record.get("retry_at", "") > now_text:
            return "busy"
    try:
        letter = compose()  # before the claim: the claim is followed at once by the SES call
    except Undeliverable as exc:
        _give_up(table, pk, sk, str(exc), now)
        return "gave_up"
    if letter is None:
        return "skipped"
    source, to, raw = letter
    attempt = secrets.token_hex(8)
    tries = _claim(table, pk, sk, now, attempt)
    if tries is None:
        return "busy"
    try:
        message_id = _send(ses, raw, source, to)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        if not _definite(exc):
            log.warning(json.dumps({"event": "mail_unanswered", "key": sk, "error": error}))
            return "unknown"  # stays `sending`: sent again once the lease passes (4.)
        gave_up = tries >= MAX_TRIES
        _finish(
            table,
            pk,
            sk,
            attempt,
            {
                "state": GAVE_UP if gave_up else FAILED,
                "error": error,
                "retry_at": keys.stamp(now + _retry_after(tries)),
            },
        )
        log.warning(json.dumps({"event": "mail_failed", "key": sk, "tries": tries, "error": error}))
        return "gave_up" if gave_up else "failed"
    try:
        _finish(
            table, pk, sk, attempt, {"state": SENT, "message_id": message_id, "sent_at": now_text}
        )
    except Exception as exc:  # sent all the same; the lease decides (4.)
        log.warning(json.dumps({"event": "mail_sent_not_recorded", "key": sk, "error": str(exc)}))
    return "sent"


def _give_up(table: Table, pk: str, sk: str, why: str, now: datetime) -> None:
    item = {
        "pk": pk,
        "sk": sk,
        "type": "mail",
        "state": GAVE_UP,
        "error": why,
        "tries": 0,
        "retry_at": keys.stamp(now),
        TTL_ATTRIBUTE: _expires(now),
    }
    try:
        store.transact(table, [store.put(item, when=["attribute_not_exists(pk)"])])
    except store.Refused:
        return
    log.warning(json.dumps({"event": "mail_given_up", "key": sk, "error": why}))
