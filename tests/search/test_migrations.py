"""The search migrations run frozen DDL: a populated index survives them forwards and backwards."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from akhbar.search.backends import Filters
from akhbar.search.indexing import reindex_all
from akhbar.search.models import SearchEntry
from akhbar.search.service import search
from tests.factories import BASE_TIME, make_section, make_site

from .factories import make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
LATEST = "0007_pg_document_statistics"


def migrate(target: str) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("search", target)])


def fts_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_fts")
        return cursor.fetchone()[0]


def fts_columns() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_info('search_fts')")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def populated():
    site = make_site("casablanca.localhost", default=True)
    other = make_site("beirut.localhost")
    sport = make_section(site, "رياضة")
    make_story(sport, "الانتخابات البلدية في الدار البيضاء", "فاز الحزب", published=BASE_TIME)
    make_story(sport, "نتائج الانتخابات البلدية", "أعلنت النتائج", published=BASE_TIME - timedelta(days=9))
    make_story(
        make_section(other, "سياسة"),
        "الانتخابات البلدية في بيروت",
        "جرت",
        published=BASE_TIME - timedelta(days=30),
    )
    yield site
    migrate(LATEST)  # whatever happened, leave the schema as the other tests expect it


def found(site) -> tuple[int, int, int]:
    return (
        search("الانتخابات").total,
        search("الانتخابات", Filters(site_id=site.pk)).total,
        search("الانتخابات", Filters(date_from=BASE_TIME - timedelta(days=1))).total,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table's shapes are SQLite's")
def test_sqlite_keeps_every_entrys_terms_through_the_table_rebuilds(populated):
    assert found(populated) == (3, 2, 1)
    migrate("0004_fts_facts")
    assert fts_rows() == 3 and "site" in fts_columns() and "facets" not in fts_columns()
    migrate("0003_fts_vocab")
    assert fts_rows() == 3 and "published" not in fts_columns()
    migrate(LATEST)
    assert "facets" in fts_columns() and fts_rows() == 3
    # The facets and dates were rebuilt from the entries: filters work without a reindex.
    assert found(populated) == (3, 2, 1)


def test_going_below_the_index_tables_and_back_keeps_the_entries_and_reindex_rebuilds(populated):
    migrate("0001_initial")
    assert SearchEntry.objects.count() == 3
    migrate(LATEST)
    assert SearchEntry.objects.count() == 3
    assert search("الانتخابات").total == 0  # the terms are rebuilt by `akhbar reindex`, not by a migration
    assert reindex_all() == 3
    assert found(populated) == (3, 2, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the document length column is PostgreSQL's")
def test_postgres_keeps_the_index_without_document_lengths_until_reindex(populated):
    def lengths() -> list:
        with connection.cursor() as cursor:
            cursor.execute("SELECT dl FROM search_searchentry ORDER BY id")
            return [row[0] for row in cursor.fetchall()]

    assert all(lengths()) and found(populated) == (3, 2, 1)
    migrate("0005_fts_facets")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchentry WHERE document IS NOT NULL")
        assert cursor.fetchone()[0] == 3  # the tsvectors stay
    migrate(LATEST)
    assert lengths() == [None, None, None]
    assert found(populated) == (3, 2, 1)  # entries without a length count as of average length
    assert reindex_all() == 3
    assert all(lengths()) and found(populated) == (3, 2, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tsvector column is PostgreSQL's")
def test_postgres_keeps_more_common_lexemes_of_the_documents(populated):
    def target() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute "
                "WHERE attrelid = 'search_searchentry'::regclass AND attname = 'document'"
            )
            return cursor.fetchone()[0]

    assert target() == 1000
    migrate("0006_pg_document_length")
    assert target() == -1 and found(populated) == (3, 2, 1)
    migrate(LATEST)
    assert target() == 1000 and found(populated) == (3, 2, 1)
