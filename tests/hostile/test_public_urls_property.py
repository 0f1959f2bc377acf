"""Generated hostile input on every public URL family: whatever the ids, dates, page numbers, text
(NUL and control characters included), lengths and methods, the answer is never a 5xx.

The test client re-raises a view's exception, so an error shows with its traceback; the status is
checked too. One small site is built per test; hypothesis runs a bounded number of examples."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.comments.factories import ensure_page_tree
from tests.factories import make_article, make_author, make_section, make_site

pytestmark = pytest.mark.django_db

HOST = "casablanca.localhost"
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    "",
    "0",
    "-1",
    "+1",
    "9" * 30,
    "1e9",
    "1.5",
    "0x10",
    "١٢",
    "１２",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    '"',
    "«",
    "*",
    "NEAR(",
    "OR",
    "-",
    "' OR 1=1 --",
    "%",
    "ر" * 400,
]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
numbers = st.one_of(st.integers(min_value=-(10**3), max_value=10**32).map(str), texts)
dates = st.one_of(st.dates().map(lambda d: d.isoformat()), numbers)
methods = st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
path_ids = st.one_of(
    st.integers(min_value=0, max_value=10**32), st.sampled_from([1, 2**31 - 1, 2**31, 2**63, 10**22])
)


def query(**strategies) -> st.SearchStrategy[dict[str, str]]:
    """A query string with any subset of these parameters."""
    return st.fixed_dictionaries({}, optional=strategies)


@pytest.fixture
def site_tree():
    ensure_page_tree()
    site = make_site(HOST, default=True)
    section = make_section(site, "رياضة", slug="sport")
    author = make_author("سلمى بنعلي", slug="salma")
    article = make_article(section, "الوداد يفوز بالدوري")
    return {"site": site, "section": section, "author": author, "article": article}


def request(method: str, path: str, params: dict | None = None, body: dict | str | None = None):
    client = Client()
    if method in {"GET", "HEAD", "OPTIONS", "DELETE"}:
        return client.generic(method, path + _qs(params), HTTP_HOST=HOST)
    if isinstance(body, str):
        return client.generic(method, path + _qs(params), body, content_type="text/plain", HTTP_HOST=HOST)
    return client.generic(
        method,
        path + _qs(params),
        _form(body or {}),
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST=HOST,
    )


def _qs(params: dict | None) -> str:
    if not params:
        return ""
    return "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())


def _form(data: dict) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in data.items())


def assert_no_server_error(response) -> None:
    assert response.status_code < 500, (response.status_code, response.content[:300])


SEARCH_PARAMS = query(
    q=texts, site=numbers, section=numbers, author=numbers, page=numbers, to=dates, **{"from": dates}
)


@EXAMPLES
@given(
    method=methods,
    path=st.sampled_from(["/search/", "/api/search", "/api/search/suggest"]),
    params=SEARCH_PARAMS,
)
def test_search_page_and_apis_never_answer_5xx(site_tree, method, path, params):
    response = request(method, path, params)
    assert_no_server_error(response)
    if path.startswith("/api/") and method != "HEAD":
        assert response["Content-Type"].startswith("application/json")


COMMENT_FIELDS = query(
    name=texts, email=texts, title=texts, body=texts, agree=texts, website=texts, token=texts,
    pow_number=numbers, answer=numbers, parent=numbers, **{"return": texts},
)  # fmt: skip


@EXAMPLES
@given(
    method=methods,
    kind=st.sampled_from(["", "form/", "post/", "report/"]),
    item=path_ids,
    use_article=st.booleans(),
    fields=COMMENT_FIELDS,
)
def test_comment_endpoints_never_answer_5xx(site_tree, method, kind, item, use_article, fields):
    target = site_tree["article"].pk if use_article else item
    response = request(method, f"/comments/{kind}{target}/", body=fields)
    assert_no_server_error(response)


@EXAMPLES
@given(
    method=methods,
    kind=st.sampled_from(["section", "author", "tag"]),
    slug=st.one_of(texts.filter(bool), st.sampled_from(["sport", "salma"])),
)
def test_feeds_with_any_slug_never_answer_5xx(site_tree, method, kind, slug):
    response = request(method, f"/feed/{kind}/{quote(slug, safe='')}/")
    assert_no_server_error(response)


@EXAMPLES
@given(
    method=methods,
    path=st.sampled_from(
        [
            "/sitemap.xml",
            "/sitemap-articles.xml",
            "/sitemap-news.xml",
            "/sitemap-pages.xml",
            "/feed/",
            "/robots.txt",
        ]
    ),
    params=query(p=numbers, page=numbers),
)
def test_sitemaps_and_site_feeds_never_answer_5xx(site_tree, method, path, params):
    assert_no_server_error(request(method, path, params))


API_FILTERS = query(
    type=st.one_of(texts, st.just("news.ArticlePage")), fields=texts, child_of=numbers, descendant_of=numbers,
    order=texts, limit=numbers, offset=numbers, search=texts, id=numbers, slug=texts, site=numbers,
    section=numbers, author=numbers, since=dates, q=texts,
)  # fmt: skip


@EXAMPLES
@given(
    method=methods,
    endpoint=st.sampled_from(["pages/", "images/", "pages/1/", "nowhere/"]),
    params=API_FILTERS,
)
def test_content_api_with_any_filters_never_answers_5xx(site_tree, method, endpoint, params):
    response = request(method, f"/api/v2/{endpoint}", params)
    assert_no_server_error(response)
    if method not in {"HEAD", "OPTIONS"}:
        assert response["Content-Type"].startswith("application/json")


@EXAMPLES
@given(method=methods, kind=st.sampled_from(["masthead/", "seen/", "coverage/"]), item=path_ids, body=texts)
def test_live_endpoints_never_answer_5xx(site_tree, method, kind, item, body):
    path = f"/live/{kind}{item}/" if kind == "coverage/" else f"/live/{kind}"
    response = request(method, path, body=f"page={body}")
    assert_no_server_error(response)
    if method != "HEAD":
        assert response["Content-Type"].startswith("application/json") or response.status_code == 204


@EXAMPLES
@given(
    method=methods,
    which=st.sampled_from(["home", "section", "article", "author", "tag"]),
    params=query(page=numbers, q=texts),
)
def test_pages_with_any_page_number_never_answer_5xx(site_tree, method, which, params):
    paths = {
        "home": "/",
        "section": site_tree["section"].url,
        "article": site_tree["article"].url,
        "author": "/author/salma/",
        "tag": "/tag/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/",
    }
    assert_no_server_error(request(method, paths[which], params))


@EXAMPLES
@given(
    method=methods,
    token=st.one_of(
        texts.filter(lambda t: "/" not in t and t), st.text(min_size=1).map(lambda t: quote(t, safe=""))
    ),
)
def test_unsubscribe_links_with_any_token_never_answer_5xx(site_tree, method, token):
    response = request(
        method, f"/comments/unsubscribe/{quote(token, safe='')}/", body="List-Unsubscribe=One-Click"
    )
    assert_no_server_error(response)
    assert response.status_code in (400, 404, 405)
