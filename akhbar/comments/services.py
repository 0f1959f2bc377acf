"""What happens to a comment: accepted and decided once, moderated, reported, purged from caches.

Rate limits, used challenges, duplicate keys and each article's thread version live in the shared
"state" cache (every process sees them, no page-cache flood evicts them); the rendered thread is kept
in the "default" cache under its current version, so a moderator's decision reaches every process at
once. When the state store is down, posting answers 503 "try again shortly" and readers get the thread
straight from the database.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from akhbar.caching import versions
from akhbar.caching.backends import StateUnavailable
from akhbar.caching.dblock import db_guard
from akhbar.moderation.policy import DEFAULT_THRESHOLDS, Thresholds, decide
from akhbar.moderation.store import active_lexicon

from . import conf, notifications, security
from .models import AuditEntry, Ban, Comment, Report
from .text import body_fingerprint

log = logging.getLogger(__name__)

THREAD_KEY = "comments:thread:{}:v{}"
THREAD_VERSION_KEY = "comments:thread-version:{}"
# A thread stays cached for five minutes at most: the bound on how long a moderator's decision made
# while the state store was unreachable (its version bump lost) can take to show everywhere.
THREAD_SECONDS = 5 * 60
# Longer than twice THREAD_SECONDS, so a version that expires and restarts at 0 never meets a cached
# thread of the same number.
THREAD_VERSION_SECONDS = 24 * 60 * 60


class Refused(Exception):
    """A submission turned away before anything was stored: an HTTP status and an Arabic message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Submission:
    """A comment that passed the form and the security check, with who sent it."""

    article_id: int
    name: str
    email: str
    title: str
    body: str
    ip: str
    challenge_id: str
    parent_id: int | None = None
    notify: bool = False
    # How the security check passed: security.POW, or security.QUESTION (no JavaScript), which is
    # always held for a moderator (the default, so a caller that forgets it publishes nothing).
    check: str = security.QUESTION


def unavailable() -> Refused:
    """Posting while the shared state store (rate limits, single-use tokens) is unreachable."""
    return Refused(503, _("تعذّر إرسال تعليقك الآن. حاول مجددًا بعد قليل."))


def not_stored() -> Refused:
    """The database would not take the comment (disk full, read-only file, lost connection): the
    reader is asked to send it again; the form keeps the text."""
    message = _("تعذّر حفظ تعليقك الآن بسبب عطل مؤقت. نصّ تعليقك باقٍ في النموذج، أعد إرساله بعد قليل.")
    return Refused(503, message)


def thresholds_for(profile) -> Thresholds:
    """The site's moderation thresholds, or the policy's defaults when the profile's pair is unusable."""
    if profile is None:
        return DEFAULT_THRESHOLDS
    try:
        return Thresholds(
            approve_below=profile.comment_approve_below, reject_above=profile.comment_reject_above
        )
    except (ValueError, AttributeError):
        return DEFAULT_THRESHOLDS


def status_for(decision) -> str:
    if decision.decision == "approve":
        return Comment.APPROVED
    if decision.decision == "hold":
        return Comment.HELD
    return Comment.SPAM if decision.categories == ("spam",) else Comment.REJECTED


def is_banned(email: str, ip: str) -> bool:
    hashes = [security.ip_hash(ip), security.ip_hash(ip, previous=True)]
    wanted = Q(kind=Ban.EMAIL, value=email.lower()) | Q(kind=Ban.IP, value__in=hashes)
    return Ban.objects.filter(wanted, active=True).exists()


def resolve_parent(article_id: int, parent_id: int | None) -> int | None:
    """Replies are one level deep: a reply to a reply attaches to the top comment. Only published
    comments of the same article can be replied to."""
    if not parent_id:
        return None
    parent = (
        Comment.objects.filter(pk=parent_id, article_id=article_id, status=Comment.APPROVED)
        .only("pk", "parent_id")
        .first()
    )
    if parent is None:
        raise Refused(400, _("التعليق الذي تردّ عليه غير موجود أو لم يعد منشورًا."))
    return parent.parent_id or parent.pk


def flood() -> Refused:
    return Refused(429, _("أرسلت تعليقات كثيرة في وقت قصير. انتظر قليلًا ثم أعد المحاولة."))


def admit(ip: str, *, question: bool) -> None:
    """Count one post from this address before its security check is looked at, so wrong answers
    count too; a post answering the question (no proof of work) also counts against the tighter
    ``question_ip`` limit. Raises Refused (429, or 503 when the state store is unreachable)."""
    ip_key = security.ip_hash(ip)
    limits = conf.rate_limits()
    try:
        if security.hit_rate_limit("ip", ip_key, *limits["ip"]):
            raise flood()
        if question and security.hit_rate_limit("question_ip", ip_key, *limits["question_ip"]):
            raise flood()
    except StateUnavailable as error:
        raise unavailable() from error


