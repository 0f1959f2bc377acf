"""A reader comments in a real browser; a moderator approves the held comment in the Wagtail admin."""

from urllib.parse import urlsplit

import pytest

from akhbar.comments.models import AuditEntry, Comment
from tests.comments.factories import answer_to, ensure_page_tree
from tests.factories import make_article, make_section, make_site

from .conftest import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLEAN = "شكرًا على هذا التقرير، أتمنى أن تتابعوا افتتاح المستشفى الجديد وتنشروا مواعيد العمل فيه."
ABUSIVE = "هذا الكاتب تافه وكلامه سخيف"


@pytest.fixture
def article_url(live_server):
    port = urlsplit(live_server.url).port
    ensure_page_tree()
    # Thresholds that publish a polite comment and hold (never auto-reject) a rude one, so the test
    # follows the moderator's path whatever the classifier's exact scores.
    site = make_site(
        "casablanca.localhost", default=True, name_ar="أخبار الدار البيضاء",
        comment_approve_below=0.6, comment_reject_above=1.0, comment_max_length=400,
    )  # fmt: skip
    article = make_article(make_section(site, "صحة"), "افتتاح مستشفى جديد في الدار البيضاء")
    return f"http://casablanca.localhost:{port}{article.get_url_parts()[2]}", port


def fill_comment(page, *, name: str, email: str, title: str, body: str) -> None:
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.fill("#id_title", title)
    page.fill("#id_body", body)
    page.check("#id_agree")
    page.wait_for_function("() => document.querySelector('[data-pow-number]').value !== ''", timeout=15_000)
    assert "تم التحقق" in page.locator("[data-pow-status]").inner_text()
    assert page.locator("[data-question]").is_hidden()


def test_reader_comments_and_moderator_approves_the_held_one(
    browser, article_url, screenshots, django_user_model
):
    url, port = article_url
    origin = f"http://casablanca.localhost:{port}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")

    assert page.locator("#comments-title").inner_text().endswith("(لا تعليقات بعد)")
    assert page.locator("#body-counter").inner_text() == "الأحرف المتبقية: 400 من 400"
    page.type("#id_body", "مَرْحَبًا 👍🏽")
    assert page.locator("#body-counter").inner_text() == "الأحرف المتبقية: 393 من 400"
    page.fill("#id_body", "ب" * 401)
    counter = page.locator("#body-counter")
    assert "تجاوزت الحد الأقصى بـ 1" in counter.inner_text()
    page.wait_for_function("() => document.querySelector('[data-counter-announce]').textContent !== ''")

    fill_comment(page, name="سلمى", email="salma@example.org", title="متابعة مطلوبة", body=CLEAN)
    page.screenshot(path=str(screenshots / "comments-form-filled.png"), full_page=True)
    violations = run_axe(page)
    assert violations == [], violations
    with page.expect_navigation():
        page.click("button.comment-submit")
    # Back on the (cached, purged) article: the script fetches this reader's outcome.
    assert page.url == url + "#comments-status"
    page.wait_for_selector("#comments-status .comment-notice")
    assert "تم نشر تعليقك" in page.locator("#comments-status").inner_text()
    assert CLEAN in page.locator(".comment-list").inner_text()
    assert page.locator("#comments-title").inner_text().endswith("(تعليق واحد)")
    assert "salma@example.org" not in page.content()
    page.locator(".comment-list").screenshot(path=str(screenshots / "comments-published.png"))

    fill_comment(page, name="زائر", email="visitor@example.org", title="رأيي", body=ABUSIVE)
    with page.expect_navigation():
        page.click("button.comment-submit")
    page.wait_for_selector("#comments-status .comment-notice")
    assert "بانتظار مراجعة المشرفين" in page.locator("#comments-status").inner_text()
    assert ABUSIVE in page.locator("#comments-status .comment-pending").inner_text()  # only to its author
    assert ABUSIVE not in page.locator(".comment-list").inner_text()
    page.screenshot(path=str(screenshots / "comments-held-notice.png"))
    held = Comment.objects.get(status=Comment.HELD)
    assert held.reasons

    foreign = [r for r in requests if not r.startswith(origin) and not r.startswith("data:")]
    assert foreign == [], foreign

    django_user_model.objects.create_superuser("hala", "hala@example.org", "kalima-sirr", first_name="هالة")
    admin = context.new_page()
    admin.goto(f"{origin}/admin/login/?next=/admin/comments/")
    admin.fill("#id_username", "hala")
    admin.fill("#id_password", "kalima-sirr")
    with admin.expect_navigation():
        admin.click("button[type=submit]")
    queue = admin.locator("table.comment-queue")
    assert ABUSIVE in queue.inner_text()
    assert held.reasons[0] in queue.inner_text()
    admin.screenshot(path=str(screenshots / "comments-moderator-queue.png"), full_page=True)
    admin.check(f"#pick-{held.pk}")
    admin.select_option("#bulk-action", "approve")
    admin.fill("#bulk-reason", "نقد للكاتب لا يتجاوز شروط النشر")
    with admin.expect_navigation():
        admin.click("#bulk-form button[type=submit]")
    assert ABUSIVE not in admin.locator("main").inner_text()
    admin.goto(f"{origin}/admin/comments/audit/")
    assert "نقد للكاتب لا يتجاوز شروط النشر" in admin.locator("table.audit-log").inner_text()
    admin.screenshot(path=str(screenshots / "comments-audit-log.png"), full_page=True)

    page.goto(url)
    assert ABUSIVE in page.locator(".comment-list").inner_text()
    assert page.locator("#comments-title").inner_text().endswith("(تعليقان)")
    page.locator("#comments").screenshot(path=str(screenshots / "comments-after-approval.png"))
    entry = AuditEntry.objects.get(action=AuditEntry.APPROVE)
    assert entry.user.username == "hala" and entry.comment_id == held.pk
    context.close()


