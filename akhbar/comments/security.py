"""The self-hosted security check, address hashing and rate limits.

The check has two ways to pass, carried by one signed token:
- proof of work (ALTCHA-style): the token names a salt and ``challenge = sha256(salt + n)`` for a
  secret ``n`` below ``max_number``; the reader's browser finds ``n`` by trying numbers (comments.js)
  and sends it back. Cheap for one reader, costly for a flood. Required whenever the page's script
  runs: a post that says it comes from the script (``check=pow``, or any number sent) passes on the
  number alone.
- a question in Arabic words (كم يساوي سبعة زائد خمسة؟) for readers without JavaScript; the token holds
  only a keyed hash of the answer, never the answer itself. A machine can read and answer it, so a
  comment that passed only the question is never published automatically (services.submit holds it).
Every token is used once, and every verification uses it up, right or wrong: its id is claimed
atomically in the shared "state" cache before the answer is looked at, so a second guess on the same
token is refused as used (and the comment table holds the id under a unique constraint). Rate-limit
windows live in the same store, shared by every process (Redis, or the database without Redis); when
it cannot be reached, ``verify``, ``claim`` and ``hit_rate_limit`` raise ``StateUnavailable`` and
posting fails closed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext as _

from akhbar.arabic.digits import to_latin

from . import conf

TOKEN_SALT = "akhbar.comments.challenge"
USED_KEY = "comments:used:{}"
STATE = "state"

_NUMBER_WORDS = [
    "صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة",
    "أحد عشر", "اثنا عشر", "ثلاثة عشر", "أربعة عشر", "خمسة عشر", "ستة عشر", "سبعة عشر", "ثمانية عشر",
    "تسعة عشر", "عشرون",
]  # fmt: skip
_ANSWER_WORDS = {word: index for index, word in enumerate(_NUMBER_WORDS)} | {
    "اثنين": 2,
    "اثنا عشر": 12,
    "اثني عشر": 12,
    "عشرين": 20,
}


@dataclass(frozen=True)
class Challenge:
    """A fresh security check: the signed token, the proof-of-work puzzle and the fallback question."""

    token: str
    salt: str
    challenge: str
    max_number: int
    question: str

    def as_dict(self) -> dict:
        return {
            "token": self.token,
            "algorithm": "SHA-256",
            "salt": self.salt,
            "challenge": self.challenge,
            "maxnumber": self.max_number,
            "question": self.question,
        }


def _keyed(*parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(conf.secret(), message, hashlib.sha256).hexdigest()


def _question() -> tuple[str, int]:
    a = secrets.randbelow(9) + 2
    b = secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        return _("كم يساوي %(a)s زائد %(b)s؟") % {"a": _NUMBER_WORDS[a], "b": _NUMBER_WORDS[b]}, a + b
    a, b = max(a, b), min(a, b)
    return _("كم يساوي %(a)s ناقص %(b)s؟") % {"a": _NUMBER_WORDS[a], "b": _NUMBER_WORDS[b]}, a - b


def new_challenge() -> Challenge:
    """Issue a new single-use challenge (both the puzzle and the question)."""
    challenge_id = secrets.token_hex(16)
    salt = secrets.token_hex(12)
    max_number = conf.pow_max_number()
    number = secrets.randbelow(max_number + 1)
    digest = hashlib.sha256(f"{salt}{number}".encode()).hexdigest()
    question, answer = _question()
    payload = {
        "id": challenge_id,
        "salt": salt,
        "c": digest,
        "m": max_number,
        "q": question,
        "a": _keyed(challenge_id, str(answer)),
    }
    token = signing.dumps(payload, salt=TOKEN_SALT, compress=True)
    return Challenge(token=token, salt=salt, challenge=digest, max_number=max_number, question=question)


def read_token(token: str) -> dict | None:
    """The token's payload if it is ours and fresh; None otherwise."""
    if not token or len(token) > 2000:
        return None
    try:
        return signing.loads(token, salt=TOKEN_SALT, max_age=conf.challenge_max_age())
    except (signing.BadSignature, ValueError, TypeError):
        return None


def question_of(token: str) -> str:
    payload = read_token(token)
    return payload["q"] if payload else ""


def _parse_answer(answer: str) -> int | None:
    text = " ".join(to_latin(answer or "").split()).strip(" .،؟?")
    if text.isascii() and text.isdigit() and len(text) <= 3:  # isdigit alone admits "²", which int() refuses
        return int(text)
    return _ANSWER_WORDS.get(text.replace("ى", "ي").replace("إ", "ا").replace("أ", "ا")) or _ANSWER_WORDS.get(
        text
    )


