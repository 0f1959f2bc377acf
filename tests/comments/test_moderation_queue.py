"""Readers' reports and the moderators' queue, actions, bans, history and audit log in the Wagtail admin."""

import json
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from akhbar.comments import security
from akhbar.comments.models import AuditEntry, Ban, Comment, Report
from akhbar.news import purge as purge_module
from tests.comments.factories import comment_data, make_comment, make_commentable_article
from tests.factories import make_article, make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"


def make_moderator(django_user_model, username: str = "moderator"):
    """A user in the moderators' group that the comments migrations create."""
    user = django_user_model.objects.create_user(username=username, password="pw", first_name="هالة")
    user.groups.add(Group.objects.get(name="مشرفو التعليقات"))
    return user


@pytest.fixture
def moderator_client(django_user_model):
    client = Client(HTTP_HOST=HOST)
    client.force_login(make_moderator(django_user_model))
    return client


def report_from(comment, ip):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=ip).post(f"/comments/report/{comment.pk}/")


def test_enough_reports_send_a_published_comment_back_to_the_queue():
    article = make_commentable_article(comment_reports_to_hold=2)
    comment = make_comment(article, title="تعليق عليه خلاف")
    response = report_from(comment, "203.0.113.1")
    assert response.status_code == 303 and response["Location"] == f"/comments/{article.pk}/#comments-status"
    comment.refresh_from_db()
    assert comment.status == Comment.APPROVED and comment.report_count == 1
    with mock.patch("akhbar.news.purge.purge", wraps=purge_module.purge) as purge:
        report_from(comment, "203.0.113.2")
    comment.refresh_from_db()
    assert comment.status == Comment.HELD and comment.report_count == 2
    purge.assert_called_once()
    entry = AuditEntry.objects.get(comment=comment, action=AuditEntry.HOLD)
    assert entry.user is None and "بلاغات القراء" in entry.reason
    assert "تعليق عليه خلاف" not in Client(HTTP_HOST=HOST).get(article.url).content.decode()


def test_one_address_reports_a_comment_once():
    article = make_commentable_article(comment_reports_to_hold=2)
    comment = make_comment(article)
    for _ in range(3):
        report_from(comment, "203.0.113.9")
    comment.refresh_from_db()
    assert comment.report_count == 1 and comment.status == Comment.APPROVED
    assert Report.objects.count() == 1


def test_reporting_needs_csrf_and_a_published_comment():
    article = make_commentable_article()
    held = make_comment(article, status=Comment.HELD)
    assert report_from(held, "203.0.113.3").status_code == 404
    published = make_comment(article)
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    assert strict.post(f"/comments/report/{published.pk}/").status_code == 403
    assert not Report.objects.exists()


def test_queue_lists_held_comments_by_risk_with_their_reasons(moderator_client):
    article = make_commentable_article()
    make_comment(article, status=Comment.HELD, title="خطورة متوسطة", score=0.5, reasons=["درجة المصنف 0.50"])
    make_comment(
        article, status=Comment.HELD, title="خطورة عالية", score=0.95,
        categories=["insult_person"], reasons=["كلمة مشبوهة (إهانة شخص): تافه"],
    )  # fmt: skip
    make_comment(article, status=Comment.APPROVED, title="منشور لا يظهر هنا")
    response = moderator_client.get("/admin/comments/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("خطورة عالية") < html.index("خطورة متوسطة")
    assert "منشور لا يظهر هنا" not in html
    assert "كلمة مشبوهة (إهانة شخص): تافه" in html and "إهانة شخص" in html
    assert "قائمة مراجعة التعليقات" in html


def test_reported_tab_lists_published_comments_with_reports(moderator_client):
    article = make_commentable_article()
    make_comment(article, title="عليه بلاغان", report_count=2)
    html = moderator_client.get("/admin/comments/?status=reported").content.decode()
    assert "عليه بلاغان" in html and "بلاغان" in html


def test_bulk_approve_publishes_records_who_and_why_and_purges(moderator_client):
    article = make_commentable_article()
    held = [make_comment(article, status=Comment.HELD, title=f"محجوز {n}") for n in range(2)]
    with mock.patch("akhbar.news.purge.purge", wraps=purge_module.purge) as purge:
        response = moderator_client.post(
            "/admin/comments/", {"action": "approve", "comment": [c.pk for c in held], "reason": "نقد مقبول"}
        )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.APPROVED}
    entries = AuditEntry.objects.filter(action=AuditEntry.APPROVE)
    assert entries.count() == 2
    assert all(e.user.username == "moderator" and e.reason == "نقد مقبول" for e in entries)
    assert {(e.from_status, e.to_status) for e in entries} == {(Comment.HELD, Comment.APPROVED)}
    purge.assert_called_once()
    html = Client(HTTP_HOST=HOST).get(article.url).content.decode()
    assert "محجوز 0" in html and "محجوز 1" in html


