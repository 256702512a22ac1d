"""Read a bank's CSV statement into rows through a column mapping (pure, no I/O).

A mapping names the columns by their header text and says how the bank
writes things: the date format, the decimal and thousands separators, one
signed amount column or separate money-in / money-out columns, whether to flip
the sign (credit-card statements that list spending as positive), the text
encoding (``auto``: UTF-8 with or without a BOM, else Latin-1) and the
delimiter (sniffed with :class:`csv.Sniffer` when not given).

Every amount becomes a :class:`~decimal.Decimal` with exactly the currency's
minor units; a value that cannot be read is a problem on its line, never a
guess. Each row gets an import id: the bank's own reference when the mapping
names a reference column, else a hash of date, amount and raw text plus its
occurrence in the file, so two identical coffees on one day stay two rows and
the same file read twice gives the same ids.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

ENCODINGS = ("auto", "utf-8", "latin-1", "cp1252")
DELIMITERS = (",", ";", "\t", "|")
DECIMALS = (".", ",")
THOUSANDS = ("", ",", ".", " ", "'")
MAX_ROWS = 20_000
_CURRENCY_NOISE = re.compile(r"[^\d,.\-+() '\u00a0\u202f]")
_SPACES = re.compile(r"\s+")
_CARD_NOISE = re.compile(
    r"^(?:pos|card|visa|debit card purchase|card purchase|purchase|"
    r"sepa-lastschrift|lastschrift|kartenzahlung|betaalpas|ec)\b[\s:#*-]*",
    re.IGNORECASE,
)
_TRAILING_REFS = re.compile(r"(?:\s+(?:\d{4,}|\d{2}[./]\d{2}(?:[./]\d{2,4})?|#\w+))+$")


class MappingError(ValueError):
    """The mapping does not fit the file (a column missing); ``fields`` says where."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


@dataclass(frozen=True)
class Mapping:
    """How one bank writes its CSV: columns by header name, and number and date formats."""

    date: str
    payee: str
    date_format: str = "%Y-%m-%d"
    amount: str = ""  # one signed column ...
    money_in: str = ""  # ... or two unsigned ones
    money_out: str = ""
    notes: str = ""
    reference: str = ""  # the bank's own id of the row, if it has one
    decimal: str = "."
    thousands: str = ""
    flip_sign: bool = False
    encoding: str = "auto"
    delimiter: str = ""  # "" = sniff
    skip_lines: int = 0  # lines before the header (bank name, account, period)

    def to_item(self) -> dict[str, Any]:
        """Return the mapping as plain values (stored under ``BANKMAP#<name>``)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Mapping:
        """Rebuild a mapping from its stored values (unknown keys ignored)."""
        values = {k: item[k] for k in cls.__dataclass_fields__ if k in item}
        if "skip_lines" in values:
            values["skip_lines"] = int(values["skip_lines"])
        return cls(**values)

    def problems(self) -> dict[str, str]:
        """Return what is wrong with the mapping itself, by field."""
        out: dict[str, str] = {}
        if bool(self.amount) == bool(self.money_in or self.money_out):
            out["amount"] = "Name one signed amount column, or money_in and/or money_out."
        if self.decimal not in DECIMALS:
            out["decimal"] = "Must be '.' or ','."
        if self.thousands not in THOUSANDS or self.thousands == self.decimal:
            out["thousands"] = "Must be '', ',', '.', ' ' or \"'\", and not the decimal mark."
        if self.encoding not in ENCODINGS:
            out["encoding"] = f"Must be one of {', '.join(ENCODINGS)}."
        if self.delimiter and self.delimiter not in DELIMITERS:
            out["delimiter"] = "Must be ',', ';', a tab or '|' (or empty to detect it)."
        if not 0 <= self.skip_lines <= 50:
            out["skip_lines"] = "Must be from 0 to 50."
        try:
            datetime(2024, 12, 31).strftime(self.date_format)
            if "%d" not in self.date_format and "%j" not in self.date_format:
                raise ValueError
        except ValueError:
            out["date_format"] = "Must be a strftime format with a day, e.g. %d.%m.%Y."
        return out


@dataclass
class BankRow:
    """One statement line: what the bank said, read exactly."""

    line: int
    date: date
    amount: Decimal
    raw_payee: str
    payee: str
    notes: str = ""
    import_id: str = ""


@dataclass
class Parsed:
    """The rows read and the problems met, by line number."""

    rows: list[BankRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


def decode(data: bytes, encoding: str = "auto") -> str:
    """Return the text of a file: UTF-8 (BOM or not) when ``auto`` can, else Latin-1."""
    if encoding == "auto":
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")  # Latin-1 plus the euro sign
    text = data.decode(encoding, errors="replace")
    return text.removeprefix("\ufeff")


def sniff_delimiter(sample: str) -> str:
    """Return the delimiter of a CSV sample (``,`` when the sniffer cannot tell)."""
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        counts = {d: sample.splitlines()[0].count(d) if sample else 0 for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def parse_amount(text: str, decimal_mark: str, thousands: str, places: int = 2) -> Decimal:
    """Read ``1.234,50`` / ``(12.30)`` / ``12,30-`` / ``€ -5`` exactly; ValueError if not money."""
    value = _CURRENCY_NOISE.sub("", text).strip().replace("\u00a0", " ").replace("\u202f", " ")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1].strip()
    if value.endswith("-"):
        negative, value = True, value[:-1].strip()
    if value.startswith(("-", "+")):
        negative, value = value[0] == "-", value[1:].strip()
    if thousands:
        value = value.replace(thousands, "")
    value = value.replace(" ", "")
    if decimal_mark == ",":
        if "." in value:
            raise ValueError(f"'{text}' has a '.' but the mapping says decimal comma")
        value = value.replace(",", ".")
    elif "," in value:
        raise ValueError(f"'{text}' has a ',' the mapping does not expect")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", value):
        raise ValueError(f"'{text}' is not an amount")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules it out
        raise ValueError(f"'{text}' is not an amount") from exc
    if -amount.as_tuple().exponent > places and amount != amount.quantize(
        Decimal(1).scaleb(-places)
    ):
        raise ValueError(f"'{text}' has more than {places} decimal places")
    amount = amount.quantize(Decimal(1).scaleb(-places))
    return -amount if negative else amount


def clean_payee(raw: str) -> str:
    """Return a readable payee from the bank's text (card prefixes and trailing refs gone)."""
    text = _SPACES.sub(" ", raw).strip()
    cleaned = _TRAILING_REFS.sub("", _CARD_NOISE.sub("", text)).strip(" *-/,")
    cleaned = cleaned or text
    if cleaned.isupper():
        cleaned = " ".join(
            w if len(w) <= 3 and not w.isalpha() else w.title() for w in cleaned.split()
        )
    return cleaned[:200]


