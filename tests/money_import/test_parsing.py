"""Bank files read exactly: three common CSV layouts and an OFX/QFX statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.money import csvbank, ofx

FIXTURES = Path(__file__).parent / "fixtures"

GERMAN = csvbank.Mapping(
    date="Buchungstag",
    payee="Auftraggeber/Empfänger",
    notes="Verwendungszweck",
    amount="Betrag (EUR)",
    date_format="%d.%m.%Y",
    decimal=",",
    thousands=".",
    skip_lines=3,
)
UK = csvbank.Mapping(
    date="Date",
    payee="Description",
    money_in="Paid in",
    money_out="Paid out",
    date_format="%d/%m/%Y",
    thousands=",",
)
US = csvbank.Mapping(
    date="Transaction Date",
    payee="Description",
    notes="Memo",
    amount="Amount",
    date_format="%m/%d/%Y",
    thousands=",",
)


def read(name: str, mapping: csvbank.Mapping) -> csvbank.Parsed:
    return csvbank.parse((FIXTURES / name).read_bytes(), mapping)


def test_german_bank_with_decimal_comma_semicolons_and_latin1() -> None:
    parsed = read("de_bank.csv", GERMAN)
    assert parsed.problems == []
    assert [r.amount for r in parsed.rows] == [
        Decimal("-45.67"),
        Decimal("-1234.50"),
        Decimal("3250.00"),
        Decimal("-3.20"),
        Decimal("-3.20"),
    ]
    assert parsed.rows[1].raw_payee == "Stadtwerke München"  # Latin-1 read as such
    assert parsed.rows[0].date == date(2026, 11, 3)
    assert parsed.rows[0].notes == "Kartenzahlung 02.11"
    # Two identical rolls on one day are two rows with two ids.
    assert parsed.rows[3].import_id != parsed.rows[4].import_id
    assert parsed.rows[0].line == 5


def test_uk_bank_with_paid_in_and_paid_out_columns() -> None:
    parsed = read("uk_bank.csv", UK)
    assert parsed.problems == []
    amounts = [r.amount for r in parsed.rows]
    assert amounts == [Decimal("-23.45"), Decimal("2400.00"), Decimal("-1100.00"), Decimal("12.99")]
    assert parsed.rows[0].raw_payee == "TESCO STORES 3217"
    assert parsed.rows[0].payee == "Tesco Stores"


def test_us_bank_with_one_signed_amount_and_a_bom() -> None:
    parsed = read("us_bank.csv", US)
    assert parsed.problems == []
    amounts = [r.amount for r in parsed.rows]
    assert amounts == [Decimal("-5.75"), Decimal("-1299.99"), Decimal("4100.00"), Decimal("-60.10")]
    assert parsed.rows[1].raw_payee == "AMAZON.COM*2K3L4M5N6, SEATTLE WA"
    assert parsed.rows[2].notes == "Direct deposit"
    assert parsed.rows[0].date == date(2026, 11, 2)


def test_same_file_same_ids_and_flip_sign() -> None:
    first, second = read("us_bank.csv", US), read("us_bank.csv", US)
    assert [r.import_id for r in first.rows] == [r.import_id for r in second.rows]
    flipped = csvbank.parse(
        (FIXTURES / "us_bank.csv").read_bytes(),
        csvbank.Mapping(**{**US.to_item(), "flip_sign": True}),
    )
    assert [r.amount for r in flipped.rows] == [-r.amount for r in first.rows]


def test_delimiter_is_detected() -> None:
    assert csvbank.sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert csvbank.sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert csvbank.sniff_delimiter('a,b\n"x, y",2\n') == ","


def test_a_bad_cell_is_a_problem_on_its_line_not_a_guess() -> None:
    data = (
        b"Date,Description,Amount\n2026-11-01,Shop,12.345\n2026-11-02,Shop,abc\n"
        b"2026-13-01,Shop,1\n2026-11-03,Shop,1.50\n"
    )
    parsed = csvbank.parse(data, csvbank.Mapping(date="Date", payee="Description", amount="Amount"))
    assert [p["line"] for p in parsed.problems] == [2, 3, 4]
    assert [r.amount for r in parsed.rows] == [Decimal("1.50")]


def test_a_missing_column_names_the_columns_there_are() -> None:
    with pytest.raises(csvbank.MappingError) as caught:
        csvbank.parse(
            b"Date,Text,Amount\n", csvbank.Mapping(date="Date", payee="Payee", amount="Amount")
        )
    assert "Text" in caught.value.fields["payee"]


@pytest.mark.parametrize(
    ("text", "dec", "thou", "want"),
    [
        ("1.234,50", ",", ".", "1234.50"),
        ("-1 234,5", ",", " ", "-1234.50"),
        ("(12.30)", ".", ",", "-12.30"),
        ("12,30-", ",", "", "-12.30"),
        ("€ 5", ".", "", "5.00"),
        ("+1'000.05", ".", "'", "1000.05"),
    ],
)
def test_amount_forms(text: str, dec: str, thou: str, want: str) -> None:
    assert csvbank.parse_amount(text, dec, thou) == Decimal(want)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_amount_written_with_a_decimal_comma_reads_back_exactly(value: Decimal) -> None:
    whole, _, cents = f"{abs(value):,.2f}".partition(".")
    text = ("-" if value < 0 else "") + whole.replace(",", ".") + "," + cents
    assert csvbank.parse_amount(text, ",", ".") == value


def test_ofx_statement() -> None:
    (statement,) = ofx.parse((FIXTURES / "bank.qfx").read_bytes())
    assert statement.currency == "USD"
    assert statement.account == "000123456789"
    rows = statement.rows
    assert [r.amount for r in rows] == [
        Decimal("-42.17"),
        Decimal("3250.00"),
        Decimal("-1450.00"),
        Decimal("-4.50"),
    ]
    assert rows[0].import_id == "ofx:000123456789:2026110301"
    assert rows[0].raw_payee == "WHOLE FOODS MKT #10234"
    assert rows[0].notes == "DEBIT CARD PURCHASE"
    assert rows[0].date == date(2026, 11, 3)


def test_ofx_keeps_the_banks_date_across_time_zones() -> None:
    data = (FIXTURES / "bank.qfx").read_bytes().replace(b"20261103120000[-5", b"20261103235900[-5")
    assert ofx.parse(data)[0].rows[0].date == date(2026, 11, 3)


def test_not_ofx_is_refused() -> None:
    assert not ofx.looks_like_ofx(b"Date,Amount\n")
    assert ofx.looks_like_ofx((FIXTURES / "bank.qfx").read_bytes())
    with pytest.raises(ofx.OfxError):
        ofx.parse(b"OFXHEADER:100\r\n\r\n<OFX><garbage>")