def test_reader_without_javascript_passes_the_question_and_waits_for_a_moderator(
    browser, article_url, screenshots
):
    url, _port = article_url
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="ar", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(url)
    assert page.locator("#comment-form").is_hidden()  # the cached article carries no per-reader form
    with page.expect_navigation():
        page.click("[data-comment-page-link] a")
    assert "الحد الأقصى 400 حرف" in page.locator("#body-counter").inner_text()
    assert "ينتظر مراجعة المشرفين" in page.locator("#answer-help").inner_text()  # told before posting
    page.fill("#id_name", "يوسف")
    page.fill("#id_email", "youssef@example.org")
    page.fill("#id_title", "سؤال")
    page.fill("#id_body", "متى يبدأ استقبال المرضى في المستشفى الجديد؟")
    page.check("#id_agree")
    page.fill("#id_answer", "٩٩")  # wrong on purpose: the error sits beside the field, the text is kept
    with page.expect_navigation():
        page.click("button.comment-submit")
    assert "الإجابة عن سؤال التحقق غير صحيحة" in page.locator("#answer-error").inner_text()
    assert page.locator("#id_body").input_value() == "متى يبدأ استقبال المرضى في المستشفى الجديد؟"
    page.screenshot(path=str(screenshots / "comments-phone-error.png"), full_page=True)
    page.check("#id_agree")
    page.fill("#id_answer", str(answer_to(page.locator("[data-question-text]").inner_text())))
    with page.expect_navigation():
        page.click("button.comment-submit")
    # A polite comment, which the proof of work would have published, waits for a moderator.
    assert "بانتظار مراجعة المشرفين" in page.locator("#comments-status").inner_text()
    assert "متى يبدأ استقبال المرضى" in page.locator("#comments-status .comment-pending").inner_text()
    assert (
        "متى يبدأ استقبال المرضى" not in page.locator("#comments").inner_text().split("تعليقك كما وصلنا")[0]
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.HELD and "دون التحقق التلقائي" in comment.reasons[0]
    page.locator("#comments").screenshot(path=str(screenshots / "comments-phone-held.png"))
    context.close()


def test_phone_reader_with_javascript_posts_through_the_proof_of_work(browser, article_url, screenshots):
    url, _port = article_url
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar", device_scale_factor=2)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    assert page.locator("[data-comment-page-link]").is_hidden()
    fill_comment(page, name="ليلى", email="layla@example.org", title="شكرًا", body=CLEAN)
    assert page.locator("[data-check]").input_value() == "pow"
    page.locator("#comment-form").screenshot(path=str(screenshots / "comments-form-360.png"))
    with page.expect_navigation():
        page.click("button.comment-submit")
    page.wait_for_selector("#comments-status .comment-notice")
    assert "تم نشر تعليقك" in page.locator("#comments-status").inner_text()
    assert Comment.objects.get().status == Comment.APPROVED
    context.close()


def test_without_crypto_subtle_the_small_hasher_is_loaded_and_the_comment_published(browser, article_url):
    """A page served over plain http from a LAN address has no crypto.subtle: sha256.js stands in."""
    url, _port = article_url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    context.add_init_script("Object.defineProperty(window.crypto, 'subtle', { get: () => undefined });")
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("() => window.crypto.subtle") is None
    assert not any("sha256" in u for u in loaded)  # not fetched until the reader starts writing
    fill_comment(page, name="سمير", email="samir@example.org", title="متابعة", body=CLEAN)
    assert any("/sha256" in u for u in loaded)
    with page.expect_navigation():
        page.click("button.comment-submit")
    page.wait_for_selector("#comments-status .comment-notice")
    assert "تم نشر تعليقك" in page.locator("#comments-status").inner_text()
    context.close()


def test_when_no_hasher_can_load_the_reader_answers_the_question_for_the_moderators(browser, article_url):
    url, _port = article_url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    context.add_init_script("Object.defineProperty(window.crypto, 'subtle', { get: () => undefined });")
    context.route("**/sha256*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.fill("#id_name", "منى")
    page.wait_for_selector("[data-question]:not([hidden])")
    assert "أجب عن السؤال" in page.locator("[data-pow-status]").inner_text()
    assert page.locator("[data-check]").input_value() == "question"
    page.fill("#id_email", "mona@example.org")
    page.fill("#id_title", "سؤال")
    page.fill("#id_body", CLEAN)
    page.check("#id_agree")
    page.fill("#id_answer", str(answer_to(page.locator("[data-question-text]").inner_text())))
    with page.expect_navigation():
        page.click("button.comment-submit")
    page.wait_for_selector("#comments-status .comment-notice")
    assert "بانتظار مراجعة المشرفين" in page.locator("#comments-status").inner_text()
    assert Comment.objects.get().status == Comment.HELD
    context.close()
