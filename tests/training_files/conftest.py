"""Fixtures for importing workout files: the API tests' stores and apps, and the files."""

from __future__ import annotations

from pathlib import Path

from api.training.files.archive import Upload, kind_of

from ..api.conftest import (  # noqa: F401  (fixtures used by name)
    OWNER_TOKEN,
    app,
    build_app,
    client,
    dynamodb_local_url,
    local_table,
    make_app,
    moto_url,
    owner,
)

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    """Return the bytes of a fixture file."""
    return (FIXTURES / name).read_bytes()


def upload(name: str, data: bytes | None = None) -> Upload:
    """Return a fixture (or ``data`` under ``name``) as one file to import."""
    data = fixture(name) if data is None else data
    return Upload(name=name, data=data, kind=kind_of(name, data))
