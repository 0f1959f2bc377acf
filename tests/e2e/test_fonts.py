"""An article page downloads only the font files it draws with, and preloads just one.

Digits, spaces and punctuation are on every page, so a Latin file fetched for them would load on
every page; the Latin files must load only for Latin letters actually shown in their face.
"""

import pytest

from akhbar.news.demo import DEMO_SITES
from akhbar.news.models import ArticlePage, HomePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARABIC_FONTS = {
    "noto-naskh-arabic-arabic-400-normal",
    "noto-naskh-arabic-arabic-700-normal",
    "noto-kufi-arabic-arabic-700-normal",
}
# The Latin file each visible text node with a Latin letter calls for, from its computed face.
LATIN_FACES_SHOWN = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const files = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!/[A-Za-z]/.test(node.textContent) || !element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    const family = style.fontFamily.split(",")[0].replace(/["']/g, "").trim();
    if (family === "Noto Kufi Arabic") files.add("noto-kufi-arabic-latin-700-normal");
    else if (family === "Noto Naskh Arabic")
      files.add(`noto-naskh-arabic-latin-${parseInt(style.fontWeight) >= 600 ? 700 : 400}-normal`);
  }
  return [...files];
}"""


@pytest.mark.parametrize("site_index", range(len(DEMO_SITES)))
def test_article_page_loads_only_the_font_files_it_draws_with(browser, demo_network, site_index):
    demo_site = DEMO_SITES[site_index]
    home = HomePage.objects.get(title=demo_site.name_ar)
    article = ArticlePage.objects.live().descendant_of(home).order_by("-first_published").first()
    url = f"http://{demo_site.hostname}:{demo_network}{article.url_path[len(home.url_path) - 1 :]}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    fonts: list[str] = []
    page.on("request", lambda request: request.url.endswith(".woff2") and fonts.append(request.url))
    assert page.goto(url, wait_until="networkidle").status == 200
    page.evaluate("async () => { await document.fonts.ready; }")
    latin_needed = set(page.evaluate(LATIN_FACES_SHOWN))
    preloads = page.eval_on_selector_all("link[rel=preload][as=font]", "links => links.map(l => l.href)")
    context.close()

    names = {font.rsplit("/", 1)[1].split(".")[0] for font in fonts}
    assert names - ARABIC_FONTS == latin_needed, url
    assert "noto-naskh-arabic-arabic-400-normal" in names
    assert len(fonts) == len(names)  # each file once
    assert len(preloads) == 1 and "noto-naskh-arabic-arabic-400-normal" in preloads[0]
