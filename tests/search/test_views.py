"""The search page per site and across the network, and the JSON API with its 400s."""

import pytest

from tests.factories import make_author, make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    casablanca = make_site("casablanca.localhost", default=True, name_ar="الدار البيضاء")
    beirut = make_site("beirut.localhost", name_ar="بيروت")
    sport = make_section(casablanca, "رياضة", slug="sport")
    economy = make_section(casablanca, "اقتصاد", slug="economy")
    beirut_sport = make_section(beirut, "رياضة", slug="sport")
    make_story(sport, "الوداد يفوز بالدوري", "فاز فريق الوداد بلقب الدوري بعد مباراة صعبة.")
    make_story(economy, "البنك المركزي يرفع سعر الفائدة", "قرر البنك المركزي رفع الفائدة.")
    make_story(beirut_sport, "الأنصار يفوز بالدوري اللبناني", "فاز الأنصار بلقب الدوري.")
    return {"casablanca": casablanca, "beirut": beirut, "sport": sport, "economy": economy}


def get_page(client, query: str, host: str = "casablanca.localhost"):
    return client.get("/search/", {"q": query} if isinstance(query, str) else query, HTTP_HOST=host)


def test_search_page_shows_this_sites_results_with_highlighted_words(client, network):
    response = get_page(client, "الدوري")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>بالدوري</mark>" in html
    assert "الوداد" in html and "الأنصار" not in html
    assert 'dir="rtl"' in html


def test_search_page_can_search_the_whole_network(client, network):
    html = get_page(client, {"q": "الدوري", "site": "all"}).content.decode()
    assert "الوداد" in html and "الأنصار" in html
    assert "نتيجتان" in html  # the dual, not "2 نتيجة"
    assert "بيروت" in html  # the other site is named on its result


def test_search_page_has_an_honest_empty_state(client, network):
    html = get_page(client, "طائرات").content.decode()
    assert "لم نجد أي خبر يطابق «طائرات»" in html
    assert "site=all" in html


def test_search_page_without_a_query_shows_the_form_only(client, network):
    response = client.get("/search/", HTTP_HOST="casablanca.localhost")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_search_page_rejects_a_bad_page_number_with_400(client, network):
    response = get_page(client, {"q": "الدوري", "page": "abc"})
    assert response.status_code == 400
    assert "رقم الصفحة" in response.content.decode()


def test_api_returns_results_best_first_with_the_documented_fields(client, network):
    response = client.get("/api/search", {"q": "الدوري الوداد"}, HTTP_HOST="casablanca.localhost")
    data = response.json()
    assert response.status_code == 200
    assert data["total"] == 2
    first = data["results"][0]
    assert set(first) == {"url", "title", "snippet", "published", "section", "site", "score"}
    assert first["title"] == "الوداد يفوز بالدوري"
    assert first["section"] == "رياضة" and first["site"] == "الدار البيضاء"
    assert first["url"].startswith("http://casablanca.localhost")
    assert data["results"][0]["score"] >= data["results"][1]["score"]


def test_api_filters_by_site_and_section(client, network):
    by_site = client.get("/api/search", {"q": "الدوري", "site": "beirut.localhost"}).json()
    assert [r["title"] for r in by_site["results"]] == ["الأنصار يفوز بالدوري اللبناني"]
    by_section = client.get(
        "/api/search", {"q": "فاز البنك", "site": "casablanca.localhost", "section": "economy"}
    ).json()
    assert [r["title"] for r in by_section["results"]] == ["البنك المركزي يرفع سعر الفائدة"]


