"""Each demo site's masthead shows its own program-drawn logo, legible at phone width."""

import pytest

from akhbar.news.demo import DEMO_SITES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_each_site_masthead_shows_its_logo_at_phone_width(browser, demo_network, screenshots):
    sources = set()
    for demo_site in DEMO_SITES:
        context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ar")
        page = context.new_page()
        assert (
            page.goto(f"http://{demo_site.hostname}:{demo_network}/", wait_until="networkidle").status == 200
        )
        logo = page.locator("header.masthead img.brand-logo")
        assert logo.is_visible()
        natural, shown = logo.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
        assert natural > 0 and 0 < shown <= 360
        box = logo.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and 30 <= box["height"] <= 48
        link = page.locator("header.masthead a.brand")
        assert link.get_attribute("aria-label") == f"الصفحة الرئيسية: {demo_site.name_ar}"
        assert page.get_by_role("link", name=f"الصفحة الرئيسية: {demo_site.name_ar}").count() == 1
        sources.add(logo.get_attribute("src"))
        page.locator("header.masthead").screenshot(
            path=str(screenshots / f"{demo_site.hostname.split('.')[0]}-masthead-phone.png")
        )
        context.close()
    assert len(sources) == len(DEMO_SITES)
