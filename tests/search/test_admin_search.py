"""The Wagtail admin's page search on akhbar's Arabic index (akhbar.search.wagtail_backend)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, Page
from wagtail.search.backends import get_search_backend

from akhbar.news.models import ArticlePage
from akhbar.search.wagtail_backend import AkhbarSearchBackend
from tests.factories import make_image, make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db

REFORMS = "الحكومة تعلن إصلاحات اقتصادية جديدة"
ECONOMY = "الاقتصاد المغربي ينمو رغم الجفاف"
PORT = "ميناء بيروت يستقبل أولى السفن"


@pytest.fixture
def network():
    casablanca = make_site("casablanca.localhost", default=True, name_ar="الدار البيضاء")
    beirut = make_site("beirut.localhost", name_ar="بيروت")
    economy = make_section(casablanca, "اقتصاد", slug="economy")
    beirut_news = make_section(beirut, "أخبار لبنان", slug="lebanon")
    reforms = make_story(economy, REFORMS, "أعلنت الحكومة حزمة إصلاحات تشمل الضرائب والجمارك.")
    growth = make_story(economy, ECONOMY, "سجّل الاقتصاد نموًا في الربع الثالث بفضل الصادرات.")
    port = make_story(beirut_news, PORT, "استقبل ميناء بيروت سفن الشحن بعد أشهر من الإصلاحات.")
    return {
        "casablanca": casablanca,
        "beirut": beirut,
        "economy": economy,
        "beirut_news": beirut_news,
        "reforms": reforms,
        "growth": growth,
        "port": port,
    }


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


@pytest.fixture
def beirut_editor_client(client, django_user_model, network):
    """An editor who may only edit the Beirut site's pages."""
    group = Group.objects.create(name="محررو بيروت")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=network["beirut"].root_page,
            permission=Permission.objects.get(codename=codename),
        )
    user = django_user_model.objects.create_user("beirut", "beirut@example.org", "x")
    user.groups.add(group)
    client.force_login(user)
    return client


def admin_search(client, q, **params):
    response = client.get("/admin/pages/search/", {"q": q, **params})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_default_backend_is_akhbars():
    assert isinstance(get_search_backend(), AkhbarSearchBackend)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("اصلاحات", REFORMS),  # hamza on the alef left out
        ("والإصلاحات", REFORMS),  # conjunction and article
        ("والاقتصاد", ECONOMY),  # prefixed form
        ("الاقْتِصَادُ", ECONOMY),  # harakat
        ("إقتصاد", ECONOMY),  # a wrong hamza
    ],
)
def test_editor_finds_an_article_by_an_arabic_spelling_variant(editor_client, network, query, title):
    html = admin_search(editor_client, query)
    assert title in html


def test_wagtails_database_backend_alone_misses_those_variants(network):
    # What the admin used before: the same query finds nothing, so the matches above are akhbar's.
    database = AkhbarSearchBackend({}).default
    titles = {p.title for p in database.autocomplete("اصلاحات", Page.objects.all())}
    assert REFORMS not in titles
    ours = {p.title for p in get_search_backend().autocomplete("اصلاحات", Page.objects.all())}
    assert REFORMS in ours


def test_results_come_in_relevance_order(network):
    # The headline holds the word, the other story only its body: the headline ranks first.
    results = get_search_backend().autocomplete("إصلاحات", Page.objects.all())
    titles = [p.title for p in results]
    assert titles[0] == REFORMS
    assert PORT in titles


def test_a_partly_typed_word_finds_headlines_that_start_with_it(editor_client, network):
    html = admin_search(editor_client, "والاقتصا")
    assert ECONOMY in html


def test_pages_outside_akhbars_index_are_still_found(editor_client, network):
    draft = network["economy"].add_child(
        instance=ArticlePage(title="مسودة عن الطاقة الشمسية", slug="solar-draft", live=False)
    )
    assert not draft.live
    html = admin_search(editor_client, "الشمسية")
    assert "مسودة عن الطاقة الشمسية" in html
    html = admin_search(editor_client, "اقتصاد")
    assert f'href="/admin/pages/{network["economy"].pk}/edit/"' in html  # the section page itself


def test_a_restricted_editor_only_sees_pages_they_may_explore(beirut_editor_client, network):
    html = admin_search(beirut_editor_client, "الإصلاحات")
    assert PORT in html
    assert REFORMS not in html


