"""``python -m rhetoric.cli``: the same as the ``rhetoric`` command."""

import sys

from . import main

sys.exit(main())