def submit(submission: Submission, profile) -> Comment:
    """Check the email's rate limit, bans and duplicates, decide, then store the comment exactly once.
    The address's limits and the single-use token were checked before (``admit``, security.verify)."""
    ip_key = security.ip_hash(submission.ip)
    limits = conf.rate_limits()
    question = submission.check == security.QUESTION
    try:
        if security.hit_rate_limit("email", submission.email, *limits["email"]):
            raise flood()
        site_key = str(getattr(profile, "site_id", "") or "")
        if question and security.hit_rate_limit("question_site", site_key, *limits["question_site"]):
            message = _(
                "تنتظر تعليقات كثيرة مراجعة المشرفين الآن. حاول مجددًا بعد قليل، أو فعّل JavaScript في متصفحك."
            )
            raise Refused(429, message)
    except StateUnavailable as error:
        raise unavailable() from error
    fingerprint = body_fingerprint(submission.body)
    duplicate = _("وصلنا هذا التعليق من قبل على هذا الخبر.")
    since = timezone.now() - timezone.timedelta(seconds=conf.duplicate_seconds())
    dup_key = (
        f"comments:dup:{submission.article_id}:{fingerprint[:32]}:{security.ip_hash(submission.email)[:16]}"
    )
    try:
        with db_guard():
            if is_banned(submission.email, submission.ip):
                raise Refused(403, _("لا يمكن قبول تعليقات من هذا العنوان أو البريد الإلكتروني."))
            parent_id = resolve_parent(submission.article_id, submission.parent_id)
            if Comment.objects.filter(
                article_id=submission.article_id,
                email=submission.email,
                body_hash=fingerprint,
                created_at__gte=since,
            ).exists():
                raise Refused(409, duplicate)
    except DatabaseError as error:
        log.exception("comment checks failed for article %s", submission.article_id)
        raise not_stored() from error
    state = caches["state"]
    try:
        if not state.add(dup_key, 1, timeout=conf.duplicate_seconds()):
            raise Refused(409, duplicate)
    except StateUnavailable as error:
        raise unavailable() from error

    decision = decide(
        submission.body, title=submission.title, thresholds=thresholds_for(profile), lexicon=active_lexicon()
    )
    status = status_for(decision)
    reasons = list(decision.reasons)
    if question:
        reasons.insert(0, _("أُرسل بالإجابة عن السؤال دون التحقق التلقائي في المتصفح، فلا يُنشر قبل المراجعة"))
        if status == Comment.APPROVED:
            status = Comment.HELD
    now = timezone.now()
    comment = Comment(
        article_id=submission.article_id,
        parent_id=parent_id,
        name=submission.name,
        email=submission.email,
        title=submission.title,
        body=submission.body,
        status=status,
        score=round(decision.score, 4),
        categories=list(decision.categories),
        reasons=reasons,
        ip_hash=ip_key,
        challenge_id=submission.challenge_id,
        body_hash=fingerprint,
        decided_at=now,
        notify=submission.notify,
    )
    try:
        with db_guard(), transaction.atomic():
            comment.save()
            AuditEntry.objects.create(
                comment=comment, action=AuditEntry.POSTED, from_status="", to_status=status,
                reason="؛ ".join(reasons),
            )  # fmt: skip
    except IntegrityError as error:
        with contextlib.suppress(StateUnavailable):
            state.delete(dup_key)
        raise Refused(400, security.used_error(not question)) from error
    except DatabaseError as error:
        log.exception("comment not stored for article %s", submission.article_id)
        with contextlib.suppress(StateUnavailable):
            state.delete(dup_key)
        raise not_stored() from error
    if status == Comment.APPROVED:
        purge_article(comment.article_id)
        notifications.queue_published([comment])
    return comment


def purge_article(article_id: int) -> None:
    """Forget the article's cached comment thread and purge the article page (the only cached page that
    shows comments) from the page cache and the front-end cache / CDN; failures are logged."""
    forget_thread(article_id)
    from akhbar.news.models import ArticlePage
    from akhbar.news.purge import purge

    page = ArticlePage.objects.filter(pk=article_id).first()
    if page is None:
        return
    try:
        purge([page.get_full_url()])
    except Exception:  # noqa: BLE001 - a cache outage must not undo a moderator's decision
        log.warning("comments: cache purge failed for page %s", article_id, exc_info=True)


def forget_thread(article_id: int) -> None:
    """Make every process's cached copy of the article's thread stale (a new version in "state")."""
    key = thread_version_key(article_id)
    state = caches["state"]
    try:
        try:
            state.incr(key)
        except ValueError:
            if not state.add(key, 1, THREAD_VERSION_SECONDS):
                state.incr(key)
    except StateUnavailable:
        log.warning(
            "comments: state store unreachable, article %s's cached thread expires within %s s",
            article_id,
            THREAD_SECONDS,
        )


