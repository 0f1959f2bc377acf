"""The header search box's suggestions in a real browser: type part of an Arabic word, see headlines, move
with the keyboard, Enter opens the article; accessible with the list open; plain form without JavaScript."""

from urllib.parse import unquote, urlsplit

import pytest

from akhbar.arabic.tokenize import WORD_RE
from akhbar.news.demo import DEMO_SITES
from akhbar.news.models import ArticlePage, HomePage
from akhbar.search.backends import Filters
from akhbar.search.service import suggest
from akhbar.search.views import suggestions_phrase

from .conftest import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def partial_word(home: HomePage, site_id: int) -> tuple[str, list[str], ArticlePage]:
    """A partly typed headline word (its first letters, with the article "ال" when the word has it) that
    suggests two to eight headlines of this site, one of them the article returned."""
    for article in ArticlePage.objects.live().descendant_of(home).order_by("-first_published"):
        for word in sorted(WORD_RE.findall(article.title), key=len, reverse=True):
            if len(word) < 6:
                continue
            partial = word[:-2]
            titles = [e.title for e in suggest(partial, Filters(site_id=site_id))]
            if 2 <= len(titles) <= 8 and article.title in titles:
                return partial, titles, article
    raise AssertionError("no headline word in the demo suggests a few headlines")


def open_home(browser, hostname, port, width, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="ar", **options)
    page = context.new_page()
    page.goto(f"http://{hostname}:{port}/", wait_until="networkidle")
    return context, page


@pytest.mark.parametrize("width", [360, 1280])
def test_header_box_suggests_headlines_and_enter_opens_the_chosen_one(
    browser, demo_network, screenshots, width
):
    demo_site = DEMO_SITES[0]
    home = HomePage.objects.get(title=demo_site.name_ar)
    site_id = home.get_site().pk
    partial, titles, article = partial_word(home, site_id)
    context, page = open_home(browser, demo_site.hostname, demo_network, width)
    box = page.locator("#header-search")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially(partial, delay=40)
    listbox = page.locator("#header-search-suggestions")
    listbox.wait_for(state="visible")
    options = listbox.locator("[role=option]")
    assert options.all_inner_texts() == titles
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "header-search-suggestions"
    status = page.locator("#header-search-status")
    page.wait_for_function("el => el.textContent.length > 0", arg=status.element_handle())
    assert status.inner_text() == suggestions_phrase(len(titles))

    # Down moves to the first option, Up from the first wraps to the last, Down again to the first.
    box.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options.nth(len(titles) - 1).get_attribute("id")
    box.press("ArrowDown")
    for _ in range(titles.index(article.title)):
        box.press("ArrowDown")
    chosen = options.nth(titles.index(article.title))
    assert chosen.get_attribute("aria-selected") == "true"
    assert page.locator("[role=option][aria-selected=true]").count() == 1
    # The headline word that starts like the typed letters is bold.
    assert any(w.startswith(partial) for w in chosen.locator(".suggest-match").all_inner_texts())
    assert box.evaluate("el => document.activeElement === el")

    assert run_axe(page) == []
    page.screenshot(path=str(screenshots / f"search-suggest-{width}.png"))

    with page.expect_navigation():
        box.press("Enter")
    assert unquote(urlsplit(page.url).path) == article.url_path[len(home.url_path) - 1 :]
    assert page.locator("h1").first.inner_text().strip() == article.title
    context.close()


def test_escape_closes_the_list_and_a_click_opens_a_suggestion(browser, demo_network):
    demo_site = DEMO_SITES[0]
    home = HomePage.objects.get(title=demo_site.name_ar)
    partial, titles, article = partial_word(home, home.get_site().pk)
    context, page = open_home(browser, demo_site.hostname, demo_network, 1280)
    box = page.locator("#header-search")
    box.press_sequentially(partial, delay=40)
    listbox = page.locator("#header-search-suggestions")
    listbox.wait_for(state="visible")
    box.press("ArrowDown")
    box.press("Escape")
    assert listbox.is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == partial
    box.press("ArrowDown")  # reopens the list
    listbox.wait_for(state="visible")
    listbox.locator("[role=option]", has_text=article.title).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().strip() == article.title
    context.close()


def test_without_javascript_the_box_is_a_plain_form_and_the_search_page_keeps_the_query(
    browser, demo_network
):
    demo_site = DEMO_SITES[0]
    home = HomePage.objects.get(title=demo_site.name_ar)
    partial, _titles, _article = partial_word(home, home.get_site().pk)
    context, page = open_home(browser, demo_site.hostname, demo_network, 360, java_script_enabled=False)
    box = page.locator("#header-search")
    assert box.get_attribute("role") is None
    assert page.locator("#header-search-suggestions").is_hidden()
    box.fill(partial)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("#header-search").input_value() == partial
    assert page.locator("#search-q").input_value() == partial
    context.close()


def test_search_page_shows_the_query_in_the_header_box(browser, demo_network):
    demo_site = DEMO_SITES[0]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ar")
    page = context.new_page()
    page.goto(f"http://{demo_site.hostname}:{demo_network}/search/?q=تونس", wait_until="networkidle")
    assert page.locator("#header-search").input_value() == "تونس"
    assert page.locator("#header-search-suggestions").is_hidden()  # not opened until the reader types
    context.close()
