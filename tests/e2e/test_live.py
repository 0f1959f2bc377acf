"""The masthead's live parts in a real browser: a breaking line appears without a reload, is announced
once to screen readers, and leaves at its expiry; the date of the day is shown."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from akhbar.live.models import BreakingNews
from tests.factories import make_site

from .conftest import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_breaking_line_appears_within_ten_seconds_and_is_announced_once(browser, live_server, screenshots):
    site = make_site("casablanca.localhost", default=True)
    port = urlsplit(live_server.url).port
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar")
    page = context.new_page()
    page.goto(f"http://casablanca.localhost:{port}/", wait_until="networkidle")
    assert page.locator("[data-breaking]").is_hidden()
    assert "هـ" in page.locator(".topbar .today").inner_text()

    now = timezone.now()
    BreakingNews.objects.create(
        text="عاصفة رملية تغلق مطار المدينة",
        url="/",
        site=site,
        starts_at=now,
        expires_at=now + timedelta(seconds=14),
    )
    bar = page.locator("[data-breaking]")
    bar.wait_for(state="visible", timeout=10_000)
    assert "عاصفة رملية" in bar.inner_text()
    announcer = page.locator("[data-breaking-announce]")
    assert announcer.inner_text() == "خبر عاجل: عاصفة رملية تغلق مطار المدينة"
    page.evaluate(
        """() => { window.__announced = 0; new MutationObserver(() => window.__announced++)
            .observe(document.querySelector('[data-breaking-announce]'), {childList: true, characterData: true, subtree: true}); }"""
    )
    page.wait_for_timeout(6_000)  # at least one more refresh: the same line is not announced again
    assert page.evaluate("() => window.__announced") == 0
    page.screenshot(path=str(screenshots / "breaking-phone.png"))
    assert run_axe(page) == []
    bar.wait_for(state="hidden", timeout=15_000)  # gone at its expiry
    context.close()


def test_live_coverage_shows_a_new_entry_without_reloading(browser, demo_network, screenshots):
    from akhbar.live.coverage import LiveCoveragePage, LiveEntry

    coverage = LiveCoveragePage.objects.get(slug="live-demo")
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar")
    page = context.new_page()
    page.goto(f"http://casablanca.localhost:{demo_network}/", wait_until="networkidle")
    page.locator(".live-now a").click()
    page.wait_for_load_state("networkidle")
    assert (
        "عرض توضيحي" in page.locator(".live-demo-note").inner_text()
        or page.locator(".live-demo-note").count()
    )
    entries = page.locator("[data-entry]")
    before = entries.count()
    assert before >= 5 and page.locator(".live-entry.is-pinned").count() == 1
    assert "منذ" in page.locator("[data-relative]").nth(1).inner_text()
    page.screenshot(path=str(screenshots / "live-coverage-phone.png"), full_page=False)
    assert run_axe(page) == []

    coverage.entries.add(LiveEntry(heading="مستجد عاجل في التغطية", text="<p>وصل الآن خبر جديد.</p>"))
    coverage.save_revision().publish()
    page.locator("text=مستجد عاجل في التغطية").wait_for(timeout=25_000)
    assert entries.count() == before + 1
    assert page.locator("[data-live-announce]").inner_text().startswith("مستجد جديد")
    context.close()
