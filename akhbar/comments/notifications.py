"""Emails to commenters who asked for them: "your comment was published" and "someone replied".

A commenter ticks the form's box (``Comment.notify``). When a comment becomes published (the automatic
decision on posting, or a moderator's approval), ``queue_published`` puts a task on the project's queue
(django-tasks; ``akhbar worker`` runs it): the worker re-reads the comment, sends the email through
Django's email backend, and records it (``notified_published`` / ``notified_parent``) so each email
goes once, however often moderators hold and approve again. A failing mail server is logged, never
raised: it cannot fail a post or a moderator's action.

"Answered" is a published reply to the comment (replies are one level deep: a reply to a reply is
attached to the top comment, whose author is the one told). Nobody is told of their own reply.

Every email carries a one-click unsubscribe link (and RFC 8058 ``List-Unsubscribe`` headers): a token
signed with ``TimestampSigner`` over a hash of the address, validated without the database. It stops
the emails about every comment that address sent until then, on every site of the network.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Comment, NotificationOptOut

log = logging.getLogger(__name__)

PUBLISHED = "published"
REPLY = "reply"
KINDS = (PUBLISHED, REPLY)
TOKEN_SALT = "akhbar.comments.unsubscribe"
TOKEN_MAX_CHARS = 200
_KEY = re.compile(r"[0-9a-f]{64}")


def token_max_age() -> int:
    """Seconds an unsubscribe link keeps working (COMMENTS_UNSUBSCRIBE_MAX_AGE_DAYS, default 2 years)."""
    return int(float(getattr(settings, "COMMENTS_UNSUBSCRIBE_MAX_AGE_DAYS", 730)) * 86400)


def email_key(email: str) -> str:
    """The address as the opt-out table and the links know it: a hash, so neither shows the address."""
    return hashlib.sha256(f"akhbar.comments.notify:{email.strip().lower()}".encode()).hexdigest()


def unsubscribe_token(email: str) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(email_key(email))


def read_token(token: str) -> str:
    """The address hash a link was made for; ``signing.SignatureExpired`` when too old,
    ``signing.BadSignature`` when forged, altered or malformed."""
    if len(token) > TOKEN_MAX_CHARS:
        raise signing.BadSignature("token too long")
    key = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=token_max_age())
    if not _KEY.fullmatch(key):
        raise signing.BadSignature("not an address key")
    return key


def unsubscribe(key: str) -> None:
    """Stop the emails about every comment the address sent until now (again: the time moves on)."""
    NotificationOptOut.objects.update_or_create(email_key=key, defaults={"created_at": timezone.now()})


def opted_out(comment: Comment) -> bool:
    """The comment's author unsubscribed after sending it."""
    return NotificationOptOut.objects.filter(
        email_key=email_key(comment.email), created_at__gte=comment.created_at
    ).exists()


def queue_published(comments: Iterable[Comment]) -> None:
    """Queue the emails that newly published comments call for; never raises."""
    for comment in comments:
        if comment.notify:
            _enqueue(comment.pk, PUBLISHED)
        if comment.parent_id:
            _enqueue(comment.pk, REPLY)


def _enqueue(comment_id: int, kind: str) -> None:
    from .tasks import send_comment_notice

    try:
        send_comment_notice.enqueue(comment_id, kind)
    except Exception:  # noqa: BLE001 - a queue outage loses an email, never a post or a decision
        log.exception("comments: could not queue the %s email for comment %s", kind, comment_id)


def deliver(comment_id: int, kind: str) -> bool:
    """Send one email if it is still due (the worker's side); True when sent. Logs every failure."""
    try:
        return _deliver(comment_id, kind)
    except Exception:  # noqa: BLE001 - logged: the queue must not retry into a broken mail server
        log.exception("comments: the %s email for comment %s failed", kind, comment_id)
        return False


def _deliver(comment_id: int, kind: str) -> bool:
    if kind not in KINDS:
        return False
    comment = (
        Comment.objects.select_related("article", "parent")
        .filter(pk=comment_id, status=Comment.APPROVED)
        .first()
    )
    if comment is None:
        return False
    if kind == PUBLISHED:
        recipient, flag = comment, "notified_published"
    else:
        recipient, flag = comment.parent, "notified_parent"
        if recipient is None or recipient.status != Comment.APPROVED:
            return False
        if recipient.email.lower() == comment.email.lower():
            return False
    if not recipient.notify or opted_out(recipient):
        return False
    message = build_message(kind, comment, recipient)
    if message is None:
        return False
    # Claim the email before sending, so two workers (or two approvals) never send it twice.
    if not Comment.objects.filter(pk=comment.pk, **{flag: False}).update(**{flag: True}):
        return False
    try:
        message.send()
    except Exception:
        # Not sent: let a later approval try again.
        Comment.objects.filter(pk=comment.pk).update(**{flag: False})
        raise
    return True


def build_message(kind: str, comment: Comment, recipient: Comment) -> EmailMultiAlternatives | None:
    """The Arabic email (text, with an HTML alternative) about ``comment`` for ``recipient``'s author."""
    article = comment.article
    page_url = article.get_full_url()
    if not page_url:
        log.warning("comments: article %s has no site, no email for comment %s", article.pk, comment.pk)
        return None
    unsubscribe_url = urljoin(
        page_url, reverse("comments:unsubscribe", args=[unsubscribe_token(recipient.email)])
    )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "kind": kind,
            "site_name": _site_name(article),
            "article_title": article.title,
            "recipient": recipient,
            "comment": comment,
            "comment_url": f"{page_url}#comment-{comment.pk}",
            "unsubscribe_url": unsubscribe_url,
        }
        if kind == PUBLISHED:
            subject = _("نُشر تعليقك على «%(title)s»") % {"title": article.title}
        else:
            subject = _("ردّ جديد على تعليقك على «%(title)s»") % {"title": article.title}
        text = render_to_string(f"comments/email/{kind}.txt", context)
        html = render_to_string(f"comments/email/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _site_name(article) -> str:
    from akhbar.network.models import SiteProfile

    site = article.get_site()
    profile = SiteProfile.for_site(site) if site is not None else None
    return getattr(profile, "name_ar", "") or settings.WAGTAIL_SITE_NAME
