"""Token buckets per client address for the endpoints where a guess is possible.

``/enroll`` (one-time codes) and ``/auth/login`` (passwords) are the only unauthenticated
endpoints that check a secret. Each client address gets a bucket of ``capacity`` attempts that
refills at ``capacity`` per ``period``; an empty bucket means ``429`` with ``Retry-After``.
Every attempt counts, right or wrong: a password check costs argon2 time, so the limit also
keeps one client from tying up the server's CPU.

The buckets live in this process's memory. That is enough for the single ``hotroso-server``
process a ward runs; they start full again after a restart (the login delays per username and
address, kept in the database, survive restarts).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

Monotonic = Callable[[], float]

#: Attempts per client address and minute at /enroll and at /auth/login (separate buckets).
AUTH_ATTEMPTS_PER_MINUTE = 10

#: Addresses remembered at most; beyond this the least recently seen bucket is dropped. A
#: dropped bucket was idle longest, so forgetting it gives little away.
MAX_TRACKED = 50_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``take(key)`` answers 0.0 (go ahead) or the seconds until the next attempt is allowed."""

    def __init__(
        self,
        capacity: int,
        period: float,
        *,
        clock: Monotonic = time.monotonic,
        max_tracked: int = MAX_TRACKED,
    ) -> None:
        if capacity < 1 or period <= 0:
            raise ValueError("a rate limit needs capacity >= 1 and a positive period")
        self.capacity = capacity
        self.rate = capacity / period  # tokens per second
        self._clock = clock
        self._max_tracked = max_tracked
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        now = self._clock()
        with self._lock:
            bucket = self._buckets.pop(key, None)
            if bucket is None:
                bucket = _Bucket(float(self.capacity), now)
            else:
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(float(self.capacity), bucket.tokens + elapsed * self.rate)
                bucket.updated = now
            self._buckets[key] = bucket  # most recently seen last
            if len(self._buckets) > self._max_tracked:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    def tracked(self) -> int:
        with self._lock:
            return len(self._buckets)


def retry_after_header(seconds: float) -> str:
    """Whole seconds, rounded up: retrying after a rounded-down wait would be refused again."""
    return str(max(1, math.ceil(seconds)))
