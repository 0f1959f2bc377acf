"""Factories for comments: an article to comment on, solved security checks, form data, comments."""

from __future__ import annotations

import itertools

from akhbar.comments import security
from akhbar.comments.models import Comment
from akhbar.comments.text import body_fingerprint
from tests.factories import make_article, make_network, make_section, make_site

_counter = itertools.count(1)


def ensure_page_tree() -> None:
    """Give an emptied database back the rows its migrations made that pages need (the default locale
    and the tree's root). Transactional tests flush the database after themselves, and once Playwright
    runs, pytest-django's serialized restore no longer reaches the connection the tests use."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is not None:
        return
    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def make_commentable_article(hostname: str = "casablanca.localhost", **profile):
    """An article on a site whose thresholds publish plain, polite comments (the classifier's exact
    scores are the moderation module's business, not these tests')."""
    profile = {"comment_approve_below": 0.6, "comment_reject_above": 0.98, **profile}
    ensure_page_tree()
    make_network()  # as on any installed network: no reader request has to create the group's settings
    site = make_site(hostname, default=True, **profile)
    return make_article(make_section(site))


def solved_challenge() -> dict[str, str]:
    """A fresh token with its proof-of-work number, as comments.js would send it."""
    challenge = security.new_challenge()
    number = security.solve(challenge.salt, challenge.challenge, challenge.max_number)
    return {"token": challenge.token, "check": "pow", "pow_number": str(number), "answer": ""}


def answer_to(question: str) -> int:
    """The answer to a security question (كم يساوي سبعة زائد خمسة؟), read as a reader would."""
    words = {word: n for n, word in enumerate(security._NUMBER_WORDS)}
    body = question.strip().removeprefix("كم يساوي ").removesuffix("؟")
    for operator, sign in ((" زائد ", 1), (" ناقص ", -1)):
        if operator in body:
            a, b = body.split(operator)
            return words[a] + sign * words[b]
    raise AssertionError(question)


def answered_question(*, wrong: bool = False) -> dict[str, str]:
    """A fresh token with its question answered, as the no-JavaScript form sends it."""
    challenge = security.new_challenge()
    answer = answer_to(challenge.question) + (1 if wrong else 0)
    return {"token": challenge.token, "check": "question", "pow_number": "", "answer": str(answer)}


def comment_data(**overrides) -> dict[str, str]:
    n = next(_counter)
    data = {
        "name": "سلمى",
        "email": f"reader{n}@example.org",
        "title": "ملاحظة على الخبر",
        "body": f"شكرًا على هذا التقرير الواضح، أتمنى متابعة الموضوع في الأيام المقبلة. ({n})",
        "agree": "on",
        "website": "",
        **solved_challenge(),
    }
    data.update(overrides)
    return data


def make_comment(article, *, status: str = Comment.APPROVED, parent=None, **fields) -> Comment:
    n = next(_counter)
    body = fields.pop("body", f"تعليق رقم {n} على الخبر")
    return Comment.objects.create(
        article=article,
        parent=parent,
        name=fields.pop("name", f"قارئ {n}"),
        email=fields.pop("email", f"c{n}@example.org"),
        title=fields.pop("title", f"عنوان {n}"),
        body=body,
        status=status,
        ip_hash=fields.pop("ip_hash", security.ip_hash(f"10.0.0.{n % 250}")),
        challenge_id=f"test-{n}",
        body_hash=body_fingerprint(body),
        **fields,
    )