def solve(salt: str, challenge: str, max_number: int) -> int | None:
    """Find the proof-of-work number (what comments.js does; used by tests and trusted clients)."""
    for number in range(max_number + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == challenge:
            return number
    return None


POW = "pow"
QUESTION = "question"


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    challenge_id: str = ""
    error: str = ""
    # Which way it passed: POW (the page's script) or QUESTION (no JavaScript; held for moderators).
    method: str = ""


def claims_script(check: str, number: str) -> bool:
    """A post claims the scripted path when comments.js marked it (``check=pow``) or sent a number."""
    return check == POW or bool((number or "").strip())


def _expired(scripted: bool) -> str:
    if scripted:
        return _("انتهت صلاحية التحقق الأمني أو تعذّر قراءته. يُعاد التحقق في متصفحك، أرسل التعليق مرة أخرى.")
    return _("انتهت صلاحية التحقق الأمني أو تعذّر قراءته. أجب عن السؤال الجديد.")


def used_error(scripted: bool) -> str:
    """A token that was already used (by this post's earlier try, or by someone else)."""
    if scripted:
        return _("سبق استخدام هذا التحقق الأمني. يُعاد التحقق في متصفحك، أرسل التعليق مرة أخرى.")
    return _("سبق استخدام هذا التحقق الأمني. أجب عن السؤال الجديد.")


def verify(token: str, number: str, answer: str, *, scripted: bool | None = None) -> CheckResult:
    """Check a submitted token, using it up whatever the outcome: a post from the page's script
    (``scripted``) passes only on its proof-of-work number; one without passes on the question's
    answer. Raises StateUnavailable when the shared state store cannot be reached."""
    if scripted is None:
        scripted = claims_script("", number)
    payload = read_token(token)
    if payload is None:
        return CheckResult(False, error=_expired(scripted))
    if not claim(payload["id"]):
        return CheckResult(False, error=used_error(scripted))
    number = (number or "").strip()
    if scripted:
        if not number:
            message = _("لم يكتمل التحقق الأمني في متصفحك. انتظر حتى يكتمل ثم أرسل التعليق مرة أخرى.")
            return CheckResult(False, error=message)
        if number.isascii() and number.isdigit() and len(number) <= 12 and int(number) <= payload["m"]:
            digest = hashlib.sha256(f"{payload['salt']}{int(number)}".encode()).hexdigest()
            if hmac.compare_digest(digest, payload["c"]):
                return CheckResult(True, challenge_id=payload["id"], method=POW)
        message = _("لم ينجح التحقق الأمني التلقائي. يُعاد التحقق في متصفحك، أرسل التعليق مرة أخرى.")
        return CheckResult(False, error=message)
    if not (answer or "").strip():
        return CheckResult(False, error=_("أجب عن سؤال التحقق الأمني."))
    value = _parse_answer(answer)
    if value is not None and hmac.compare_digest(_keyed(payload["id"], str(value)), payload["a"]):
        return CheckResult(True, challenge_id=payload["id"], method=QUESTION)
    return CheckResult(False, error=_("الإجابة عن سؤال التحقق غير صحيحة. حاول مع السؤال الجديد."))


def claim(challenge_id: str) -> bool:
    """Mark a challenge as used; False when someone used it first (atomic in Redis and in the
    database). Raises StateUnavailable when the shared state store cannot be reached."""
    return caches[STATE].add(USED_KEY.format(challenge_id), 1, timeout=conf.challenge_max_age() + 60)


def _salt_for(period: int) -> bytes:
    return hmac.new(conf.secret(), f"ip-salt:{period}".encode(), hashlib.sha256).digest()


def _period(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // conf.ip_salt_seconds())


def ip_hash(ip: str, *, now: float | None = None, previous: bool = False) -> str:
    """The reader's address hashed with the salt of the current period (or the one before); the salt
    changes every ``COMMENTS_IP_SALT_DAYS``, so stored hashes cannot be linked across periods."""
    period = _period(now) - (1 if previous else 0)
    return hmac.new(_salt_for(period), (ip or "").encode(), hashlib.sha256).hexdigest()[:40]


def client_ip(request) -> str:
    """The reader's address, through the project's one trusted-proxy reading (TRUSTED_PROXIES...)."""
    from akhbar.network.client_ip import client_ip as network_client_ip

    return network_client_ip(request)


def hit_rate_limit(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt for ``scope:key`` in a fixed window; True once the limit is passed. The count
    lives in the shared state store (every process sees it); raises StateUnavailable when that store
    cannot be reached, so the caller refuses rather than letting unlimited posting through."""
    state = caches[STATE]
    bucket = int(time.time() // window)
    cache_key = f"comments:rate:{scope}:{bucket}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    if state.add(cache_key, 1, timeout=window + 5):
        return 1 > limit
    try:
        return state.incr(cache_key) > limit
    except ValueError:
        # The window's key expired between add and incr: this attempt opens the next one.
        return not state.add(cache_key, 1, timeout=window + 5) and state.incr(cache_key) > limit
