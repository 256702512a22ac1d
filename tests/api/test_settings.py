"""Settings from the environment."""

from __future__ import annotations

import pytest

from api.settings import load_settings


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
