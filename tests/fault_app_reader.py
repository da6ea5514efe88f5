"""One app session in a process of its own, for ``tests/test_fault_readers.py``.

``python -m tests.fault_app_reader STOP_FILE`` runs the explorer with
:class:`~streamlit.testing.v1.AppTest` again and again (one session: the
store stays cached between runs, as in a browser tab that reruns) until a
run that began after ``STOP_FILE`` appeared has finished. The app's
settings come from the environment. Every run prints one JSON line: the
texts of its captions and info boxes (they state how many nodes and ties
the page shows, and of how many when the drawing is capped), the error
messages and the exceptions shown.

(``AppTest`` swaps process-wide state on every run, so concurrent sessions
need processes, not threads.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    stop = Path(argv[0])
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    while True:
        last = stop.exists()
        at.run()
        report = {
            "texts": [c.value for c in at.caption] + [i.value for i in at.info],
            "errors": [e.value for e in at.error],
            "exceptions": [e.value for e in at.exception],
        }
        print(json.dumps(report), flush=True)
        if last:
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