def test_api_filters_by_author(client, network):
    author = make_author("سلمى", slug="salma")
    story = make_story(network["sport"], "الوداد في نصف النهائي", "")
    story.authors.set([author])
    story.save()
    data = client.get("/api/search", {"q": "الوداد", "author": "salma"}).json()
    assert [r["title"] for r in data["results"]] == ["الوداد في نصف النهائي"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "مطلوب"),
        ({"q": "   "}, "مطلوب"),
        ({"q": "الدوري", "page": "0"}, "رقم الصفحة"),
        ({"q": "الدوري", "page": "x"}, "رقم الصفحة"),
        ({"q": "الدوري", "site": "nowhere.example"}, "لا يوجد موقع"),
        ({"q": "الدوري", "section": "no-such-section"}, "لا يوجد قسم"),
        ({"q": "الدوري", "author": "nobody"}, "لا يوجد كاتب"),
        ({"q": "الدوري", "from": "2017-13-40"}, "تاريخ البداية"),
        ({"q": "الدوري", "from": "2018-01-02", "to": "2018-01-01"}, "بعد تاريخ النهاية"),
        ({"q": "ب" * 400}, "أطول"),
    ],
)
def test_api_answers_bad_parameters_with_400_and_a_clear_message(client, network, params, message):
    response = client.get("/api/search", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_api_paginates(client, network):
    for n in range(12):
        make_story(network["sport"], f"مباراة ودية رقم {n}", "")
    first = client.get("/api/search", {"q": "مباراة", "page": "1"}).json()
    second = client.get("/api/search", {"q": "مباراة", "page": "2"}).json()
    assert first["total"] == second["total"] == 13
    assert len(first["results"]) == 10 and len(second["results"]) == 3


def test_suggestions_match_the_start_of_the_last_word(client, network):
    data = client.get("/api/search/suggest", {"q": "المركز"}).json()
    assert [r["title"] for r in data["results"]] == ["البنك المركزي يرفع سعر الفائدة"]
    assert client.get("/api/search/suggest", {"q": "ا"}).json()["results"] == []


def test_suggestions_while_the_word_after_the_article_is_still_short(client, network):
    # "البن" is also a whole word (coffee), which the stemmer keeps; the reader may be typing البنك.
    data = client.get("/api/search/suggest", {"q": "البن"}).json()
    assert "البنك المركزي يرفع سعر الفائدة" in [r["title"] for r in data["results"]]


def test_suggestions_announce_their_number_in_correct_arabic(client, network):
    from akhbar.network.models import SiteProfile
    from akhbar.search.views import suggestions_phrase

    assert [suggestions_phrase(n) for n in (0, 1, 2, 3, 11, 100)] == [
        "لا اقتراحات",
        "اقتراح واحد",
        "اقتراحان",
        "3 اقتراحات",
        "11 اقتراحًا",
        "100 اقتراح",
    ]
    for n in range(3):
        make_story(network["economy"], f"البنك الدولي يقرض المغرب {n}", "")
    data = client.get("/api/search/suggest", {"q": "البنك", "site": "casablanca.localhost"}).json()
    assert len(data["results"]) == 4
    assert data["announcement"] == "4 اقتراحات"
    profile = SiteProfile.for_site(network["casablanca"])
    profile.digits = "arabic"
    profile.save()
    data = client.get("/api/search/suggest", {"q": "البنك", "site": network["casablanca"].pk}).json()
    assert data["announcement"] == "٤ اقتراحات"
    assert client.get("/api/search/suggest", {"q": "طائرا"}).json()["announcement"] == "لا اقتراحات"


def test_suggestions_stay_on_the_site_asked_for(client, network):
    casablanca = client.get("/api/search/suggest", {"q": "الدور", "site": "casablanca.localhost"}).json()
    assert [r["title"] for r in casablanca["results"]] == ["الوداد يفوز بالدوري"]
    everywhere = client.get("/api/search/suggest", {"q": "الدور"}).json()
    assert len(everywhere["results"]) == 2


def test_header_box_offers_suggestions_for_this_site_and_keeps_the_query(client, network):
    home = client.get("/", HTTP_HOST="casablanca.localhost").content.decode()
    site_id = network["casablanca"].pk
    assert f'data-suggest-url="/api/search/suggest" data-site="{site_id}"' in home
    assert 'role="listbox"' in home and 'role="status"' in home
    assert "akhbar/js/suggest.js" in home and "<script defer" in home
    header = home[home.index('id="header-search"') :]
    assert "value=" not in header[: header.index(">")]
    results = get_page(client, "الدوري").content.decode()
    box = results[results.index('id="header-search"') :]
    assert 'value="الدوري"' in box[: box.index(">")]
    bad = get_page(client, {"q": "الدوري", "page": "x"}).content.decode()
    box = bad[bad.index('id="header-search"') :]
    assert 'value="الدوري"' in box[: box.index(">")]


def test_result_counts_in_correct_arabic_and_about_when_estimated():
    from akhbar.search.backends import Total
    from akhbar.search.views import results_phrase

    assert [results_phrase(n) for n in (1, 2, 3, 11, 100)] == [
        "نتيجة واحدة",
        "نتيجتان",
        "3 نتائج",
        "11 نتيجةً",
        "100 نتيجة",
    ]
    assert results_phrase(Total(12000, estimated=True), "arabic") == "نحو ١٢٠٠٠ نتيجة"
    assert results_phrase(Total(7, estimated=False)) == "7 نتائج"
