"""Editor mode resists guessing: each failed password attempt of a session
makes the next one wait longer, and failures are logged without the value tried.

:class:`Throttle` is plain state kept in a session (``st.session_state``); it
knows nothing of Streamlit, so it is tested on its own.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

__all__ = ["Throttle"]

LOG = logging.getLogger("pontes.editor")

#: The wait after the first failure, in seconds; it doubles with each further one.
FIRST_WAIT = 1.0
#: The longest wait between two attempts, in seconds.
MAX_WAIT = 300.0


@dataclass
class Throttle:
    """Failed attempts of one session and when the next attempt is allowed."""

    failures: int = 0
    not_before: float = 0.0

    def wait(self, now: float | None = None) -> float:
        """Seconds until the next attempt may be checked (0: now)."""
        now = time.monotonic() if now is None else now
        return max(self.not_before - now, 0.0)

    def failed(self, session: str, now: float | None = None) -> float:
        """Record a failed attempt of ``session``; return the wait before the next one.
        The log line names the session and the count, never the value tried."""
        now = time.monotonic() if now is None else now
        self.failures += 1
        delay = min(FIRST_WAIT * 2 ** (self.failures - 1), MAX_WAIT)
        self.not_before = now + delay
        LOG.warning(
            "editor unlock failed: session %s, attempt %d; next attempt in %.0f s", session, self.failures, delay
        )
        return delay

    def succeeded(self) -> None:
        """Forget the failures after a correct password."""
        self.failures = 0
        self.not_before = 0.0
