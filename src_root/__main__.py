"""``python -m rootwork``: the same as the ``rootwork`` command."""

import sys

from rootwork.tui.cli.main import main

sys.exit(main())