def _thread_version(article_id: int, request=None) -> int | None:
    key = thread_version_key(article_id)
    known = versions.prefetched(request, key, 0)
    if known is not versions.NOT_READ:
        return known
    try:
        return caches["state"].get(key, 0)
    except StateUnavailable:
        return None


def thread_version_key(article_id: int) -> str:
    return THREAD_VERSION_KEY.format(article_id)


def thread_version(article_id: int, request=None) -> int | None:
    """The version of the article's published thread (it moves whenever the thread changes); None
    when the state store is unreachable. Rendered threads are kept under it (akhbar.news.fragments).
    Read with the fragments version when the page prefetched both (akhbar.caching.versions)."""
    return _thread_version(article_id, request)


def thread(article_id: int) -> tuple[list[Comment], int]:
    """The article's published comments, oldest first, each with ``reply_list``; and their count.
    Cached under the thread's current version; read from the database when the version is unknown."""
    version = _thread_version(article_id)
    key = THREAD_KEY.format(article_id, version)
    if version is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    with db_guard():
        rows = list(
            Comment.objects.filter(article_id=article_id, status=Comment.APPROVED)
            .only("pk", "parent_id", "name", "title", "body", "created_at")
            .order_by("created_at", "pk")
        )
    tops = [row for row in rows if row.parent_id is None]
    by_id = {row.pk: row for row in tops}
    for row in tops:
        row.reply_list = []
    for row in rows:
        if row.parent_id is not None and row.parent_id in by_id:
            by_id[row.parent_id].reply_list.append(row)
    count = len(tops) + sum(len(row.reply_list) for row in tops)
    if version is not None:
        cache.set(key, (tops, count), THREAD_SECONDS)
    return tops, count


ACTION_STATUS = {
    AuditEntry.APPROVE: Comment.APPROVED,
    AuditEntry.REJECT: Comment.REJECTED,
    AuditEntry.SPAM: Comment.SPAM,
    AuditEntry.HOLD: Comment.HELD,
}


def moderate(comments: Iterable[Comment], action: str, user, reason: str = "") -> int:
    """Apply a moderator's action (approve, reject, spam, hold, ban_email, ban_ip) to comments, with
    an audit entry for each, and purge the articles whose published comments changed."""
    touched: set[int] = set()
    published: list[Comment] = []
    changed = 0
    now = timezone.now()
    with db_guard(), transaction.atomic():
        for comment in comments:
            before = comment.status
            if action in (AuditEntry.BAN_EMAIL, AuditEntry.BAN_IP):
                kind, value = (
                    (Ban.EMAIL, comment.email)
                    if action == AuditEntry.BAN_EMAIL
                    else (Ban.IP, comment.ip_hash)
                )
                Ban.objects.update_or_create(
                    kind=kind, value=value, defaults={"active": True, "reason": reason, "created_by": user}
                )
                after = Comment.REJECTED if before in (Comment.HELD, Comment.APPROVED) else before
            else:
                after = ACTION_STATUS[action]
            if action == AuditEntry.APPROVE and comment.report_count:
                # A moderator has read it: earlier reports no longer count towards sending it back.
                Report.objects.filter(comment=comment).delete()
                comment.report_count = 0
                comment.save(update_fields=["report_count"])
            if after != before:
                comment.status = after
                comment.decided_at = now
                comment.save(update_fields=["status", "decided_at"])
                if Comment.APPROVED in (before, after):
                    touched.add(comment.article_id)
                if after == Comment.APPROVED:
                    published.append(comment)
            AuditEntry.objects.create(
                comment=comment, user=user, action=action, reason=reason, from_status=before, to_status=after
            )
            changed += 1
    for article_id in touched:
        purge_article(article_id)
    notifications.queue_published(published)
    return changed


def report(comment: Comment, ip: str, profile) -> bool:
    """Record a reader's report (once per address); enough reports send a published comment back to
    the moderators' queue. False when this address had already reported it."""
    ip_key = security.ip_hash(ip)
    threshold = getattr(profile, "comment_reports_to_hold", 3) or 3
    try:
        with db_guard(), transaction.atomic():
            Report.objects.create(comment=comment, ip_hash=ip_key)
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
            comment.refresh_from_db(fields=["report_count", "status"])
            back_to_queue = comment.status == Comment.APPROVED and comment.report_count >= threshold
            if back_to_queue:
                comment.status = Comment.HELD
                comment.save(update_fields=["status"])
                AuditEntry.objects.create(
                    comment=comment, action=AuditEntry.HOLD, from_status=Comment.APPROVED, to_status=Comment.HELD,
                    reason=_("أعاده %(count)s من بلاغات القراء إلى المراجعة") % {"count": comment.report_count},
                )  # fmt: skip
    except IntegrityError:
        return False
    if back_to_queue:
        purge_article(comment.article_id)
    return True
