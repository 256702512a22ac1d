"""`python -m sitegen build|serve|new|check|import`."""

import gc
import logging
import os
import sys

from .cli import main

if sys.argv[1:2] == ["build"]:
    # No cyclic garbage collection in a build's process: each collection walks
    # everything loaded (at 4,000 posts, 50 ms for the one after the build, when
    # little is left to do but exit), for the few cycles a build leaves behind.
    # Its worker processes turn it back on.
    gc.disable()
code = main()
# (Not under a profiler or a coverage tracer: they write their data at exit.)
if sys.argv[1:2] == ["build"] and sys.gettrace() is None and sys.getprofile() is None:
    # A build leaves a whole loaded site in memory: tearing it down object by object
    # at exit takes a quarter of a second at 4,000 posts. Its files are written and
    # its workers gone, so the process ends at once, output flushed.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
