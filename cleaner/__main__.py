"""`python -m cleaner`: the `cleaner` command."""

import sys

from .cli.main import main

sys.exit(main())
