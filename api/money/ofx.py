"""Read OFX and QFX statements (bank and credit card) into rows, with ofxtools.

ofxtools (pure Python, no dependencies; GPL-3.0, used unchanged as a library)
parses OFX 1.x SGML and 2.x XML, Quicken's QFX included. It is imported here
only, and this module only by the request that reads such a file, so the
Lambda's cold start never pays for it.

Each transaction's import id is the bank's FITID, qualified by the account
(FITIDs are unique per account only). The date is the one the bank wrote: a
DTPOSTED of ``20261103235900[-5:EST]`` is 3 November, though it is already
4 November in UTC.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .csvbank import BankRow, clean_payee

_BLOCK = re.compile(rb"<STMTTRN>(.*?)</STMTTRN>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(rb"<(FITID|DTPOSTED)>\s*([^<\r\n]+)", re.IGNORECASE)


class OfxError(ValueError):
    """The file is not an OFX statement ofxtools can read."""


@dataclass
class Statement:
    """One account's transactions in the file."""

    account: str
    currency: str
    rows: list[BankRow] = field(default_factory=list)


def _local_dates(data: bytes) -> dict[str, date]:
    """Map each FITID to the date as the bank wrote it (before any time zone shift)."""
    dates: dict[str, date] = {}
    for block in _BLOCK.finditer(data):
        tags = {k.upper(): v.strip() for k, v in _TAG.findall(block.group(1))}
        fitid, posted = tags.get(b"FITID"), tags.get(b"DTPOSTED", b"")
        if fitid and len(posted) >= 8 and posted[:8].isdigit():
            text = posted[:8].decode()
            try:
                dates[fitid.decode("latin-1")] = date(int(text[:4]), int(text[4:6]), int(text[6:]))
            except ValueError:
                continue
    return dates


def looks_like_ofx(data: bytes) -> bool:
    """Tell whether the bytes start like an OFX/QFX file (SGML header or XML)."""
    head = data[:1024].lstrip().upper()
    return head.startswith(b"OFXHEADER") or b"<OFX>" in head or b"<?OFX" in head


def parse(data: bytes, places: int = 2) -> list[Statement]:
    """Return the statements in an OFX/QFX file; raise OfxError if it cannot be read."""
    from ofxtools.Parser import OFXTree

    tree = OFXTree()
    try:
        with warnings.catch_warnings():
            # Banks add private tags (Quicken's <INTU.BID>); ofxtools warns and skips them.
            warnings.simplefilter("ignore")
            tree.parse(io.BytesIO(data))
            ofx = tree.convert()
            statements = list(ofx.statements)
    except Exception as exc:  # ofxtools raises many kinds; all mean "not a statement we read"
        message = f"Not an OFX statement ofxtools can read ({type(exc).__name__}: {exc})."
        raise OfxError(message) from exc
    local = _local_dates(data)
    quantum = Decimal(1).scaleb(-places)
    out = []
    for stmt in statements:
        account = str(getattr(stmt.account, "acctid", "") or "")
        result = Statement(account=account, currency=str(stmt.curdef or ""))
        for number, txn in enumerate(stmt.transactions, start=1):
            fitid = str(txn.fitid)
            name = str(txn.name or getattr(txn.payee, "name", "") or "").strip()
            memo = str(txn.memo or "").strip()
            raw = name or memo
            amount = Decimal(txn.trnamt).quantize(quantum)
            posted = local.get(fitid) or txn.dtposted.date()
            result.rows.append(
                BankRow(
                    line=number,
                    date=posted,
                    amount=amount,
                    raw_payee=raw[:500],
                    payee=clean_payee(raw),
                    notes=memo[:1000] if name else "",
                    import_id=f"ofx:{account}:{fitid}"[:200],
                )
            )
        out.append(result)
    if not out:
        raise OfxError("The file holds no bank or credit card statement.")
    return out
