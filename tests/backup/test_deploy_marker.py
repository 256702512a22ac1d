"""make deploy's last step records the deploy for the health page; a dry run only says so."""

from __future__ import annotations

import argparse
import re

import pytest
from sitegen.publish import marker

from .conftest import OWNER, services_of

pytestmark = pytest.mark.dynamodb_local


def deploy_args(dry_run: bool) -> argparse.Namespace:
    return argparse.Namespace(stage="prod", dry_run=dry_run)


@pytest.fixture
def config(local_app, monkeypatch):
    """The stage's zappa settings naming the app's table, reached on DynamoDB Local."""
    table = services_of(local_app).table
    monkeypatch.setenv("FROSTFOLIO_DYNAMODB_ENDPOINT", table._settings.dynamodb_endpoint)
    return {
        "aws_region": "us-east-1",
        "aws_environment_variables": {"FROSTFOLIO_TABLE_NAME": table.name},
    }


def deploy_shown(app) -> dict | None:
    return app.test_client().get("/owner/health", headers=OWNER).get_json()["deploy"]


def test_a_deploy_is_recorded_with_its_commit(local_app, config, capsys):
    assert marker.record(deploy_args(False), config, api=True) is True
    assert "recorded in table" in capsys.readouterr().out
    shown = deploy_shown(local_app)
    assert shown["stage"] == "prod" and shown["api"] is True
    assert shown["commit"] == marker.git_commit() and re.fullmatch("[0-9a-f]{7,}", shown["commit"])


def test_a_dry_run_records_nothing(local_app, config, capsys):
    assert marker.record(deploy_args(True), config, api=True) is False
    assert "would record this deploy" in capsys.readouterr().out
    assert deploy_shown(local_app) is None


def test_a_marker_that_cannot_be_written_does_not_fail_the_deploy(config, capsys):
    config["aws_environment_variables"]["FROSTFOLIO_TABLE_NAME"] = "no-such-table"
    assert marker.record(deploy_args(False), config, api=False) is False
    assert "warning: this deploy was not recorded" in capsys.readouterr().out
