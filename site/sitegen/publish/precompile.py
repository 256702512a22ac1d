"""Add compiled bytecode to a Lambda zip, so a cold start does not compile the API.

`zappa package` ships `.py` files only, and Lambda's `/var/task` is read-only:
each cold start would compile every module it imports, and throw the result
away. Compiled here with ``--invalidation-mode unchecked-hash`` (the `.pyc`
is used without comparing it to the source's time stamp, which a zip does
not keep faithfully), they are simply loaded.

Run with the Python the Lambda runtime has (the deploy venv's), since bytecode
is specific to a Python minor version; a `.pyc` of another version would only
be ignored. Standard library only, so the deploy venv can run it as a script:

    .venv-deploy/bin/python site/sitegen/publish/precompile.py --runtime=python3.11 dist/x.zip

It refuses to run under another Python than ``--runtime`` (zappa's ``runtime``).
"""

from __future__ import annotations

import compileall
import os
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

LAMBDA_ROOT = "/var/task"  # where Lambda unpacks the zip: the paths tracebacks show


def precompile(zip_path: Path) -> int:
    """Add a `.pyc` beside every `.py` in ``zip_path`` (in place); return how many."""
    with tempfile.TemporaryDirectory(prefix="frostfolio-pyc-") as folder:
        root = Path(folder)
        with zipfile.ZipFile(zip_path) as source:
            source.extractall(root)
            entries = [(info, source.read(info)) for info in source.infolist()]
        compiled = compileall.compile_dir(
            root,
            quiet=2,
            ddir=LAMBDA_ROOT,
            workers=0,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        if not compiled:
            raise SystemExit(f"{zip_path}: a module does not compile (see above)")
        kept = {info.filename for info, _ in entries}
        added = sorted(
            path.relative_to(root).as_posix()
            for path in root.rglob("*.pyc")
            if path.relative_to(root).as_posix() not in kept
        )
        partial = zip_path.with_name(zip_path.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in entries:
                out.writestr(info, data)
            for name in added:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16  # readable by Lambda's user
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, (root / name).read_bytes())
        os.replace(partial, zip_path)
    return len(added)


def main(argv: list[str]) -> int:
    """Precompile each zip named on the command line for the runtime it names."""
    if len(argv) < 2 or not argv[0].startswith("--runtime="):
        print(__doc__, file=sys.stderr)
        return 2
    runtime = argv[0].removeprefix("--runtime=")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    if runtime != version:
        print(
            f"precompile: Lambda runs {runtime} but this is {version} ({sys.executable}); "
            f"its bytecode would be ignored. Rebuild the deploy venv with DEPLOY_PYTHON={runtime}.",
            file=sys.stderr,
        )
        return 1
    for name in argv[1:]:
        count = precompile(Path(name))
        print(f"{name}: {count} modules compiled for {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