@pytest.mark.parametrize(("action", "status"), [("reject", Comment.REJECTED), ("spam", Comment.SPAM)])
def test_reject_and_spam_take_a_published_comment_down(moderator_client, action, status):
    article = make_commentable_article()
    comment = make_comment(article, title="سيُحذف من الصفحة")
    Client(HTTP_HOST=HOST).get(article.url)  # the thread is now cached
    moderator_client.post("/admin/comments/", {"action": action, "comment": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == status
    assert "سيُحذف من الصفحة" not in Client(HTTP_HOST=HOST).get(article.url).content.decode()


def test_ban_email_and_ban_address_stop_the_next_comment(moderator_client):
    article = make_commentable_article()
    by_email = make_comment(article, status=Comment.HELD, email="troll@example.org")
    by_address = make_comment(article, status=Comment.HELD, ip_hash=security.ip_hash("192.0.2.10"))
    moderator_client.post(
        "/admin/comments/", {"action": "ban_email", "comment": [by_email.pk], "reason": "إساءة"}
    )
    moderator_client.post("/admin/comments/", {"action": "ban_ip", "comment": [by_address.pk]})
    assert Ban.objects.filter(kind=Ban.EMAIL, value="troll@example.org", reason="إساءة").exists()
    assert Ban.objects.filter(kind=Ban.IP, value=security.ip_hash("192.0.2.10")).exists()
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.REJECTED}
    refused = Client(HTTP_HOST=HOST).post(
        f"/comments/post/{article.pk}/", comment_data(email="troll@example.org")
    )
    assert refused.status_code == 403
    refused = Client(HTTP_HOST=HOST, REMOTE_ADDR="192.0.2.10").post(
        f"/comments/post/{article.pk}/", comment_data()
    )
    assert refused.status_code == 403


def test_history_shows_everything_one_commenter_sent(moderator_client):
    article = make_commentable_article()
    make_comment(article, email="reader@example.org", title="الأول منه", status=Comment.APPROVED)
    make_comment(article, email="reader@example.org", title="الثاني منه", status=Comment.REJECTED)
    make_comment(article, email="other@example.org", title="من غيره")
    html = moderator_client.get("/admin/comments/history/?email=Reader@example.org").content.decode()
    assert "الأول منه" in html and "الثاني منه" in html and "من غيره" not in html


def test_audit_log_lists_actions_with_who_and_why(moderator_client):
    article = make_commentable_article()
    comment = make_comment(article, status=Comment.HELD, title="للسجل")
    moderator_client.post(
        "/admin/comments/", {"action": "reject", "comment": [comment.pk], "reason": "تحريض"}
    )
    html = moderator_client.get("/admin/comments/audit/").content.decode()
    assert "هالة" in html and "رفض" in html and "تحريض" in html and "للسجل" in html


def test_bulk_action_without_a_choice_changes_nothing(moderator_client):
    article = make_commentable_article()
    comment = make_comment(article, status=Comment.HELD)
    moderator_client.post("/admin/comments/", {"action": "", "comment": [comment.pk]})
    moderator_client.post("/admin/comments/", {"action": "delete_everything", "comment": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.HELD and not AuditEntry.objects.exists()


def test_editors_without_the_permission_cannot_moderate(django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    article = make_commentable_article()
    comment = make_comment(article, status=Comment.HELD)
    assert client.get("/admin/comments/").status_code in (302, 403)
    client.post("/admin/comments/", {"action": "approve", "comment": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Comment.HELD


def test_admin_menu_shows_the_queue_with_its_count(moderator_client):
    article = make_commentable_article()
    make_comment(article, status=Comment.HELD)
    html = moderator_client.get("/admin/").content.decode()
    label = json.dumps("قائمة المراجعة (1)")[1:-1]
    assert label in html and '"url": "/admin/comments/"' in html


def test_moderators_group_can_manage_bans(moderator_client):
    Ban.objects.create(kind=Ban.EMAIL, value="Someone@Example.org", reason="تكرار الإساءة")
    html = moderator_client.get("/admin/comment_bans/").content.decode()
    assert "someone@example.org" in html and "تكرار الإساءة" in html


def test_history_without_a_commenter_is_not_found(moderator_client):
    assert moderator_client.get("/admin/comments/history/").status_code == 404


def test_approving_a_reported_comment_clears_its_reports(moderator_client):
    article = make_commentable_article(comment_reports_to_hold=2)
    comment = make_comment(article)
    report_from(comment, "203.0.113.21")
    report_from(comment, "203.0.113.22")
    comment.refresh_from_db()
    assert comment.status == Comment.HELD
    moderator_client.post("/admin/comments/", {"action": "approve", "comment": [comment.pk]})
    report_from(comment, "203.0.113.23")
    comment.refresh_from_db()
    assert comment.status == Comment.APPROVED and comment.report_count == 1


def test_the_comments_menu_is_hidden_from_editors_who_cannot_moderate(django_user_model):
    user = django_user_model.objects.create_user(username="editor2", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert '"url": "/admin/comments/"' not in html


def test_queue_can_be_narrowed_to_one_site_of_the_network(moderator_client):
    casablanca = make_commentable_article()
    tunis_site = make_site("tunis.localhost", name_ar="أخبار تونس")
    tunis = make_article(make_section(tunis_site))
    make_comment(casablanca, status=Comment.HELD, title="من الدار البيضاء")
    make_comment(tunis, status=Comment.HELD, title="من تونس")
    everything = moderator_client.get("/admin/comments/").content.decode()
    assert "من الدار البيضاء" in everything and "من تونس" in everything
    only_tunis = moderator_client.get(f"/admin/comments/?site={tunis_site.pk}").content.decode()
    assert "من تونس" in only_tunis and "من الدار البيضاء" not in only_tunis


def test_malformed_comment_ids_in_the_admin_are_ignored_not_a_500(moderator_client):
    article = make_commentable_article()
    comment = make_comment(article, status=Comment.HELD)
    response = moderator_client.post(
        "/admin/comments/", {"action": "approve", "comment": ["²", "99999999999999999999", str(comment.pk)]}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.APPROVED
    assert moderator_client.get("/admin/comments/audit/", {"comment": "²"}).status_code == 200
