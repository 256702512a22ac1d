"""The declared-field validator on its own: text rules, integer ranges, emails, queries."""

from __future__ import annotations

import re

import pytest
from werkzeug.datastructures import MultiDict

from api.errors import BadRequest, InvalidFields
from api.validation import Field, object_schema, validate, validate_query

SCHEMA = {
    "name": Field(max_length=5, single_line=True),
    "email": Field(format="email", required=False, single_line=True),
    "flag": Field(type=bool, required=False),
}
TEXT = {
    "title": Field(single_line=True),
    "body": Field(),
}
PAGE = {"limit": Field(type=int, required=False, minimum=1, maximum=100, default=20)}


def problems(data, fields) -> dict[str, str]:
    with pytest.raises(InvalidFields) as info:
        validate(data, fields)
    return info.value.fields


def test_validate_cleans_and_fills_optional_text():
    assert validate({"name": "  Ada "}, SCHEMA) == {"name": "Ada", "email": ""}


def test_validate_reports_every_problem_at_once():
    assert problems({"name": "x\ny", "email": "a@b", "flag": "yes", "extra": 1}, SCHEMA) == {
        "extra": "Unknown field.",
        "name": "Must be on one line.",
        "email": "Must be an email address like name@example.com.",
        "flag": "Must be true or false.",
    }


@pytest.mark.parametrize("body", [[], "text", 1, None])
def test_validate_wants_an_object(body):
    with pytest.raises(BadRequest):
        validate(body, SCHEMA)


@pytest.mark.parametrize(
    "char", ["\x00", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\x9b"], ids=repr
)
@pytest.mark.parametrize("field", ["title", "body"])
def test_control_characters_are_refused_in_every_text_field(field, char):
    data = {"title": "ok", "body": "ok", field: f"Bob{char}"}
    assert list(problems(data, TEXT)) == [field]


@pytest.mark.parametrize(
    "char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c"], ids=repr
)
def test_text_direction_controls_are_refused_on_one_line_only(char):
    spoof = f"Bob {char}gnp.exe"
    fields = problems({"title": spoof, "body": spoof}, TEXT)
    assert fields == {"title": "Must not contain characters that change the text direction."}


def test_multi_line_text_keeps_line_breaks_tabs_and_any_script():
    text = "Line one\r\nLine two\n\tindented: שלום, مرحبا, 雪"
    assert validate({"title": "Hi", "body": text}, TEXT)["body"] == text.strip()


@pytest.mark.parametrize("char", ["\t", "\u2028", "\u2029"], ids=repr)
def test_one_line_text_refuses_tabs_and_separators(char):
    assert "title" in problems({"title": f"a{char}b", "body": "x"}, TEXT)


def test_lone_surrogates_are_refused():
    assert problems({"title": "x\udfff", "body": "ok"}, TEXT) == {
        "title": "Must be valid Unicode text (it holds a lone surrogate)."
    }


@pytest.mark.parametrize(
    "address",
    [
        "a,victim@example.com",
        "x<victim@example.com",
        '"x"victim@example.com',
        "a;victim@example.com",
        "a victim@example.com",
        "ada@localhost",
        "ada@[127.0.0.1]",
        "Ada <ada@example.org>",
    ],
)
def test_addresses_that_could_bend_a_header_are_refused(address):
    assert problems({"name": "Ada", "email": address}, SCHEMA) == {
        "email": "Must be an email address like name@example.com."
    }


def test_addresses_are_normalised_by_the_library():
    assert validate({"name": "Ada", "email": "ada@Example.ORG"}, SCHEMA)["email"] == (
        "ada@example.org"
    )
    assert validate({"name": "Ada", "email": "ada@bücher.de"}, SCHEMA)["email"] == "ada@bücher.de"


@pytest.mark.parametrize("value", [0, 101, -5, True, "5", 5.5, 1e300, None])
def test_integers_are_whole_numbers_in_range(value):
    if value is None:
        assert validate({}, PAGE) == {"limit": 20}
        return
    assert problems({"limit": value}, PAGE) == {"limit": "Must be a whole number from 1 to 100."}


def test_a_json_number_with_no_fraction_is_an_integer_as_in_json_schema():
    # The OpenAPI document says "integer", which JSON Schema holds 5.0 to be.
    from decimal import Decimal

    for five in (5.0, Decimal("5.0"), Decimal("5E0")):  # the body reads 5.0 as a Decimal
        assert validate({"limit": five}, PAGE) == {"limit": 5}
        assert type(validate({"limit": five}, PAGE)["limit"]) is int
    assert problems({"limit": Decimal("5.5")}, PAGE) == {
        "limit": "Must be a whole number from 1 to 100."
    }


@pytest.mark.parametrize(
    "raw", ["²", "¹", "⁵", "①", "５", "٥", "𝟓", "-1", "+5", " 5", "5.0", "1e1", "0", "101", ""]
)
def test_query_integers_are_ascii_digits_in_range(raw):
    with pytest.raises(InvalidFields) as info:
        validate_query(MultiDict({"limit": raw}), PAGE)
    assert info.value.fields == {"limit": "Must be a whole number from 1 to 100."}


@pytest.mark.parametrize("raw,value", [("7", 7), ("0007", 7), ("0" * 5000 + "9", 9), ("100", 100)])
def test_query_integers_read_leading_zeros(raw, value):
    assert validate_query(MultiDict({"limit": raw}), PAGE) == {"limit": value}


def test_a_huge_query_number_is_out_of_range_not_a_crash():
    with pytest.raises(InvalidFields):
        validate_query(MultiDict({"limit": "9" * 5000}), PAGE)


def test_a_repeated_query_parameter_is_refused():
    with pytest.raises(InvalidFields) as info:
        validate_query(MultiDict([("limit", "5"), ("limit", "50")]), PAGE)
    assert info.value.fields == {"limit": "Give this parameter once."}


def test_declarations_become_json_schema():
    schema = object_schema({**SCHEMA, **PAGE})
    assert schema["required"] == ["name"] and schema["additionalProperties"] is False
    props = schema["properties"]
    assert props["limit"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
    assert props["flag"] == {"type": "boolean"}
    assert props["name"]["minLength"] == 1 and props["name"]["maxLength"] == 5
    assert props["email"]["format"] == "email"


@pytest.mark.parametrize(
    "value,one_line_ok,multi_line_ok",
    [
        ("Ada", True, True),
        ("a\nb", False, True),
        ("a\tb", False, True),
        ("a\x1bb", False, False),
        ("Bob \u202egnp.exe", False, True),
    ],
)
def test_documented_patterns_say_what_the_validator_does(value, one_line_ok, multi_line_ok):
    props = object_schema(TEXT)["properties"]
    assert bool(re.search(props["title"]["pattern"], value)) is one_line_ok
    assert bool(re.search(props["body"]["pattern"], value)) is multi_line_ok
    fields = problems({"title": value, "body": value, "x": 1}, TEXT)
    assert ("title" not in fields) is one_line_ok
    assert ("body" not in fields) is multi_line_ok
