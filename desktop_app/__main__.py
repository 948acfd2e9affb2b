"""``python -m desktop_app`` is the same as the ``ruko-parsel`` command."""

import sys

from desktop_app.app.cli import main

sys.exit(main())
