"""Entry point of the frozen application (PyInstaller): same as the ``ruko-parsel`` command."""

import sys

from desktop_app.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
