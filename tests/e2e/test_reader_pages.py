"""Every demo site's home, section and article pages in a real browser: visible parts, origin, a11y, looks."""

from urllib.parse import urlsplit

import pytest

from akhbar.news.demo import DEMO_SITES
from akhbar.news.models import ArticlePage, HomePage

from .conftest import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}


def open_page(browser, url: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="ar")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200, url
    return context, page, requests


def assert_same_origin(url: str, requests: list[str]) -> None:
    origin = urlsplit(url)._replace(path="", query="", fragment="").geturl()
    foreign = [r for r in requests if not r.startswith(origin) and not r.startswith("data:")]
    assert foreign == [], f"requests left the origin {origin}: {foreign}"


def check_common(page) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    clock = page.locator(".last-updated time").inner_text()
    assert clock.endswith("GMT") and len(clock.split(":")) == 3
    assert page.locator("nav.sections-nav a").count() >= 5
    assert page.locator("form[role=search] input[name=q]").is_visible()
    footer = page.locator("footer.site-footer")
    assert footer.locator("a").count() == len(DEMO_SITES)
    assert "©" in footer.inner_text()
    fonts = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Naskh" in family for family in fonts), fonts


@pytest.mark.parametrize("site_index", range(len(DEMO_SITES)))
def test_each_demo_site_reads_right_to_left_with_all_parts(browser, demo_network, screenshots, site_index):
    demo_site = DEMO_SITES[site_index]
    base = f"http://{demo_site.hostname}:{demo_network}"
    home = HomePage.objects.get(title=demo_site.name_ar)
    article = (
        ArticlePage.objects.live()
        .descendant_of(home)
        .exclude(related_picks=None)
        .order_by("-first_published")
        .first()
    )
    section = article.get_parent().specific
    pages = {
        "home": base + "/",
        "section": base + section.get_url_parts()[2],
        "article": base + article.get_url_parts()[2],
    }
    for kind, url in pages.items():
        for width_name, size in WIDTHS.items():
            context, page, requests = open_page(browser, url, size)
            check_common(page)
            if kind == "home":
                assert page.locator(".lead-story h2").is_visible()
                assert page.locator(".story-grid .story").count() >= 5
                assert page.locator(".front-block .panel-title").count() >= 3
                assert page.locator(".network-strip li").count() >= 2
            elif kind == "section":
                assert page.locator("h1.page-title").inner_text() == section.title
                assert page.locator(".cards .card .stamp").count() >= 1
            else:
                crumbs = page.locator(".breadcrumbs li").all_inner_texts()
                assert crumbs == [demo_site.name_ar, section.title, article.title]
                assert page.locator("h1.headline").inner_text() == article.title
                assert page.locator(".lead-figure img").is_visible()
                assert "رسم" in page.locator(".lead-figure figcaption").inner_text()
                assert page.locator(".meta time").count() >= 1
                assert page.locator(".share a").count() >= 4
                assert page.locator("#related-title").is_visible()
                assert page.locator("#comments").count() == 1
                assert page.locator(".network-strip li").count() >= 2
                if demo_site.second_months:
                    assert " / " in page.locator(".meta time").first.inner_text()
            page.screenshot(
                path=str(screenshots / f"{demo_site.hostname.split('.')[0]}-{kind}-{width_name}.png"),
                full_page=(width_name == "desktop" and kind == "article"),
            )
            violations = run_axe(page)
            assert violations == [], violations
            assert_same_origin(url, requests)
            context.close()
