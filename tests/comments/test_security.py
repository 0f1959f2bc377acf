"""The self-hosted security check, address hashing and rate limits."""

import time

import pytest
from django.core import signing

from akhbar.comments import security
from tests.comments.factories import answer_to

# Used tokens and rate-limit windows live in the shared state store: the database without Redis.
pytestmark = pytest.mark.django_db


def test_proof_of_work_answer_passes():
    challenge = security.new_challenge()
    number = security.solve(challenge.salt, challenge.challenge, challenge.max_number)
    result = security.verify(challenge.token, str(number), "")
    assert result.ok and result.challenge_id


def test_wrong_proof_of_work_number_fails_with_arabic_message():
    challenge = security.new_challenge()
    number = security.solve(challenge.salt, challenge.challenge, challenge.max_number)
    result = security.verify(challenge.token, str(number + 1), "")
    assert not result.ok and "التحقق" in result.error


def _answer(question: str) -> int:
    return answer_to(question)


@pytest.mark.parametrize("digits", ["latin", "arabic"])
def test_question_answer_passes_without_javascript_in_either_digits(digits):
    challenge = security.new_challenge()
    value = str(_answer(challenge.question))
    if digits == "arabic":
        value = value.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert security.verify(challenge.token, "", f" {value} ").ok


def test_question_answer_in_words_passes():
    challenge = security.new_challenge()
    word = security._NUMBER_WORDS[_answer(challenge.question)]
    assert security.verify(challenge.token, "", word).ok


def test_wrong_or_missing_answer_fails():
    challenge = security.new_challenge()
    wrong = str(_answer(challenge.question) + 1)
    assert not security.verify(challenge.token, "", wrong).ok
    assert not security.verify(challenge.token, "", "").ok


def test_the_token_does_not_reveal_the_answer():
    challenge = security.new_challenge()
    payload = signing.loads(challenge.token, salt=security.TOKEN_SALT)
    assert str(_answer(challenge.question)) not in {str(v) for v in payload.values()}


def test_tampered_or_foreign_tokens_fail():
    challenge = security.new_challenge()
    assert not security.verify(challenge.token[:-2] + "xx", "1", "").ok
    forged = signing.dumps({"id": "x", "salt": "s", "c": "c", "m": 1, "q": "", "a": ""}, salt="other")
    assert not security.verify(forged, "1", "").ok
    assert not security.verify("", "1", "").ok


def test_expired_token_fails(settings):
    challenge = security.new_challenge()
    settings.COMMENTS_CHALLENGE_MAX_AGE = -1
    number = security.solve(challenge.salt, challenge.challenge, challenge.max_number)
    assert not security.verify(challenge.token, str(number), "").ok


def test_verification_uses_the_token_up_so_a_replay_fails():
    challenge = security.new_challenge()
    number = str(security.solve(challenge.salt, challenge.challenge, challenge.max_number))
    result = security.verify(challenge.token, number, "")
    assert result.ok and result.method == security.POW
    assert not security.claim(result.challenge_id)  # verify claimed it
    replay = security.verify(challenge.token, number, "")
    assert not replay.ok and "سبق" in replay.error


def test_a_wrong_answer_uses_the_token_up_too():
    challenge = security.new_challenge()
    right = answer_to(challenge.question)
    assert not security.verify(challenge.token, "", str(right + 1)).ok
    second = security.verify(challenge.token, "", str(right))
    assert not second.ok and "سبق استخدام هذا التحقق" in second.error


def test_a_scripted_post_passes_on_the_proof_of_work_only():
    challenge = security.new_challenge()
    right = str(answer_to(challenge.question))
    missing = security.verify(challenge.token, "", right, scripted=True)
    assert not missing.ok and "لم يكتمل التحقق الأمني في متصفحك" in missing.error
    other = security.new_challenge()
    number = str(security.solve(other.salt, other.challenge, other.max_number))
    passed = security.verify(other.token, number, "", scripted=True)
    assert passed.ok and passed.method == security.POW


def test_the_question_passes_as_the_question_method():
    challenge = security.new_challenge()
    result = security.verify(challenge.token, "", str(answer_to(challenge.question)), scripted=False)
    assert result.ok and result.method == security.QUESTION


@pytest.mark.parametrize(
    ("check", "number", "scripted"),
    [("pow", "", True), ("", "17", True), ("question", "", False), ("", " ", False), ("other", "", False)],
)
def test_what_claims_the_scripted_path(check, number, scripted):
    assert security.claims_script(check, number) is scripted


def test_ip_hash_is_stable_within_a_period_and_changes_with_the_salt():
    now = time.time()
    assert security.ip_hash("203.0.113.9", now=now) == security.ip_hash("203.0.113.9", now=now)
    assert security.ip_hash("203.0.113.9", now=now) != security.ip_hash("203.0.113.10", now=now)
    later = now + 8 * 86400
    assert security.ip_hash("203.0.113.9", now=later) != security.ip_hash("203.0.113.9", now=now)
    assert security.ip_hash("203.0.113.9", now=later, previous=True) == security.ip_hash(
        "203.0.113.9", now=later - 7 * 86400
    )
    assert "203.0.113.9" not in security.ip_hash("203.0.113.9")


def test_rate_limit_counts_attempts_per_key():
    results = [security.hit_rate_limit("test", "k1", 3, 600) for _ in range(5)]
    assert results == [False, False, False, True, True]
    assert security.hit_rate_limit("test", "k2", 3, 600) is False


def test_client_ip_uses_the_forwarded_address_only_behind_trusted_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    assert security.client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert security.client_ip(request) == "203.0.113.5"
