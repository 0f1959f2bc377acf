"""The comment service decides with the moderators' own terms (it passes the active lexicon in)."""

import pytest
from django.test import Client

from akhbar.comments.models import Comment
from akhbar.moderation.store import forget_lexicon
from tests.comments.factories import comment_data, make_commentable_article

from .factories import make_term

pytestmark = pytest.mark.django_db


def test_a_moderators_banned_term_rejects_a_posted_comment():
    article = make_commentable_article()
    make_term("بطيخ", "insult_person", "banned")
    forget_lexicon()
    client = Client(HTTP_HOST="casablanca.localhost")
    client.post(f"/comments/post/{article.pk}/", comment_data(body="تعليق فيه كلمة بطيخ وحدها"))
    comment = Comment.objects.get()
    assert comment.status == Comment.REJECTED
    assert any("بطيخ" in reason for reason in comment.reasons)


def test_a_moderators_allowed_entry_publishes_a_shipped_suspect_word():
    article = make_commentable_article()
    make_term("كلب", "insult_person", "allowed")
    forget_lexicon()
    client = Client(HTTP_HOST="casablanca.localhost")
    client.post(f"/comments/post/{article.pk}/", comment_data(body="الكلب الضال عض طفلا في الحي"))
    assert Comment.objects.get().status == Comment.APPROVED