def test_results_respect_the_querysets_filters(network):
    backend = get_search_backend()
    beirut_only = Page.objects.descendant_of(network["beirut"].root_page)
    assert [p.title for p in backend.autocomplete("اصلاحات", beirut_only)] == [PORT]
    drafts = Page.objects.filter(live=False)
    assert list(backend.autocomplete("اصلاحات", drafts)) == []


def test_the_live_filter_of_the_admin_search_is_applied(editor_client, network):
    assert REFORMS in admin_search(editor_client, "اصلاحات live:yes")
    assert REFORMS not in admin_search(editor_client, "اصلاحات live:no")


def test_explicit_ordering_keeps_the_matches_and_follows_the_order(editor_client, network):
    html = admin_search(editor_client, "اصلاحات", ordering="title")
    assert html.index(REFORMS) < html.index(PORT)  # "الحكومة" sorts before "ميناء"
    html = admin_search(editor_client, "اصلاحات", ordering="-title")
    assert html.index(PORT) < html.index(REFORMS)


def test_results_slice_count_and_facet_like_a_queryset(network):
    backend = get_search_backend()
    results = backend.autocomplete("اصلاحات", Page.objects.all())
    everything = list(results)
    assert results.count() == len(everything) >= 2
    assert [p.pk for p in results[1:]] == [p.pk for p in everything[1:]]
    assert results[1:].count() == len(everything) - 1
    assert results[0].pk == everything[0].pk
    unordered = backend.autocomplete("اصلاحات", Page.objects.order_by("title"), order_by_relevance=False)
    assert [p.title for p in unordered] == sorted(p.title for p in everything)
    facets = results.facet("content_type_id")
    assert sum(facets.values()) == len(everything)
    scored = list(results.annotate_score("_score"))
    assert scored[0]._score > 0


def test_the_page_chooser_searches_the_same_way(editor_client, network):
    response = editor_client.get("/admin/choose-page/search/", {"q": "والاقتصاد"})
    assert response.status_code == 200
    assert ECONOMY in response.content.decode()


def test_the_explorer_search_within_a_section(editor_client, network):
    response = editor_client.get(f"/admin/pages/{network['economy'].pk}/", {"q": "اصلاحات"})
    assert response.status_code == 200
    html = response.content.decode()
    assert REFORMS in html and PORT not in html


@pytest.mark.parametrize(
    "query", ["", "   ", '"', "(", "NEAR(", "-", "*", "في من", "ـــ", "AND OR", "'", "\\"]
)
def test_an_empty_or_odd_query_is_no_error(editor_client, network, query):
    admin_search(editor_client, query)
    assert editor_client.get("/admin/choose-page/search/", {"q": query}).status_code == 200


def test_images_and_documents_still_use_the_database_backend(editor_client, network):
    image = make_image()
    image.title = "صورة وزير الاقتصاد"
    image.save()
    response = editor_client.get("/admin/images/", {"q": "وزير"})
    assert response.status_code == 200
    assert "صورة وزير الاقتصاد" in response.content.decode()
    document = get_document_model()(title="تقرير الميزانية السنوي")
    document.file.save("budget.txt", ContentFile(io.BytesIO("ميزانية".encode()).getvalue()), save=True)
    response = editor_client.get("/admin/documents/", {"q": "الميزانية"})
    assert response.status_code == 200
    assert "تقرير الميزانية السنوي" in response.content.decode()
    assert editor_client.get("/admin/snippets/news/author/", {"q": "سلمى"}).status_code == 200
    assert editor_client.get("/admin/users/", {"q": "editor"}).status_code == 200


def test_wagtails_update_index_runs_with_the_new_backend(editor_client, network):
    call_command("update_index", verbosity=0)
    call_command("wagtail_update_index", verbosity=0)
    assert REFORMS in admin_search(editor_client, "اصلاحات")
    assert {p.title for p in get_search_backend().autocomplete("ميناء", Page.objects.all())} == {PORT}


def test_the_admin_order_is_the_readers_order(network):
    from akhbar.search.service import search

    for n in range(4):
        make_story(network["economy"], f"تقرير رقم {n} عن الإصلاحات", "الإصلاحات " * n)
    admin = [p.pk for p in get_search_backend().autocomplete("الإصلاحات", Page.objects.all())]
    readers = [hit.page_id for hit in search("الإصلاحات", per_page=10).hits]
    assert len(readers) == 6  # the four reports, REFORMS and PORT
    assert admin[: len(readers)] == readers
