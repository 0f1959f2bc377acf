"""A refused CSRF check answers in Arabic, in the site's look, private, and gives the reader's text back."""

import pytest
from django.test import Client

from tests.factories import make_network, make_site

pytestmark = pytest.mark.django_db
HOST = "casablanca.localhost"


@pytest.fixture
def site():
    make_network()
    return make_site(HOST, default=True, name_ar="أنباء الدار البيضاء")


def test_a_post_without_a_valid_token_gets_an_arabic_page_with_the_text_kept(site):
    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    response = client.post("/", {"title": "x", "body": "تعليقي الطويل <b>كما كتبته</b>"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html and "تعذّر إرسال النموذج" in html
    assert "تعليقي الطويل &lt;b&gt;كما كتبته&lt;/b&gt;" in html  # given back, escaped
    assert "أنباء الدار البيضاء" in html  # the site's own masthead
    assert "no-store" in response["Cache-Control"] and "<style" not in html


def test_without_text_there_is_no_empty_box(site):
    response = Client(enforce_csrf_checks=True, HTTP_HOST=HOST).post("/", {"title": "x"})
    assert response.status_code == 403 and "kept-text" not in response.content.decode()


def test_the_admin_gets_its_own_arabic_page(site):
    response = Client(enforce_csrf_checks=True, HTTP_HOST=HOST).post("/admin/login/", {"username": "x"})
    html = response.content.decode()
    assert response.status_code == 403 and 'dir="rtl"' in html and "لوحة التحرير" in html
    assert "<style" not in html and "no-store" in response["Cache-Control"]
