"""The Content-Security-Policy in a real browser: every kind of reader page, the comment form with and
without JavaScript, a signed-in editor's page (Wagtail's user bar) and the admin report no violation
and no console error under the policy they are sent."""

import pytest
from django.conf import settings
from wagtail.models import Site

from akhbar.network.models import SiteProfile
from akhbar.news.models import ArticlePage, HomePage
from tests.comments.factories import answer_to

from .test_comments import fill_comment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Runs before any script of the page (the DevTools protocol is not bound by the page's policy).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""


class Watched:
    """A browser context whose pages record policy violations, console errors and uncaught errors."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar", **options)
        self.context.add_init_script(WATCH)
        self.errors: list[str] = []
        self.context.on("page", self._watch)
        self.page = self.context.new_page()

    def _watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))

    def visit(self, url: str, status: int = 200) -> str:
        """Open url, let its scripts finish, assert nothing was refused; return its policy header."""
        response = self.page.goto(url, wait_until="networkidle")
        assert response.status == status, (url, response.status)
        if status != 200:  # the browser reports the document's own status as a console error
            self.errors = [e for e in self.errors if f"status of {status}" not in e]
        self.assert_clean()
        return response.headers.get("content-security-policy", "")

    def assert_clean(self) -> None:
        violations = self.page.evaluate("() => window.__violations || []")
        assert violations == [], (self.page.url, violations)
        assert self.errors == [], self.errors

    def close(self) -> None:
        self.context.close()


def css_rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))


def casablanca_home() -> HomePage:
    return Site.objects.get(hostname="casablanca.localhost").root_page.specific


def reader_urls(port: int) -> dict[str, str]:
    from akhbar.live.coverage import LiveCoveragePage

    home = casablanca_home()
    base = f"http://casablanca.localhost:{port}"
    article = (
        ArticlePage.objects.live()
        .descendant_of(home)
        .exclude(tagged_items=None)
        .exclude(authors=None)
        .first()
    )
    coverage = LiveCoveragePage.objects.live().descendant_of(home).first()
    return {
        "home": f"{base}/",
        "section": base + article.get_parent().get_url_parts()[2],
        "article": base + article.get_url_parts()[2],
        "tag": f"{base}/tag/{article.tagged_items.first().tag.slug}/",
        "author": f"{base}/author/{article.authors.first().slug}/",
        "search": f"{base}/search/?q={article.title.split()[0]}",
        "live coverage": base + coverage.get_url_parts()[2],
        "comment page": f"{base}/comments/{article.pk}/",
        "not found": f"{base}/no-such-page/",
    }


def test_every_reader_page_kind_runs_under_the_policy(browser, demo_network):
    urls = reader_urls(demo_network)
    watched = Watched(browser)
    policies = {}
    for kind, url in urls.items():
        policies[kind] = watched.visit(url, status=404 if kind == "not found" else 200)
        if kind == "article":
            watched.page.wait_for_selector("#comment-form:not([hidden])")  # comments.js filled it in
            assert watched.page.locator("html").get_attribute("data-site")
        if kind == "home":
            # The watch sees what the policy refuses: an injected inline style and inline script.
            watched.page.evaluate(
                """() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                document.body.append(s); document.body.insertAdjacentHTML("beforeend", '<p style="color:red">x</p>'); }"""
            )
            refused = watched.page.evaluate("() => window.__violations.splice(0)")
            assert {v.split()[0] for v in refused} == {"script-src-elem", "style-src-attr"}, refused
            assert watched.page.evaluate("() => window.__ran") is None
            watched.errors.clear()
            accent = watched.page.evaluate(
                "() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"
            )
            assert accent == SiteProfile.objects.get(site__hostname="casablanca.localhost").accent_color
            strip = watched.page.evaluate(
                """() => [...document.querySelectorAll(".network-strip li")].map(
                    (li) => [li.dataset.site, getComputedStyle(li).borderInlineStartColor])"""
            )
            colours = {str(p.site_id): p.accent_color for p in SiteProfile.objects.all()}
            assert strip and all(colour == css_rgb(colours[site]) for site, colour in strip), strip
    assert len(set(policies.values())) == 1, policies
    policy = policies["home"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
    watched.close()


def test_a_reader_comments_with_and_without_javascript_under_the_policy(browser, demo_network):
    urls = reader_urls(demo_network)
    watched = Watched(browser)
    watched.visit(urls["article"])
    fill_comment(watched.page, name="سلمى", email="salma@example.org", title="شكر", body="تقرير مفيد، شكرًا.")
    with watched.page.expect_navigation():
        watched.page.click("button.comment-submit")
    watched.page.wait_for_selector("#comments-status .comment-notice")
    watched.assert_clean()
    watched.close()

    without_js = Watched(browser, java_script_enabled=False)
    page = without_js.page
    without_js.visit(urls["comment page"])
    page.fill("#id_name", "يوسف")
    page.fill("#id_email", "youssef@example.org")
    page.fill("#id_title", "سؤال")
    page.fill("#id_body", "متى تنشرون المتابعة؟")
    page.check("#id_agree")
    page.fill("#id_answer", str(answer_to(page.locator("[data-question-text]").inner_text())))
    with page.expect_navigation():
        page.click("button.comment-submit")
    assert page.locator("#comments-status").count() == 1
    assert without_js.errors == [], without_js.errors
    without_js.close()


def test_the_admin_and_an_editors_reader_page_run_under_their_policies(
    browser, demo_network, django_user_model
):
    django_user_model.objects.create_superuser("hala", "hala@example.org", "kalima-sirr")
    base = f"http://casablanca.localhost:{demo_network}"
    article = ArticlePage.objects.live().descendant_of(casablanca_home()).first()
    watched = Watched(browser)
    watched.visit(f"{base}/admin/login/")
    watched.page.fill("#id_username", "hala")
    watched.page.fill("#id_password", "kalima-sirr")
    with watched.page.expect_navigation():
        watched.page.click("button[type=submit]")
    watched.page.wait_for_load_state("networkidle")
    watched.assert_clean()
    explorer_policy = watched.visit(f"{base}/admin/pages/{article.get_parent().pk}/")
    assert "'unsafe-inline'" in explorer_policy and "frame-ancestors" not in explorer_policy
    assert article.title in watched.page.locator("main").inner_text()
    watched.visit(f"{base}/admin/pages/{article.pk}/edit/")
    title = watched.page.locator("#id_title")
    assert title.input_value() == article.title
    title.fill(article.title + " (محدّث)")
    with watched.page.expect_navigation():
        watched.page.click("button.action-save")  # save a draft
    watched.page.wait_for_load_state("networkidle")
    watched.assert_clean()
    article.refresh_from_db()
    assert article.get_latest_revision().content["title"].endswith("(محدّث)")

    reader_policy = watched.visit(base + article.get_url_parts()[2])  # signed in: Wagtail's user bar
    assert watched.page.locator("wagtail-userbar").count() == 1
    assert reader_policy == settings_reader_policy(reader_policy)
    watched.close()


def settings_reader_policy(sent: str) -> str:
    """The reader policy as configured, in the middleware's order, to compare with what was sent."""
    from csp.utils import build_policy

    from akhbar.network.csp import in_name_order

    return in_name_order(build_policy(config=settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]))
