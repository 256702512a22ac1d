"""The two things the build needs from Frozen-Flask beyond its public `freeze()`.

The build freezes a chosen list of URLs in worker processes (only the pages whose
inputs changed), which `Freezer.freeze()` cannot do: it always freezes every URL,
in one process. So one page is frozen with `Freezer._build_one`, private in
Frozen-Flask 1.0. `pyproject.toml` pins the versions this was checked with, and
`check_private_api` (run by the test suite and before every build) fails with a
clear message if an upgrade changed it. The missing-URL-generator check is our own.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from flask_frozen import Freezer

from ..content.problems import BuildError

CHECKED_VERSIONS = ("1.0.",)  # Frozen-Flask releases `_build_one` was checked against
_checked: list[bool] = []


def check_private_api() -> None:
    """Raise BuildError unless Frozen-Flask's `_build_one(url)` is as this module expects."""
    if _checked:
        return
    found = version("frozen-flask")
    build_one = getattr(Freezer, "_build_one", None)
    params = list(inspect.signature(build_one).parameters) if build_one else []
    if not found.startswith(CHECKED_VERSIONS) or params[:2] != ["self", "url"]:
        raise BuildError(
            f"Frozen-Flask {found} is not a version the build was checked with "
            f"({', '.join(v + 'x' for v in CHECKED_VERSIONS)}): its private Freezer._build_one"
            f"{'(' + ', '.join(params) + ')' if build_one else ' is gone'}. Install a checked "
            "version (pip install 'frozen-flask>=1.0.2,<1.1') or update sitegen.commands.freezing."
        )
    _checked.append(True)


def freeze_one(freezer: Freezer, url: str) -> None:
    """Render `url` and write it under the freezer's destination (only if its bytes changed)."""
    freezer._build_one(url)


def check_endpoints(freezer: Freezer, seen: set[str]) -> None:
    """Raise BuildError naming every page endpoint no URL was listed for."""
    check_private_api()
    missing = sorted(
        {
            rule.endpoint
            for rule in freezer.app.url_map.iter_rules()
            if rule.methods and "GET" in rule.methods
        }
        - seen
    )
    if missing:
        raise BuildError(
            f"Nothing frozen for endpoints {', '.join(missing)}. Did you forget a URL generator?"
        )
