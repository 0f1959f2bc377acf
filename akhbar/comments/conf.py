"""The comment system's knobs, read from Django settings with safe defaults.

COMMENTS_POW_MAX_NUMBER      proof-of-work search space (about half of it is tried on average)
COMMENTS_CHALLENGE_MAX_AGE   seconds a security check stays valid
COMMENTS_IP_SALT_DAYS        how often the address-hashing salt changes
COMMENTS_RATE_LIMITS         {scope: (count, seconds)}, each scope read from the environment as
                             COMMENTS_RATE_<SCOPE>="count/seconds" (akhbar/settings/base.py, parsed by akhbar/settings/env.py):
  ip             every post from one address, counted before the security check (right or wrong)
  email          comments accepted from one email address
  question_ip    posts from one address that answer the question instead of the proof of work (the
                 no-JavaScript path), counted before the check, on top of ``ip``
  question_site  comments accepted on one site through the question (all held for moderators): keeps
                 a machine that answers the question from filling the moderators' queue
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


RATE_LIMITS = {"ip": (6, 600), "email": (4, 600), "question_ip": (3, 3600), "question_site": (60, 3600)}


def rate_limits() -> dict[str, tuple[int, int]]:
    return {**RATE_LIMITS, **getattr(settings, "COMMENTS_RATE_LIMITS", {})}


def max_links() -> int:
    return int(getattr(settings, "COMMENTS_MAX_LINKS", 2))


def duplicate_seconds() -> int:
    return int(getattr(settings, "COMMENTS_DUPLICATE_SECONDS", 24 * 60 * 60))
