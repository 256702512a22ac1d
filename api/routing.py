"""Path-id converters: a segment is an id only if the whole of it matches the id's pattern.

Ids are routed by pattern, never by "any segment", so a fixed path beside them
(``/messages/export.csv``) can never be taken for an id: ``PATCH`` on it is a
405 with the right ``Allow``, not "no message with id 'export.csv'". Werkzeug
anchors a converter's pattern to the whole segment, so ``<id>%0A`` does not
match either. Each converter carries an ``example`` for the OpenAPI document
and for the tests that every route joins.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from werkzeug.routing import BaseConverter


def id_converter(name: str, pattern: str, example: str) -> type[BaseConverter]:
    """Return a converter class accepting exactly ``pattern`` in one path segment."""
    return type(
        f"{name.title().replace('_', '')}Converter",
        (BaseConverter,),
        {"regex": pattern, "part_isolating": True, "example": example, "pattern": pattern},
    )


def use_converter(bp: Blueprint, name: str, converter: type[BaseConverter]) -> None:
    """Make ``<name:...>`` available to ``bp``'s routes (register before the routes)."""

    def _register(state: Any) -> None:
        state.app.url_map.converters[name] = converter

    bp.record_once(_register)
