"""Settings from the environment, and the declared-field validator on its own."""

from __future__ import annotations

import pytest

from api.errors import BadRequest, InvalidFields
from api.settings import load_settings
from api.validation import Field, object_schema, validate


def test_settings_come_from_prefixed_variables_with_defaults():
    settings = load_settings(
        environ={
            "FROSTFOLIO_TABLE_NAME": "site-prod",
            "FROSTFOLIO_ALLOWED_ORIGINS": "https://a.example/, https://b.example",
            "FROSTFOLIO_CONTACT_RATE_LIMIT": "9",
            "FROSTFOLIO_TOKEN_MIN_AGE": "1.5",
            "TABLE_NAME": "ignored: no prefix",
        }
    )
    assert settings.table_name == "site-prod"
    assert settings.allowed_origins == ("https://a.example", "https://b.example")
    assert settings.contact_rate_limit == 9 and settings.token_min_age == 1.5
    assert settings.max_body_bytes == 64 * 1024 and settings.dynamodb_endpoint == ""
    assert not settings.notifications_enabled


def test_a_bad_number_names_the_variable():
    with pytest.raises(ValueError, match="FROSTFOLIO_CONTACT_RATE_LIMIT='five'"):
        load_settings(environ={"FROSTFOLIO_CONTACT_RATE_LIMIT": "five"})


SCHEMA = {
    "name": Field(max_length=5, single_line=True),
    "email": Field(format="email", required=False),
    "flag": Field(type=bool, required=False),
}


def test_validate_cleans_and_fills_optional_text():
    assert validate({"name": "  Ada "}, SCHEMA) == {"name": "Ada", "email": ""}


def test_validate_reports_every_problem_at_once():
    with pytest.raises(InvalidFields) as info:
        validate({"name": "x\ny", "email": "a@b", "flag": "yes", "extra": 1}, SCHEMA)
    assert info.value.fields == {
        "extra": "Unknown field.",
        "name": "Must be on one line.",
        "email": "Must be an email address like name@example.com.",
        "flag": "Must be true or false.",
    }


@pytest.mark.parametrize("body", [[], "text", 1, None])
def test_validate_wants_an_object(body):
    with pytest.raises(BadRequest):
        validate(body, SCHEMA)


def test_declarations_become_json_schema():
    assert object_schema(SCHEMA) == {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 5, "pattern": r"^[^\r\n]*$"},
            "email": {"type": "string", "format": "email"},
            "flag": {"type": "boolean"},
        },
        "required": ["name"],
        "additionalProperties": False,
    }
