"""Corrections and updates: dated notes on the article that also move its modification date."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from akhbar.news.corrections import ArticleCorrection
from tests.factories import BASE_TIME, make_article, make_section, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    site = make_site("casablanca.localhost", default=True)
    return make_article(make_section(site), "الحكومة تعلن خطة النقل")


def test_a_correction_and_an_update_show_on_the_article(client, article):
    later = BASE_TIME + timedelta(days=1)
    article.corrections.add(
        ArticleCorrection(kind="correction", text="ورد خطأً أن الخطة تشمل ثلاث مدن.", noted_at=later)
    )
    article.corrections.add(ArticleCorrection(kind="update", text="أضيف تصريح وزير النقل.", noted_at=later))
    article.save_revision().publish()
    html = client.get(article.url, HTTP_HOST="casablanca.localhost").content.decode()
    assert "ورد خطأً أن الخطة تشمل ثلاث مدن." in html and "أضيف تصريح وزير النقل." in html
    assert "تصحيح" in html and "تحديث" in html


def test_a_correction_moves_the_modification_date(article):
    assert article.modified_at == article.last_updated
    later = article.last_updated + timedelta(days=3)
    article.corrections.add(ArticleCorrection(text="تصحيح الاسم.", noted_at=later))
    assert article.modified_at == later


def test_an_empty_correction_is_refused_in_arabic():
    with pytest.raises(ValidationError) as error:
        ArticleCorrection(text="   ").clean()
    assert "اكتب نص التصحيح" in error.value.message_dict["text"][0]


def test_an_article_without_notes_has_no_corrections_box(client, article):
    html = client.get(article.url, HTTP_HOST="casablanca.localhost").content.decode()
    assert 'class="corrections"' not in html
