"""akhbar import-jsonl: real live pages under the right sections, idempotent, bad lines skipped."""

import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from akhbar.importers.jsonl import import_jsonl
from akhbar.importers.models import ImportedItem
from akhbar.news.models import ArticlePage, SectionPage
from akhbar.search.service import search
from tests.factories import make_section, make_site

pytestmark = pytest.mark.django_db


def row(n: int, **fields) -> str:
    data = {
        "id": f"X-{n}",
        "title": f"مباراة كرة القدم رقم {n}",
        "abstract": "ملخص المباراة",
        "text": "الفقرة الأولى عن المنتخب.\nالفقرة الثانية عن الملعب.",
        "category": "sport",
        "published": "Sun, 18 Feb 2018 21:35:43 +0400",
        "author": "وكالات",
        "url": f"http://example.com/{n}",
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture
def site():
    return make_site("casablanca.localhost", default=True)


def test_each_line_becomes_a_live_article_page_under_its_category_section(site):
    lines = [row(1), row(2, category="economy", title="ارتفاع أسعار النفط")]
    report = import_jsonl(lines, site, section_from_category=True)
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    oil = ArticlePage.objects.get(title="ارتفاع أسعار النفط")
    assert oil.live and oil.get_parent().title == "اقتصاد"
    assert oil.url_path.startswith(oil.get_parent().url_path)
    assert oil.first_published.isoformat() == "2018-02-18T17:35:43+00:00"
    assert [b.block_type for b in oil.body] == ["paragraph", "paragraph"]
    assert oil.authors.get().name == "وكالات"
    sport = SectionPage.objects.get(title="رياضة")
    assert sport.numchild == 1 and sport.get_children().get().specific.title == "مباراة كرة القدم رقم 1"
    Page.fix_tree(fix_paths=False)  # treebeard finds nothing to repair
    assert Page.find_problems() == ([], [], [], [], [])


def test_imported_articles_are_searchable_and_served(site, client):
    import_jsonl([row(1)], site)
    hit = search("الملعب").hits
    assert len(hit) == 1
    article = ArticlePage.objects.get()
    response = client.get(article.url, HTTP_HOST="casablanca.localhost")
    assert response.status_code == 200
    assert "الفقرة الثانية عن الملعب" in response.content.decode()


def test_importing_the_same_id_again_updates_instead_of_duplicating(site):
    import_jsonl([row(1), row(2)], site)
    report = import_jsonl([row(1, title="عنوان مصحح للمباراة")], site)
    assert (report.created, report.updated) == (0, 1)
    assert ArticlePage.objects.count() == 2
    assert ImportedItem.objects.count() == 2
    assert search("مصحح").total == 1
    assert search("رقم").total == 1


def test_bad_lines_are_reported_with_their_number_and_the_rest_goes_in(site):
    lines = [
        row(1),
        "{not json",
        json.dumps({"id": "no-title", "title": ""}),
        "",
        row(2, published="yesterday"),
        json.dumps([1, 2]),
        row(3),
    ]
    report = import_jsonl(lines, site)
    assert report.created == 2
    assert [number for number, _ in report.errors] == [2, 3, 5, 6]
    assert all(reason for _, reason in report.errors)


def test_without_section_from_category_articles_go_to_the_sites_first_section(site):
    news = make_section(site, "آخر الأخبار")
    import_jsonl([row(1), row(2, category="economy")], site)
    assert set(ArticlePage.objects.values_list("path", flat=True)) == {
        p for p in ArticlePage.objects.child_of(news).values_list("path", flat=True)
    }


def test_same_titles_get_distinct_slugs(site):
    import_jsonl([row(1, title="عنوان واحد"), row(2, title="عنوان واحد")], site)
    slugs = list(ArticlePage.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 2


def test_command_reads_gzip_and_reports_bad_lines(site, tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(row(1) + "\n" + "oops\n" + row(2) + "\n")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import-jsonl",
        str(path),
        "--site",
        "casablanca.localhost",
        "--section-from-category",
        stdout=out,
        stderr=err,
    )
    assert ArticlePage.objects.count() == 2
    assert "السطر 2" in err.getvalue()
    assert "أُضيف 2" in out.getvalue()


def test_command_refuses_an_unknown_site(site, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "a.jsonl"
    path.write_text(row(1), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import-jsonl", str(path), "--site", "nowhere.example")


def test_command_reads_standard_input(site, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(row(1) + "\n" + row(2) + "\n"))
    call_command("import-jsonl", "-", stdout=io.StringIO(), stderr=io.StringIO())
    assert ArticlePage.objects.count() == 2


def test_the_date_forms_of_real_archives_go_in(site):
    dates = [
        "17/05/2015",
        "17 أيار 2015",
        "3 جانفي 2017",
        "17 février 2015",
        "2017-01-22T185600",
        "١٧/٠٥/٢٠١٥",
    ]
    report = import_jsonl([row(n, published=d) for n, d in enumerate(dates)], site)
    assert (report.created, report.errors) == (6, [])
    published = {a.slug: a.first_published.date().isoformat() for a in ArticlePage.objects.all()}
    assert sorted(set(published.values())) == ["2015-02-17", "2015-05-17", "2017-01-03", "2017-01-22"]


def test_an_ambiguous_date_is_reported_with_its_line_and_skipped(site):
    report = import_jsonl([row(1), row(2, published="05/17/2015"), row(3, published="17/05/15")], site)
    assert report.created == 1
    assert [number for number, _ in report.errors] == [2, 3]
    assert "05/17/2015" in report.errors[0][1]


def test_command_reads_month_first_dates_and_local_times_when_asked(site, tmp_path):
    path = tmp_path / "us.jsonl"
    path.write_text(row(1, published="05/17/2015 14:30") + "\n", encoding="utf-8")
    call_command(
        "import-jsonl", str(path), "--month-first", "--timezone", "Africa/Tunis", stdout=io.StringIO()
    )
    assert ArticlePage.objects.get().first_published.isoformat() == "2015-05-17T13:30:00+00:00"


def test_command_refuses_an_unknown_time_zone(site, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "a.jsonl"
    path.write_text(row(1), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import-jsonl", str(path), "--timezone", "Mars/Olympus")


JAWHARA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news" / "ant-jawharafm.jsonl.gz"


@pytest.mark.skipif(not JAWHARA.exists(), reason="shared JawharaFM corpus not present")
def test_a_real_archive_with_both_date_forms_goes_in_without_a_skipped_line(site):
    with gzip.open(JAWHARA, "rt", encoding="utf-8") as handle:
        lines = [line for _, line in zip(range(300), handle, strict=False)]
    assert any("/" in json.loads(line)["published"] for line in lines)
    assert any("T" in json.loads(line)["published"] for line in lines)
    report = import_jsonl(lines, site, section_from_category=True)
    assert (report.created, report.errors) == (300, [])
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_line_without_a_date_is_published_at_the_import_time_and_indexed_so(site):
    from django.utils import timezone

    from akhbar.search.models import SearchEntry

    before = timezone.now()
    report = import_jsonl([row(1, published=""), row(2, published=None)], site)
    assert (report.created, report.errors) == (2, [])
    for article in ArticlePage.objects.all():
        assert article.first_published >= before and article.first_published == article.first_published_at
        assert SearchEntry.objects.get(page_id=article.pk).published == article.first_published


def test_a_line_imported_exactly_as_it_is_is_left_alone(site):
    import_jsonl([row(1), row(2)], site)
    article = ArticlePage.objects.get(title="مباراة كرة القدم رقم 1")
    article.summary = "ملخص صححه المحرر"
    article.save()
    report = import_jsonl([row(1), row(2), row(3)], site)
    assert (report.created, report.updated, report.unchanged) == (1, 0, 2)
    assert ArticlePage.objects.get(pk=article.pk).summary == "ملخص صححه المحرر"
    report = import_jsonl([row(1, abstract="ملخص جديد من المصدر")], site)
    assert (report.updated, report.unchanged) == (1, 0)
    assert ArticlePage.objects.get(pk=article.pk).summary == "ملخص جديد من المصدر"
