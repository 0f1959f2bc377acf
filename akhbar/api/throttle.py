"""Per-client rate limit for the content API, counted in the shared "state" cache.

A fixed window per client address: at most CONTENT_API_RATE_LIMIT requests every
CONTENT_API_RATE_WINDOW seconds. If the state cache is unreachable the API answers without a
limit (degraded, logged) rather than failing.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import BaseThrottle

from akhbar.api.client import client_ip

logger = logging.getLogger(__name__)


def rate() -> tuple[int, int]:
    return (
        int(getattr(settings, "CONTENT_API_RATE_LIMIT", 120)),
        int(getattr(settings, "CONTENT_API_RATE_WINDOW", 60)),
    )


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        limit, window = rate()
        if limit <= 0:
            return True
        now = time.time()
        who = hashlib.sha256(client_ip(request._request).encode()).hexdigest()[:24]
        key = f"akhbar:api-rate:{who}:{int(now // window)}"
        cache = caches["state"]
        try:
            if cache.add(key, 1, window + 5):
                count = 1
            else:
                try:
                    count = cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, window + 5)
                    count = 1
        except Exception:
            logger.warning("content API rate limit skipped: the state cache is unavailable", exc_info=True)
            return True
        self._wait = window - (now % window)
        return count <= limit

    def wait(self) -> float:
        return math.ceil(getattr(self, "_wait", 1))
