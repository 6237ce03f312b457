"""``python -m intimacy_screen``: the command line."""

import sys

from .cli import main

sys.exit(main())
