"""When to try a failed delivery again: exponential backoff with jitter, capped.

The jitter (a random delay between half and all of the exponential step) spreads the retries of
many messages that failed together, so a partner coming back is not flattened by all at once.
"""

from __future__ import annotations

import random
from datetime import timedelta

BASE_SECONDS = 5.0
CAP_SECONDS = 3600.0
MAX_ATTEMPTS = 12  # 5 s doubling to a 1 h cap: about 9 hours before a message is parked dead


def next_delay(
    attempts: int, rng: random.Random | None = None, base: float = BASE_SECONDS
) -> timedelta:
    """The wait after the `attempts`-th failed attempt (1-based)."""
    step = min(CAP_SECONDS, base * 2 ** max(0, attempts - 1))
    factor = (rng or random).uniform(0.5, 1.0)
    return timedelta(seconds=step * factor)


def is_last(attempts: int, max_attempts: int = MAX_ATTEMPTS) -> bool:
    return attempts >= max_attempts