def import_id(day: date, amount: Decimal, raw: str, occurrence: int) -> str:
    """Hash a row without a bank reference: same file, same ids; twins stay apart."""
    text = _SPACES.sub(" ", raw).strip().lower()
    digest = hashlib.sha256(f"{day.isoformat()}|{amount}|{text}|{occurrence}".encode())
    return "csv:" + digest.hexdigest()[:24]


def _column(header: list[str], name: str, key: str, missing: dict[str, str]) -> int | None:
    if not name:
        return None
    wanted = name.strip().lower()
    for index, title in enumerate(header):
        if title.strip().lower() == wanted:
            return index
    missing[key] = f"No column '{name}' in the header ({', '.join(h for h in header if h)})."
    return None


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def parse(data: bytes, mapping: Mapping, places: int = 2) -> Parsed:
    """Read every row of a CSV file through ``mapping``; raise MappingError if it does not fit."""
    text = decode(data, mapping.encoding)
    lines = text.splitlines()[mapping.skip_lines :]
    body = "\n".join(lines)
    delimiter = mapping.delimiter or sniff_delimiter("\n".join(lines[:20]))
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise MappingError({"file": "The file has no header line."})
    missing: dict[str, str] = {}
    cols = {
        key: _column(header, getattr(mapping, key), key, missing)
        for key in ("date", "payee", "amount", "money_in", "money_out", "notes", "reference")
    }
    if missing:
        raise MappingError(missing)
    parsed, seen = Parsed(), {}
    for number, row in enumerate(reader, start=mapping.skip_lines + 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(parsed.rows) >= MAX_ROWS:
            parsed.problems.append({"line": number, "message": f"Only {MAX_ROWS} rows are read."})
            break
        try:
            parsed.rows.append(_row(row, number, cols, mapping, places, seen))
        except ValueError as exc:
            parsed.problems.append({"line": number, "message": str(exc)})
    return parsed


def _row(
    row: list[str], number: int, cols: dict[str, int | None], m: Mapping, places: int, seen: dict
) -> BankRow:
    raw_date = _cell(row, cols["date"])
    try:
        day = datetime.strptime(raw_date, m.date_format).date()
    except ValueError:
        raise ValueError(f"date '{raw_date}' does not match {m.date_format}") from None
    if cols["amount"] is not None:
        amount = parse_amount(_cell(row, cols["amount"]), m.decimal, m.thousands, places)
    else:
        cash_in, cash_out = _cell(row, cols["money_in"]), _cell(row, cols["money_out"])
        if not cash_in and not cash_out:
            raise ValueError("neither money in nor money out is given")
        amount = Decimal(0).quantize(Decimal(1).scaleb(-places))
        if cash_in:
            amount += abs(parse_amount(cash_in, m.decimal, m.thousands, places))
        if cash_out:
            amount -= abs(parse_amount(cash_out, m.decimal, m.thousands, places))
    if m.flip_sign:
        amount = -amount
    raw = _SPACES.sub(" ", _cell(row, cols["payee"])).strip()[:500]
    notes = _SPACES.sub(" ", _cell(row, cols["notes"])).strip()[:1000]
    if not raw and not notes:
        raise ValueError("the payee column is empty")
    reference = _cell(row, cols["reference"])
    if reference:
        row_id = "ref:" + reference[:100]
    else:
        key = (day, amount, f"{raw}|{notes}".lower())
        seen[key] = seen.get(key, -1) + 1
        row_id = import_id(day, amount, f"{raw}|{notes}", seen[key])
    return BankRow(number, day, amount, raw or notes, clean_payee(raw or notes), notes, row_id)
