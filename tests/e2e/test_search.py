"""Search in a real browser: type in the header's box, see highlighted results, open one."""

import pytest

from akhbar.arabic.tokenize import WORD_RE
from akhbar.news.demo import DEMO_SITES
from akhbar.news.models import ArticlePage, HomePage
from akhbar.search.service import search

from .conftest import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def distinctive_word(home: HomePage) -> tuple[str, ArticlePage]:
    """A long word from a headline of this site that few of its stories share."""
    for article in ArticlePage.objects.live().descendant_of(home).order_by("-first_published"):
        for word in sorted(WORD_RE.findall(article.title), key=len, reverse=True):
            if len(word) >= 5 and 1 <= search(word).total <= 3:
                return word, article
    raise AssertionError("no distinctive headline word in the demo")


@pytest.mark.parametrize("width", [360, 1280])
def test_search_from_the_header_shows_highlighted_results_and_opens_one(
    browser, demo_network, screenshots, width
):
    demo_site = DEMO_SITES[0]
    home = HomePage.objects.get(title=demo_site.name_ar)
    word, article = distinctive_word(home)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    page.goto(f"http://{demo_site.hostname}:{demo_network}/", wait_until="networkidle")
    page.locator("#header-search").fill(word)
    page.locator("#header-search").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("html").get_attribute("dir") == "rtl"
    results = page.locator(".search-result")
    assert results.count() >= 1
    marks = page.locator(".search-result mark").all_inner_texts()
    assert marks, "no highlighted word in the results"
    assert page.locator("#search-q").input_value() == word
    assert run_axe(page) == []
    page.screenshot(path=str(screenshots / f"search-{width}.png"), full_page=True)
    titles = results.locator("h2 a").all_inner_texts()
    assert article.title in titles
    results.locator("h2 a", has_text=article.title).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().strip() == article.title
    context.close()


def test_whole_network_search_names_each_results_site(browser, demo_network):
    demo_site = DEMO_SITES[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    page.goto(f"http://{demo_site.hostname}:{demo_network}/search/?q=تونس&site=all", wait_until="networkidle")
    labels = set(page.locator(".search-result .search-meta .label").all_inner_texts())
    assert len(labels) >= 2, labels
    context.close()
