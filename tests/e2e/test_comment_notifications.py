"""A reader asks to be told when their comment is published, gets the email, and unsubscribes from a
phone-sized browser with the email's link."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.comments.factories import ensure_page_tree
from tests.factories import make_article, make_section, make_site

from .conftest import run_axe
from .test_comments import CLEAN, fill_comment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def article_url(live_server):
    port = urlsplit(live_server.url).port
    ensure_page_tree()
    site = make_site(
        "casablanca.localhost", default=True, name_ar="أخبار الدار البيضاء",
        comment_approve_below=0.6, comment_reject_above=1.0,
    )  # fmt: skip
    site.port = port  # as the demo's sites are: links in emails carry the port
    site.save()
    article = make_article(make_section(site, "صحة"), "افتتاح مستشفى جديد في الدار البيضاء")
    return f"http://casablanca.localhost:{port}{article.get_url_parts()[2]}"


def test_reader_opts_in_gets_the_email_and_unsubscribes_in_two_taps(browser, article_url, screenshots):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar")
    page = context.new_page()
    page.goto(article_url, wait_until="networkidle")
    box = page.locator("#id_notify")
    assert box.is_visible() and not box.is_checked()
    fill_comment(page, name="سلمى", email="salma@example.org", title="متابعة مطلوبة", body=CLEAN)
    box.check()
    page.locator(".field-notify").screenshot(path=str(screenshots / "comments-notify-box-360.png"))
    with page.expect_navigation():
        page.click("button.comment-submit")
    page.wait_for_selector("#comments-status .comment-notice")
    assert "تم نشر تعليقك" in page.locator("#comments-status").inner_text()

    assert [m.to for m in mail.outbox] == [["salma@example.org"]]
    link = re.search(r"<([^>]+)>", mail.outbox[0].extra_headers["List-Unsubscribe"]).group(1)
    assert link.startswith(article_url.split("/", 3)[0] + "//" + urlsplit(article_url).netloc + "/comments/")
    html, _mimetype = mail.outbox[0].alternatives[0]
    # A page of its own, as a mail reader shows it: not the article's document, whose policy refuses
    # the email's inline styles.
    letter = context.new_page()
    letter.set_content(html)
    assert letter.locator("html").get_attribute("dir") == "rtl"
    letter.screenshot(path=str(screenshots / "comments-email-published-360.png"), full_page=True)
    letter.close()
    cookies_before = {c["name"] for c in context.cookies()}
    response = page.goto(link, wait_until="networkidle")
    assert response.status == 200 and "no-store" in response.headers["cache-control"]
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "إيقاف رسائل التعليقات"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.screenshot(path=str(screenshots / "comments-unsubscribe-360.png"), full_page=True)
    violations = run_axe(page)
    assert violations == [], violations
    page.click("button.comment-submit")
    page.wait_for_selector("text=تم إيقاف الرسائل")
    page.screenshot(path=str(screenshots / "comments-unsubscribed-360.png"), full_page=True)
    assert {c["name"] for c in context.cookies()} == cookies_before  # the pages set no cookie
    context.close()
