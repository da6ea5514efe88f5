"""``python -m pontes``: the same command line as ``pontes``, for environments without the script on PATH."""

import sys

from pontes.cli import main

sys.exit(main())
