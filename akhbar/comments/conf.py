"""The comment system's knobs, read from Django settings with safe defaults.

COMMENTS_POW_MAX_NUMBER      proof-of-work search space (about half of it is tried on average)
COMMENTS_CHALLENGE_MAX_AGE   seconds a security check stays valid
COMMENTS_IP_SALT_DAYS        how often the address-hashing salt changes
COMMENTS_RATE_LIMITS         {"ip": (count, seconds), "email": (count, seconds)}
COMMENTS_MAX_LINKS           web addresses allowed in one comment
COMMENTS_DUPLICATE_SECONDS   how long the same text by the same email on one article is a duplicate

The commenter's address (rate limits, bans) is read behind proxies as the whole project reads it:
TRUSTED_PROXIES / TRUSTED_PROXY_COUNT / FORWARDED_HEADER, in akhbar.network.client_ip.
"""

from __future__ import annotations

from django.conf import settings

NAME_MAX = 80
TITLE_MAX = 120
EMAIL_MAX = 254
# A body is limited in graphemes by the site; code points are capped too (marks can stack without end).
CODEPOINTS_PER_GRAPHEME = 4


def secret() -> bytes:
    return settings.SECRET_KEY.encode("utf-8")


def pow_max_number() -> int:
    return int(getattr(settings, "COMMENTS_POW_MAX_NUMBER", 200_000))


def challenge_max_age() -> int:
    return int(getattr(settings, "COMMENTS_CHALLENGE_MAX_AGE", 2 * 60 * 60))


def ip_salt_seconds() -> int:
    return int(float(getattr(settings, "COMMENTS_IP_SALT_DAYS", 7)) * 86400)


def rate_limits() -> dict[str, tuple[int, int]]:
    return {"ip": (6, 600), "email": (4, 600), **getattr(settings, "COMMENTS_RATE_LIMITS", {})}


def max_links() -> int:
    return int(getattr(settings, "COMMENTS_MAX_LINKS", 2))


def duplicate_seconds() -> int:
    return int(getattr(settings, "COMMENTS_DUPLICATE_SECONDS", 24 * 60 * 60))
