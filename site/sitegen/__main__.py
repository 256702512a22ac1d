"""`python -m sitegen build|serve|new|check`."""

import sys

from .cli import main

sys.exit(main())
