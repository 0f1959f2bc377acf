"""What every index backend offers (the interface), the options it is built with, and what they share.

The backends hold the same analyzed terms (akhbar.search.analysis) and answer the same calls:
``write`` / ``clear`` keep the terms beside the ``SearchEntry`` rows, ``search`` ranks the first stage,
``document_frequencies`` and ``corpus_size`` give the corpus statistics the second stage needs, ``suggest``
finds headlines by a word's start. Their tunables come from settings (``AKHBAR_SEARCH["OPTIONS"]``) as
an ``Options`` value, as Wagtail passes a backend's params from ``WAGTAILSEARCH_BACKENDS``.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Protocol

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from ..analysis import Streams
from ..query import ParsedQuery

logger = logging.getLogger(__name__)

ENTRY_TABLE = "search_searchentry"
AUTHORS_TABLE = "news_articlepage_authors"
CORPUS_SIZE_KEY = "akhbar:search:corpus-size"
AVERAGE_LENGTH_KEY = "akhbar:search:average-length"  # PostgreSQL's BM25 avgdl (postgres.backend)
EPOCH_JULIAN_DAY = 2440587.5


@dataclass(frozen=True)
class Options:
    """A backend's tunables (settings: ``AKHBAR_SEARCH = {"OPTIONS": {"SELECT_BUDGET": 2000, …}}``).

    Bounded work per query (SQLite; see akhbar.search.backends.sqlite.planner): words are sorted by how
    many entries hold them, estimated on the newest ``df_window`` entries; the rarest, while their
    entries add up to ``select_budget``, select the candidates; the others are scored on those candidates
    when at most ``score_limit`` entries hold them, and left to the second stage above that.
    ``pair_words``: how many of the scored words also select pairs; ``headline_limit`` /
    ``headline_enough``: when the rarest word's headline matches are taken, and when they are enough;
    ``recent_rows``: that word's newest entries taken beside them; ``newest_window``: the entries the
    "newest" path reads first. PostgreSQL uses ``select_budget`` the same way, with the planner's
    estimates, and on a large table ranks at most ``rank_limit`` matches (the newest; ts_rank_cd costs
    tens of µs per entry and phrase, where FTS5's BM25 costs one or two). ``exact_df_limit``: above this many entries document frequencies (and PostgreSQL's entry
    count) are estimated, not counted. ``recency_window``: how many of the best first-stage matches the
    recency factor re-orders. ``cache_kib``: SQLite's page cache for a searching connection (the default
    is 2 MiB). ``corpus_size_ttl``: seconds the number of entries is cached."""

    select_budget: float = 2000
    score_limit: float = 15000
    df_window: int = 5000
    pair_words: int = 3
    headline_enough: int = 100
    headline_limit: int = 5000
    recent_rows: int = 500
    newest_window: int = 10000
    rank_limit: int = 500
    exact_df_limit: int = 50000
    recency_window: int = 200
    cache_kib: int = 65536
    corpus_size_ttl: int = 60

    @classmethod
    def from_params(cls, params: Mapping[str, Any] | None) -> Options:
        """Options from a settings dict; keys are the field names, upper or lower case."""
        known = {f.name for f in fields(cls)}
        values = {}
        for key, value in (params or {}).items():
            name = key.lower()
            if name not in known:
                raise ImproperlyConfigured(f"AKHBAR_SEARCH OPTIONS: unknown option {key!r}")
            values[name] = value
        return cls(**values)


class Total(int):
    """A number of matches; ``estimated`` when it was extrapolated from the newest entries."""

    estimated: bool = False

    def __new__(cls, value: int, estimated: bool = False) -> Total:
        total = super().__new__(cls, value)
        total.estimated = estimated
        return total


class IndexedFacts(Protocol):
    """What the index stores beside the terms of a document (akhbar.search.documents.IndexDocument)."""

    published: datetime | None
    site_id: int | None
    section_id: int | None


@dataclass(frozen=True)
class Ranking:
    """Tunable ranking: BM25 field weights, the weight of the extra (heavier-stem) stream relative to
    the light one, and the recency boost (0 turns it off) with its half-life in days."""

    title: float = 4.0
    summary: float = 2.0
    body: float = 1.0
    extra: float = 0.7
    recency_boost: float = 0.15
    half_life_days: float = 30.0


DEFAULT_RANKING = Ranking()


@dataclass(frozen=True)
class Filters:
    site_id: int | None = None
    section_id: int | None = None
    author_id: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    exclude_page_ids: tuple[int, ...] = ()


def julian_day(moment: datetime | None) -> float | None:
    """Days since the Julian epoch (what SQLite's julianday() returns) of an aware datetime."""
    return None if moment is None else moment.timestamp() / 86400.0 + EPOCH_JULIAN_DAY


def recency_factor(published: datetime | str | None, now: datetime, ranking: Ranking) -> float:
    """1 + boost · h / (h + age in days): 1 + boost for a story of now, 1 + boost / 2 at the half-life."""
    if published is None:
        return 1.0
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    age = max(0.0, (now - published).total_seconds() / 86400.0)
    return 1.0 + ranking.recency_boost * ranking.half_life_days / (ranking.half_life_days + age)


def corpus_key(prefix: str = CORPUS_SIZE_KEY) -> str:
    """The cache key of a corpus statistic of the default database."""
    return f"{prefix}:{connection.settings_dict.get('NAME')}"


def _corpus_size_key() -> str:
    return corpus_key(CORPUS_SIZE_KEY)


def forget_corpus_size() -> None:
    """Drop the cached corpus statistics (the number of entries, and PostgreSQL's mean entry length)
    after the index changed. A cache that cannot be reached is not an error: they are computed again
    when next needed."""
    try:
        cache.delete_many([_corpus_size_key(), corpus_key(AVERAGE_LENGTH_KEY)])
    except Exception:  # the cache is a convenience here, never a dependency
        logger.warning("search: could not drop the cached corpus size", exc_info=True)


class BaseBackend(ABC):
    """One index backend over the analyzed terms; ``options`` are its tunables."""

    vendor: str = ""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()

    # --- writing ---------------------------------------------------------------------------------
    def write(self, cursor, rows: Iterable[tuple[int, Sequence[Streams], IndexedFacts]]) -> None:
        """Store the terms of new entries (entry id, one Streams per field, the facts)."""
        self.write_terms(cursor, [(entry_id, self.terms_value(s), facts) for entry_id, s, facts in rows])

    @abstractmethod
    def terms_value(self, streams: Sequence[Streams]) -> tuple:
        """What ``write_terms`` stores of an entry's terms, from its streams alone (no database, no
        facts, picklable): the bulk importer computes it in the process that analyzes the text, so a
        document travels between processes as a few strings instead of every term."""

    @abstractmethod
    def write_terms(self, cursor, rows: Iterable[tuple[int, tuple, IndexedFacts]]) -> None:
        """Store new entries' terms given as (entry id, ``terms_value`` of its streams, the facts)."""

    @abstractmethod
    def clear(self, cursor) -> None:
        """Drop every entry's terms (the entries themselves are the caller's)."""

    # --- reading ---------------------------------------------------------------------------------
    @abstractmethod
    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        ranking: Ranking,
        now: datetime,
        limit: int,
        offset: int,
        with_total: bool = True,
    ) -> tuple[int, list[tuple[int, float]]]:
        """(total, [(page_id, score)]) best first; without ``with_total`` no count is run and the total
        is only what was fetched (a ``Total`` with ``estimated`` set when it was extrapolated)."""

    @abstractmethod
    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term (in any field)."""

    @abstractmethod
    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        """Page ids of the newest entries with a headline word starting with ``prefix``."""

    @abstractmethod
    def count_entries(self, cursor) -> int:
        """How many entries the index holds, read from the database (see ``corpus_size``)."""

    def corpus_size(self) -> int:
        """How many entries the index holds: the one cached corpus statistic, kept
        ``options.corpus_size_ttl`` seconds (dropped when the index is written); computed when the
        cache cannot be reached."""
        key = _corpus_size_key()
        try:
            size = cache.get(key)
        except Exception:
            logger.warning("search: cache unreachable, counting the entries", exc_info=True)
            size = None
        if size is not None:
            return int(size)
        with connection.cursor() as cursor:
            size = self.count_entries(cursor)
        try:
            cache.set(key, size, self.options.corpus_size_ttl)
        except Exception:
            logger.warning("search: could not cache the corpus size", exc_info=True)
        return size
