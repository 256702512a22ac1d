"""Money as ``Decimal`` with exactly the currency's minor units; never a float.

Amounts travel in JSON as strings (``"-12.30"``). A JSON number for a money
field is refused, even one ``api.body`` read as ``Decimal``: ``0.1`` typed into
a client's float arithmetic is already wrong before it is sent. Each currency
has its ISO 4217 minor units (JPY 0, EUR 2, KWD 3); an amount with more
decimals than that is refused, not rounded.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

# ISO 4217 currencies whose minor units are not 2.
_ZERO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND"
_EXPONENTS = {
    **dict.fromkeys(_ZERO_DECIMALS.split(), 0),
    **dict.fromkeys(_THREE_DECIMALS.split(), 3),
    **dict.fromkeys(["CLF", "UYW"], 4),
}
# Active ISO 4217 codes (2024 list); an unknown code is refused.
CURRENCIES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL
    BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP
    DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
    MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
    STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
    VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG""".split()  # noqa: SIM905
)
MAX_DIGITS = 15  # whole-number digits: a trillion and more, far below DynamoDB's 38
_AMOUNT = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,4})?")
_RATE = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,12})?")
ZERO = Decimal(0)


class AmountError(ValueError):
    """An amount that is not exact money in its currency; the text says why."""


def exponent(currency: str) -> int:
    """Return the number of decimals of ``currency`` (ISO 4217 minor units)."""
    return _EXPONENTS.get(currency, 2)


def quantum(currency: str) -> Decimal:
    """Return the smallest unit of ``currency`` as a Decimal (``0.01`` for EUR)."""
    return Decimal(1).scaleb(-exponent(currency))


def is_currency(code: object) -> bool:
    """Tell whether ``code`` is an active ISO 4217 code."""
    return isinstance(code, str) and code in CURRENCIES


def parse(value: object, currency: str | None, *, allow_zero: bool = True) -> Decimal:
    """Read an amount given as a string into a Decimal of ``currency``'s minor units.

    Raise AmountError for a number (JSON numbers are refused for money), a
    malformed string, or more decimals than the currency has. With no
    ``currency`` (it is missing or wrong in the request) only the form is
    checked, so a wrong amount is still named beside the currency.
    """
    if isinstance(value, bool) or not isinstance(value, str):
        raise AmountError('Send the amount as a string, e.g. "12.30" (numbers are refused).')
    text = value.strip()
    if not _AMOUNT.fullmatch(text):
        raise AmountError('Must look like "-12.30": digits, an optional "-" and ".".')
    if currency is None:
        return Decimal(text)
    places = len(text.partition(".")[2])
    if places > exponent(currency):
        raise AmountError(f"{currency} has {exponent(currency)} decimals; this has {places}.")
    amount = Decimal(text).quantize(quantum(currency))
    if not allow_zero and amount == ZERO:
        raise AmountError("Must not be zero.")
    return amount


def parse_rate(value: object) -> Decimal:
    """Read an exchange rate (a positive decimal string, up to 12 decimals)."""
    if isinstance(value, bool) or not isinstance(value, str) or not _RATE.fullmatch(value.strip()):
        raise AmountError('Send the rate as a string, e.g. "1.0850".')
    rate = Decimal(value.strip())
    if rate <= ZERO:
        raise AmountError("Must be more than zero.")
    return rate


def exact(value: object, currency: str) -> Decimal:
    """Return a stored number (Decimal or int) as a Decimal of ``currency``'s minor units."""
    return Decimal(value or 0).quantize(quantum(currency))  # type: ignore[arg-type]


def text(value: object, currency: str) -> str:
    """Format a stored amount for JSON and CSV: ``"-12.30"``, ``"1500"`` for JPY."""
    amount = exact(value, currency)
    return format(amount if amount != ZERO else abs(amount), "f")


def convert(amount: Decimal, rate: Decimal, currency: str) -> Decimal:
    """Convert with ``rate`` into ``currency``, rounded half to even to its minor units."""
    return (amount * rate).quantize(quantum(currency), rounding=ROUND_HALF_EVEN)
