"""The comment and suggestion scripts show only text that comes translated from the server, and run
under a Content-Security-Policy without inline script or eval."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from tests.comments.factories import make_commentable_article

JS = Path(__file__).resolve().parents[2] / "akhbar" / "static" / "akhbar" / "js"
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
COMMENTS = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*", re.S)
STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


@pytest.mark.parametrize("name", ["comments.js", "suggest.js", "sha256.js"])
def test_no_arabic_text_is_written_into_the_scripts(name):
    code = COMMENTS.sub("", (JS / name).read_text(encoding="utf-8"))
    # Single letters are folding rules (suggest.js folds أ إ آ to ا as the server's search does); a
    # word or sentence would be interface text written outside the translation machinery.
    literals = [s for s in STRINGS.findall(code) if len(ARABIC.findall(s)) >= 2]
    assert literals == [], literals


@pytest.mark.parametrize("name", ["comments.js", "suggest.js", "sha256.js"])
def test_the_scripts_need_no_eval(name):
    code = COMMENTS.sub("", (JS / name).read_text(encoding="utf-8"))
    assert not re.search(r"\beval\s*\(|new\s+Function\b|innerHTML|setTimeout\(\s*[\"']", code)


@pytest.mark.django_db
def test_the_comment_section_carries_its_sentences_as_data_and_no_inline_script():
    article = make_commentable_article()
    client = Client(HTTP_HOST="casablanca.localhost")
    for url in (article.url, f"/comments/{article.pk}/"):
        html = client.get(url).content.decode()
        assert '<script id="comments-strings" type="application/json">' in html
        strings = re.search(
            r'<script id="comments-strings" type="application/json">(.*?)</script>', html, re.S
        )
        assert json.loads(strings.group(1))["left"] == "الأحرف المتبقية: {left} من {limit}"
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        inline = [
            attrs
            for attrs, body in scripts
            if body.strip() and not re.search(r'type="application/(ld\+)?json"', attrs)
        ]
        assert inline == [], inline
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)
        assert 'data-sha256="/static/akhbar/js/sha256.js"' in html
