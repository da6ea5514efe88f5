"""The data beside the checkout (``../shared``): the five seed documents and the CORDIS table.

CI has them and the tests that read them run there. A user's clone usually
has not: those tests skip and say what they need, everything else runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pontes.settings import REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"
#: The five German documents the seed network is curated from.
SEED_DOCUMENTS = SHARED / "seeds"
#: The CORDIS Horizon 2020 participation table.
CORDIS = Path(os.environ.get("PONTES_CORDIS", SHARED / "data" / "cordis_h2020" / "h2020.csv.gz"))


def need(path: Path, what: str) -> None:
    """Skip the calling test, saying what it needs, when ``path`` is absent."""
    if not path.exists():
        pytest.skip(f"needs {what} at {path} (../shared beside the checkout, as in CI)")
