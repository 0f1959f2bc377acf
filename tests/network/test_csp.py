"""The Content-Security-Policy header: one static policy on reader pages, cached copies included; the
admin's own policy; report-only mode; the accent stylesheet that replaced the pages' inline styles."""

import re

import pytest
from django.test import Client

from akhbar.network.csp import in_name_order
from akhbar.network.models import SiteProfile
from akhbar.settings.env import url_origin
from tests.factories import make_article, make_network, make_section, make_site

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
CSP_RO = "Content-Security-Policy-Report-Only"


@pytest.fixture
def article():
    make_network()
    casablanca = make_site("casablanca.localhost", default=True, accent_color="#0b6e4f")
    beirut = make_site("beirut.localhost", accent_color="#7a1f5c")
    make_article(make_section(beirut, "سياسة"), "خبر من بيروت")
    return make_article(make_section(casablanca, "رياضة"), "الخبر الأول")


def get(path: str, client: Client | None = None, host: str = "casablanca.localhost"):
    return (client or Client()).get(path, HTTP_HOST=host)


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_reader_pages_carry_one_static_policy_on_cached_and_uncached_copies(article):
    pages = ["/", article.get_parent().url, article.url, "/search/?q=الخبر", "/no-such-page/"]
    first = get(article.url)
    assert first["X-Page-Cache"] == "miss"
    hit = get(article.url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit[CSP] == first[CSP]
    assert {get(path)[CSP] for path in pages} == {first[CSP]}
    assert CSP_RO not in first

    policy = directives(first[CSP])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    for name in ("connect-src", "font-src", "base-uri", "form-action"):
        assert policy[name] == ["'self'"], name
    assert "nonce" not in first[CSP] and "unsafe" not in first[CSP]


def test_reader_pages_have_no_inline_style_or_script(article):
    for path in ["/", article.get_parent().url, article.url, "/search/?q=الخبر", "/no-such-page/"]:
        html = get(path).content.decode()
        assert not re.search(r"<style|\sstyle=", html), path
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
        for attributes, body in scripts:
            # Only data blocks (JSON-LD, json_script) have a body; scripts come from files.
            assert not body.strip() or re.search(r'type="application/(ld\+)?json"', attributes), (
                path,
                attributes,
            )


def test_the_admin_gets_its_own_policy(article):
    login = Client().get("/admin/login/", HTTP_HOST="casablanca.localhost")
    policy = directives(login[CSP])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "frame-ancestors" not in policy and login["X-Frame-Options"] == "DENY"
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]


def test_report_only_mode_sends_the_same_policies_without_enforcing_them(article, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    enforced = directives(Client().get("/admin/login/", HTTP_HOST="casablanca.localhost")[CSP_RO])
    page = get(article.url)
    assert CSP not in page and directives(page[CSP_RO])["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in enforced["script-src"]


def test_the_header_is_the_same_whatever_the_order_django_csp_joins_it_in():
    assert in_name_order("script-src 'self'; default-src 'self'") == in_name_order(
        "default-src 'self';  script-src 'self'"
    )
    assert in_name_order("script-src 'self'; default-src 'self'") == "default-src 'self'; script-src 'self'"


def test_absolute_static_and_media_addresses_become_allowed_origins():
    assert url_origin("https://media.example.org/akhbar/") == "https://media.example.org"
    assert url_origin("/media/") is None


def test_accent_colours_come_from_a_versioned_stylesheet(article):
    home = get("/").content.decode()
    profile = SiteProfile.objects.get(site__hostname="casablanca.localhost")
    assert f'data-site="{profile.site_id}"' in home
    url = re.search(r'href="(/accents\.css\?v=[0-9a-f]{12})"', home).group(1)
    sheet = get(url)
    assert sheet["Content-Type"] == "text/css; charset=utf-8"
    assert "immutable" in sheet["Cache-Control"]
    css = sheet.content.decode()
    assert f'html[data-site="{profile.site_id}"]{{--accent:#0b6e4f}}' in css
    assert ".network-strip [data-site=" in css and "#7a1f5c" in css

    profile.accent_color = "#123456"
    profile.save()
    stale = get(url)
    assert "#123456" in stale.content.decode() and "immutable" not in stale["Cache-Control"]
    assert get("/accents.css?v=whatever")["Cache-Control"].startswith("public, max-age=60")
    assert Client().post("/accents.css", HTTP_HOST="casablanca.localhost").status_code == 405


def test_the_network_strip_marks_each_item_with_its_site(article):
    html = get(article.url).content.decode()
    beirut = SiteProfile.objects.get(site__hostname="beirut.localhost")
    assert re.search(rf'<li data-site="{beirut.site_id}"><span class="site-name">', html)


def test_a_decorated_view_or_a_nonce_goes_through_django_csp():
    from csp.decorators import csp_update
    from django.http import HttpResponse
    from django.test import RequestFactory

    from akhbar.network.csp import ContentSecurityPolicyMiddleware

    @csp_update({"img-src": "https://maps.example"})
    def with_map(request):
        return HttpResponse("map")

    def with_nonce(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    def plain(request):
        return HttpResponse("plain")

    def header(view, path="/page/"):
        return ContentSecurityPolicyMiddleware(view)(RequestFactory().get(path))[CSP]

    static = header(plain)
    assert directives(header(with_map))["img-src"] == ["'self'", "data:", "https://maps.example"]
    assert header(with_map) == in_name_order(header(with_map))
    assert "'nonce-" not in static  # reader pages never carry one
    assert header(plain, "/admin/pages/") != static and "'unsafe-inline'" in header(plain, "/admin/pages/")
    assert {k: v for k, v in directives(header(with_map)).items() if k != "img-src"} == {
        k: v for k, v in directives(static).items() if k != "img-src"
    }
    # The reader policy names no nonce source, so a nonce changes nothing in it.
    assert header(with_nonce) == static
