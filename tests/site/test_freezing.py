"""The build relies on one private method of Frozen-Flask; an upgrade changing it fails clearly."""

from __future__ import annotations

import pytest
from flask_frozen import Freezer
from sitegen.commands import freezing
from sitegen.content.problems import BuildError


@pytest.fixture(autouse=True)
def fresh_check(monkeypatch):
    monkeypatch.setattr(freezing, "_checked", [])


def test_the_installed_frozen_flask_is_one_the_build_was_checked_with():
    freezing.check_private_api()  # raises BuildError otherwise


def test_a_changed_private_method_stops_the_build_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(Freezer, "_build_one", lambda self, path, mode: None)
    with pytest.raises(BuildError, match=r"private Freezer._build_one\(self, path, mode\)"):
        freezing.check_private_api()


def test_a_removed_private_method_or_other_version_is_named(monkeypatch):
    monkeypatch.delattr(Freezer, "_build_one")
    with pytest.raises(BuildError, match="_build_one is gone"):
        freezing.check_private_api()
    monkeypatch.undo()
    monkeypatch.setattr(freezing, "_checked", [])
    monkeypatch.setattr(freezing, "version", lambda name: "2.0.0")
    with pytest.raises(BuildError, match=r"Frozen-Flask 2.0.0 is not a version .*\(1\.0\.x\)"):
        freezing.check_private_api()
