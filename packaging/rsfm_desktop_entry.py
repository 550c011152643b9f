"""PyInstaller entry script: the bundled executable runs the same ``main`` as ``python -m rsfm_desktop``."""

import sys

from rsfm_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
