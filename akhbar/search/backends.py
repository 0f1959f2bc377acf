"""The two index backends over the same terms: SQLite FTS5 (default) and PostgreSQL tsvector.

SQLite: a virtual table ``search_fts`` with six columns, the light and extra streams of title, summary
and body (see akhbar.search.analysis), rowid = SearchEntry.id, tokenized on whitespace only ('ascii'
tokenizer: terms come in analyzed already), a "facets" column of site and section terms (s12 c34: those
filters are index lookups inside MATCH) and the date (UNINDEXED). Ranking is FTS5's BM25 with a weight
per column, computed from the index alone; the recency factor then re-orders the best 200.

PostgreSQL: a tsvector column ``document`` on the entries' table with a GIN index; it is written
as a literal (no text search configuration touches the terms), title terms weighted A, summary B and
body C, positions from the light stream. Ranking is ts_rank with the same field weights.

On both, the score is multiplied by a recency factor: 1 + boost * h / (h + age in days).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .analysis import FIELDS, Streams, WordTerms
from .query import ParsedQuery

FTS_TABLE = "search_fts"
ENTRY_TABLE = "search_searchentry"
AUTHORS_TABLE = "news_articlepage_authors"
PG_MAX_POSITION = 16383


EPOCH_JULIAN_DAY = 2440587.5


def forget_corpus_size() -> None:
    """Drop the cached entry counts (SQLiteBackend._corpus_size), e.g. after a test changed the index."""
    _corpus_sizes.clear()


def julian_day(moment: datetime | None) -> float | None:
    """Days since the Julian epoch (what SQLite's julianday() returns) of an aware datetime."""
    return None if moment is None else moment.timestamp() / 86400.0 + EPOCH_JULIAN_DAY


RECENCY_WINDOW = 200

# Bounded work per query on SQLite (see SQLiteBackend.plan). FTS5 pays for every match of a MATCH when it
# ranks (BM25 reads each matching row's term counts and size) and for every posting of every phrase when
# it computes the phrases' idf; both grow with the index. Words are therefore sorted by how many entries
# hold them (estimated on the newest DF_WINDOW entries) and:
# - the rarest ones, while their entries add up to at most SELECT_BUDGET, select the candidates;
# - the others are still scored (BM25, with the same global idf) on those candidates, when they are held
#   by at most SCORE_LIMIT entries; words more common than that are left to the second stage.
# An index whose entries fit in the window is planned on exact counts; a query whose words all fit in the
# budget runs as one plain MATCH (what is found and its order do not change).
SELECT_BUDGET = 2000
SCORE_LIMIT = 15000
DF_WINDOW = 5000
PAIR_WORDS = 3
HEADLINE_ENOUGH = 100
NEWEST_WINDOW = 10000
RECENT_ROWS = 500
HEADLINE_LIMIT = 5000
# SQLite's page cache for a connection that searches (KiB; the default is 2 MiB): a query of a large index
# reads a few thousand pages of term lists and entry sizes, and the next query reads many of them again.
CACHE_KIB = 65536
# document_frequencies() counts exactly up to this many entries, and estimates on the window above it.
EXACT_DF_LIMIT = 50000
CORPUS_SIZE_TTL = 60.0
_corpus_sizes: dict[str, tuple[float, int]] = {}


class Total(int):
    """A number of matches; ``estimated`` when it was extrapolated from the newest entries."""

    estimated: bool = False

    def __new__(cls, value: int, estimated: bool = False) -> Total:
        total = super().__new__(cls, value)
        total.estimated = estimated
        return total


class IndexedFacts(Protocol):
    """What the index stores beside the terms of a document (akhbar.search.indexing.IndexDocument)."""

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


@dataclass(frozen=True)
class Filters:
    site_id: int | None = None
    section_id: int | None = None
    author_id: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    exclude_page_ids: tuple[int, ...] = ()


def _where(filters: Filters, params: list) -> str:
    clauses = []
    if filters.site_id is not None:
        clauses.append("e.site_id = %s")
        params.append(filters.site_id)
    if filters.section_id is not None:
        clauses.append("e.section_id = %s")
        params.append(filters.section_id)
    if filters.author_id is not None:
        clauses.append(f"e.page_id IN (SELECT articlepage_id FROM {AUTHORS_TABLE} WHERE author_id = %s)")
        params.append(filters.author_id)
    if filters.date_from is not None:
        clauses.append("e.published >= %s")
        params.append(filters.date_from)
    if filters.date_to is not None:
        clauses.append("e.published < %s")
        params.append(filters.date_to)
    if filters.exclude_page_ids:
        clauses.append(f"e.page_id NOT IN ({', '.join(['%s'] * len(filters.exclude_page_ids))})")
        params.extend(filters.exclude_page_ids)
    return "".join(f" AND {c}" for c in clauses)


@dataclass(frozen=True)
class QueryPlan:
    """How SQLite runs a query: ``selectors`` (FTS5 expressions) give the candidates, ``select`` and
    ``score`` are the words scored on them, ``dropped`` those left to the second stage; ``headline_only``
    says the selector is the rarest word in a headline, ``recent_floor`` adds that word's entries above
    this rowid; ``newest`` (every word very common) reads the most recently indexed matches, without
    BM25. ``floor`` and ``corpus`` are the estimation window's lowest rowid (None: the whole index) and
    the number of entries."""

    select: tuple[WordTerms, ...] = ()
    score: tuple[WordTerms, ...] = ()
    dropped: tuple[WordTerms, ...] = ()
    selectors: tuple[str, ...] = ()
    headline_only: bool = False
    recent_floor: int | None = None
    newest: bool = False
    floor: int | None = None
    corpus: int = 0
    frequencies: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def exact(self) -> bool:
        """True when the plan is the plain MATCH of every word (nothing bounded)."""
        if self.score or self.dropped or self.headline_only or self.newest:
            return False
        return self.recent_floor is None


class SQLiteBackend:
    vendor = "sqlite"

    def create_schema(self, cursor) -> None:
        columns = ", ".join(f"{f}, {f}_x" for f in FIELDS)
        # Site and section are terms of an indexed "facets" column (s12 c34), so filtering by them is an
        # index lookup inside MATCH; the date is UNINDEXED (read only for a date-range filter).
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({columns}, facets, "
            "published UNINDEXED, tokenize='ascii')"
        )
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE}_vocab USING fts5vocab({FTS_TABLE}, 'row')"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS search_entry_deleted AFTER DELETE ON {ENTRY_TABLE} "
            f"BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END"
        )

    def drop_schema(self, cursor) -> None:
        cursor.execute("DROP TRIGGER IF EXISTS search_entry_deleted")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}_vocab")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")

    @staticmethod
    def _facets(site_id: int | None, section_id: int | None) -> str:
        return " ".join(f"{p}{v}" for p, v in (("s", site_id), ("c", section_id)) if v is not None)

    def write(self, cursor, rows: Iterable[tuple[int, Sequence[Streams], IndexedFacts]]) -> None:
        """Insert the terms of new entries (their old rows are gone with the old entries)."""
        data = []
        for entry_id, streams, facts in rows:
            values = [entry_id]
            for s in streams:
                values.extend((" ".join(s.light), " ".join(s.extra)))
            values.extend((self._facets(facts.site_id, facts.section_id), julian_day(facts.published)))
            data.append(values)
        columns = ", ".join(f"{f}, {f}_x" for f in FIELDS)
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {columns}, facets, published) VALUES ({', '.join(['%s'] * 9)})",
            data,
        )

    @staticmethod
    def _facet_match(filters: Filters) -> str:
        """The part of the MATCH expression that applies the site and section filters."""
        terms = []
        if filters.site_id is not None:
            terms.append(f"s{int(filters.site_id)}")
        if filters.section_id is not None:
            terms.append(f"c{int(filters.section_id)}")
        return " AND ".join(f'{{facets}} : "{t}"' for t in terms)

    @staticmethod
    def _where(filters: Filters, params: list) -> str:
        """The other filters: rowid lookups (author, excluded pages) and the date (read per match)."""
        clauses = []
        if filters.date_from is not None:
            clauses.append("f.published >= %s")
            params.append(julian_day(filters.date_from))
        if filters.date_to is not None:
            clauses.append("f.published < %s")
            params.append(julian_day(filters.date_to))
        if filters.author_id is not None:
            clauses.append(
                f"f.rowid IN (SELECT e.id FROM {ENTRY_TABLE} e JOIN {AUTHORS_TABLE} a "
                "ON a.articlepage_id = e.page_id WHERE a.author_id = %s)"
            )
            params.append(filters.author_id)
        if filters.exclude_page_ids:
            marks = ", ".join(["%s"] * len(filters.exclude_page_ids))
            clauses.append(f"f.rowid NOT IN (SELECT id FROM {ENTRY_TABLE} WHERE page_id IN ({marks}))")
            params.extend(filters.exclude_page_ids)
        return "".join(f" AND {c}" for c in clauses)

    def _match_params(self, match: str, filters: Filters) -> tuple[str, list]:
        facets = self._facet_match(filters)
        params: list = [f"({match}) AND {facets}" if facets else match]
        return self._where(filters, params), params

    @staticmethod
    def _page_ids(cursor, rows: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """(entry id, score) -> (page id, score), in the same order."""
        if not rows:
            return []
        cursor.execute(
            f"SELECT id, page_id FROM {ENTRY_TABLE} WHERE id IN ({', '.join(['%s'] * len(rows))})",
            [r[0] for r in rows],
        )
        pages = dict(cursor.fetchall())
        return [(pages[entry_id], score) for entry_id, score in rows if entry_id in pages]

    @staticmethod
    def _quote(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    def _word(self, word: WordTerms, headline: bool = False) -> str:
        light_columns, extra_columns = (
            ("title", "title_x") if headline else ("title summary body", "title_x summary_x body_x")
        )
        light = f"{{{light_columns}}} : {self._quote(word.light)}"
        if not word.extra:
            return light
        extras = " OR ".join(self._quote(t) for t in word.extra)
        return f"({light} OR {{{extra_columns}}} : ({extras}))"

    def _phrase(self, terms: list[str]) -> str:
        return "{title summary body} : " + self._quote(" ".join(terms))

    def _excluding(self, expression: str, query: ParsedQuery) -> str:
        excluded = [self._word(w) for w in query.excluded_words]
        excluded += [self._phrase(p) for p in query.excluded_phrases]
        return f"({expression}) NOT ({' OR '.join(excluded)})" if excluded else expression

    def match_expression(self, query: ParsedQuery) -> str:
        words = [self._word(w) for w in query.words]
        phrases = [self._phrase(p) for p in query.phrases]
        if phrases:
            # Phrases are required; words only add to the score (each OR group also contains the first
            # phrase, so it never fails on its own).
            expression = " AND ".join(phrases)
            if words:
                expression += " AND (" + " OR ".join([*words, phrases[0]]) + ")"
        else:
            expression = " OR ".join(words)
        return self._excluding(expression, query)

    # --- bounded work: the plan ---------------------------------------------------------------------
    @staticmethod
    def _corpus_size(cursor) -> int:
        key = str(connection.settings_dict.get("NAME"))
        cached = _corpus_sizes.get(key)
        if cached and time.monotonic() - cached[0] < CORPUS_SIZE_TTL:
            return cached[1]
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize")
        size = cursor.fetchone()[0]
        _corpus_sizes[key] = (time.monotonic(), size)
        return size

    @staticmethod
    def _tune(cursor) -> None:
        """Give this connection a page cache of CACHE_KIB (once: the pragma stays with the connection)."""
        cursor.execute("PRAGMA cache_size")
        if cursor.fetchone()[0] != -CACHE_KIB:
            cursor.execute(f"PRAGMA cache_size = -{int(CACHE_KIB)}")

    def _window(self, cursor) -> tuple[int | None, int]:
        """(lowest rowid of the newest DF_WINDOW entries, entries in the index); the rowid is None when
        the whole index fits in the window (counts on it are then exact)."""
        cursor.execute(
            f"SELECT id FROM {FTS_TABLE}_docsize ORDER BY id DESC LIMIT 1 OFFSET %s", [DF_WINDOW - 1]
        )
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize")
            return None, cursor.fetchone()[0]
        return row[0], max(self._corpus_size(cursor), DF_WINDOW)

    @staticmethod
    def _count(cursor, match: str, floor: int | None, corpus: int, where: str = "", params=()) -> int:
        """Entries matching ``match``: counted on the whole index, or on the window and scaled up."""
        if floor is None:
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where}", [match, *params]
            )
            return cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*) FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s AND f.rowid >= %s{where}",
            [match, floor, *params],
        )
        return round(cursor.fetchone()[0] * corpus / DF_WINDOW)

    @staticmethod
    def _recent_floor(cursor, rows: int, held: int, floor: int | None, corpus: int) -> int:
        """The rowid above which lie about ``rows`` of the ``held`` entries of a word (spread evenly),
        from the density of rowids in the window."""
        cursor.execute(
            f"SELECT (SELECT min(id) FROM {FTS_TABLE}_docsize), (SELECT max(id) FROM {FTS_TABLE}_docsize)"
        )
        lowest, highest = cursor.fetchone()
        low = lowest if floor is None else floor
        span = (highest - low + 1) / (corpus if floor is None else DF_WINDOW)  # rowids per entry
        entries = max(rows, 0) * corpus / max(held, 1)
        return max(lowest, int(highest - entries * span))

    def plan(self, cursor, words: Sequence[WordTerms]) -> QueryPlan:
        """Which words select the candidates, which are scored on them, which are left out (SELECT_BUDGET,
        SCORE_LIMIT); estimated frequencies come from the newest DF_WINDOW entries.

        The candidates are the entries of the rarest words, while they add up to SELECT_BUDGET, and, in
        the same budget, those holding two of the next PAIR_WORDS scored words (where BM25's best matches
        of common words are). When no word fits: the entries with the rarest word in a headline (a word
        held by at most HEADLINE_LIMIT entries) and, when those are few, its newest RECENT_ROWS entries;
        when every word is held by more than SCORE_LIMIT entries, the plan is ``newest``."""
        floor, corpus = self._window(cursor)
        counted = sorted(
            ((self._count(cursor, self._word(w), floor, corpus), i, w) for i, w in enumerate(words)),
            key=lambda item: (item[0], item[1]),
        )
        frequencies = {w.light: n for n, _i, w in counted}
        selectors: list[str] = []
        select: list[WordTerms] = []
        rows = 0
        for n, _i, word in counted:
            if rows + n > SELECT_BUDGET:
                break
            select.append(word)
            selectors.append(self._word(word))
            rows += n
        rest = [(n, w) for n, _i, w in counted if w not in select]
        score = [w for n, w in rest if n <= SCORE_LIMIT]
        dropped = [w for n, w in rest if n > SCORE_LIMIT]
        # Pairs of the rarest PAIR_WORDS scored words only: each pair repeats its words' phrases in the
        # MATCH, and FTS5 reads every posting of every phrase (idf) once per appearance.
        paired = score[:PAIR_WORDS]
        pairs = [(a, b) for i, a in enumerate(paired) for b in paired[i + 1 :]]
        for a, b in pairs:
            both = f"{self._word(a)} AND {self._word(b)}"
            n = self._count(cursor, both, floor, corpus)
            if rows + n <= SELECT_BUDGET:
                selectors.append(both)
                rows += n
        headline_only = False
        recent_floor = None
        if not selectors:
            n, _i, rarest = counted[0]
            if n > SCORE_LIMIT:
                return QueryPlan(
                    dropped=tuple(words), newest=True, floor=floor, corpus=corpus, frequencies=frequencies
                )
            select = [rarest]
            score = [w for w in score if w != rarest]
            # A headline column filter decodes the position list of every entry holding the word, so
            # headline matches are taken only for a word held by at most HEADLINE_LIMIT entries.
            headline = self._word(rarest, headline=True)
            headline_rows = self._count(cursor, headline, floor, corpus) if n <= HEADLINE_LIMIT else None
            if headline_rows is not None and headline_rows <= SELECT_BUDGET:
                selectors, headline_only = [headline], True
            if headline_rows is None or headline_rows < HEADLINE_ENOUGH:
                # Few headline matches (or none taken): the rarest word's newest RECENT_ROWS entries.
                rows = min(SELECT_BUDGET - (headline_rows or 0), RECENT_ROWS)
                recent_floor = self._recent_floor(cursor, rows, n, floor, corpus)
        return QueryPlan(
            select=tuple(select),
            score=tuple(score),
            dropped=tuple(dropped),
            selectors=tuple(selectors),
            headline_only=headline_only,
            recent_floor=recent_floor,
            floor=floor,
            corpus=corpus,
            frequencies=frequencies,
        )

    def plan_phrases(self, cursor, query: ParsedQuery) -> QueryPlan:
        """A query with "phrases" runs as one plain MATCH, unless one of its terms is held by more than
        SCORE_LIMIT entries: matching a phrase reads every posting of its terms, and BM25 reads them
        again for the idf; such a query is ``newest`` (read newest first, stopped at what is shown)."""
        floor, corpus = self._window(cursor)
        terms = {t for phrase in query.phrases for t in phrase} | {t for w in query.words for t in w.all}
        frequencies = {t: self._count(cursor, self._quote(t), floor, corpus) for t in sorted(terms)}
        common = max(frequencies.values(), default=0) > SCORE_LIMIT
        return QueryPlan(
            dropped=tuple(query.words) if common else (),
            newest=common,
            floor=floor,
            corpus=corpus,
            frequencies=frequencies,
        )

    # --- search -------------------------------------------------------------------------------------
    @staticmethod
    def _weights(ranking: Ranking) -> list[float]:
        return [
            ranking.title,
            ranking.title * ranking.extra,
            ranking.summary,
            ranking.summary * ranking.extra,
            ranking.body,
            ranking.body * ranking.extra,
            0.0,
        ]

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
        """(total, [(page_id, score)]) best first; without ``with_total`` no count is run and the
        total is only what was fetched. A query of plain words runs by its plan (``plan``): when the plan
        bounds the work, the total is a ``Total`` with ``estimated`` set unless the index is small."""
        fetch = offset + limit + RECENCY_WINDOW
        bm25 = f"bm25({FTS_TABLE}, {', '.join(['%s'] * 7)})"
        weights = self._weights(ranking)
        with connection.cursor() as cursor:
            self._tune(cursor)
            if query.phrases:
                plan = self.plan_phrases(cursor, query)
            else:
                plan = self.plan(cursor, query.words) if query.words else None
            if plan is None or plan.exact:
                where, params = self._match_params(self.match_expression(query), filters)
                base = f"FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where}"
                total = None
                if with_total:
                    cursor.execute(f"SELECT count(*) {base}", params)
                    total = cursor.fetchone()[0]
                    if not total or offset >= total:
                        return total, []
                # BM25 comes from the index alone; the recency factor needs each story's date, so it
                # re-orders the best RECENCY_WINDOW by BM25 instead of reading every match.
                cursor.execute(
                    f"SELECT f.rowid, -{bm25} AS score {base} ORDER BY score DESC LIMIT %s",
                    [*weights, *params, fetch],
                )
                ranked = [(row[0], float(row[1])) for row in cursor.fetchall()]
            else:
                total = None
                if with_total:
                    where, params = self._match_params(self.match_expression(query), filters)
                    estimate = self._count(cursor, params[0], plan.floor, plan.corpus, where, params[1:])
                    total = Total(estimate, estimated=plan.floor is not None)
                    if not total:
                        return total, []
                ranked, complete = (
                    self._newest(cursor, query, plan, filters, fetch, offset + limit)
                    if plan.newest
                    else self._bounded(cursor, query, plan, filters, bm25, weights, fetch)
                )
                if complete and total is not None:
                    # Every result that can be reached is here: the total is what the pages hold.
                    total = Total(len(ranked))
            if ranking.recency_boost and ranked:
                cursor.execute(
                    f"SELECT id, published FROM {ENTRY_TABLE} WHERE id IN ({', '.join(['%s'] * len(ranked))})",
                    [r[0] for r in ranked],
                )
                dates = dict(cursor.fetchall())
                ranked = [(i, score * recency_factor(dates.get(i), now, ranking)) for i, score in ranked]
            ranked.sort(key=lambda item: (-item[1], -item[0]))
            hits = self._page_ids(cursor, ranked[offset : offset + limit])
            if total is None:
                return offset + len(hits), hits
            if isinstance(total, Total) and total < offset + len(hits):
                total = Total(offset + len(hits), estimated=total.estimated)
            return total, hits

    def _bounded(self, cursor, query, plan: QueryPlan, filters, bm25: str, weights, fetch: int):
        """BM25 of the selected and scored words over the candidates only. A MATCH of "X AND (X OR S)"
        visits only X's entries (S's lists are skipped through), but scores X twice; BM25 is a sum over
        the phrases of the expression, so subtracting the score of "X" alone leaves exactly the score
        that "X OR S" gives those entries (same phrases, same global idf)."""
        selecting = " OR ".join(f"({x})" for x in plan.selectors)
        scored = " OR ".join(self._word(w) for w in (*plan.select, *plan.score))
        if not plan.score and not plan.headline_only and plan.recent_floor is None:  # one plain MATCH
            where, params = self._match_params(self._excluding(selecting, query), filters)
            cursor.execute(
                f"SELECT f.rowid, -{bm25} AS score FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY score DESC LIMIT %s",
                [*weights, *params, fetch],
            )
            rows = [(row[0], float(row[1])) for row in cursor.fetchall()]
            return rows, len(rows) < fetch
        sources = [(selecting, None)] if plan.selectors else []
        if plan.recent_floor is not None:
            sources.append((self._word(plan.select[0]), plan.recent_floor))
        ranked: dict[int, float] = {}
        complete = True
        for selector, rowid_floor in sources:
            where, params_x = self._match_params(self._excluding(selector, query), filters)
            _where, params_xs = self._match_params(
                self._excluding(f"({selector}) AND ({scored})", query), filters
            )
            extra: list = []
            if rowid_floor is not None:
                where += " AND f.rowid >= %s"
                extra = [rowid_floor]
            if selector == scored:  # the candidates' own MATCH scores them
                cursor.execute(
                    f"SELECT f.rowid, -{bm25} AS score FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                    "ORDER BY score DESC LIMIT %s",
                    [*weights, *params_x, *extra, fetch],
                )
                rows = cursor.fetchall()
                complete = complete and len(rows) < fetch and rowid_floor is None
                ranked.update((row[0], float(row[1])) for row in rows)
                continue
            cursor.execute(
                f"WITH x AS MATERIALIZED (SELECT f.rowid AS id, {bm25} AS s FROM {FTS_TABLE} f "
                f"WHERE {FTS_TABLE} MATCH %s{where}), "
                f"xs AS MATERIALIZED (SELECT f.rowid AS id, {bm25} AS s FROM {FTS_TABLE} f "
                f"WHERE {FTS_TABLE} MATCH %s{where}) "
                "SELECT xs.id, x.s - xs.s AS score FROM xs JOIN x ON x.id = xs.id ORDER BY score DESC LIMIT %s",
                [*weights, *params_x, *extra, *weights, *params_xs, *extra, fetch],
            )
            rows = cursor.fetchall()
            complete = complete and len(rows) < fetch and rowid_floor is None
            ranked.update((row[0], float(row[1])) for row in rows)
        return list(ranked.items()), complete

    def _newest(self, cursor, query, plan: QueryPlan, filters, fetch: int, shown: int):
        """Every word is very common: the most recently indexed entries, those with every word first
        (score 3), then with one in a headline (2), then with one (1); for
        "phrases", those with the phrases in a headline (2), then the others (1). The recency factor and
        the second stage order them. Each step reads the index newest first and stops at ``fetch``."""
        if query.phrases:  # the phrases in a headline first, then anywhere (words add nothing here)
            in_headline = " AND ".join("{title} : " + self._quote(" ".join(p)) for p in query.phrases)
            steps = [(self._excluding(in_headline, query), 2.0), (self.match_expression(query), 1.0)]
        else:
            joined = [(" OR ", True, 2.0), (" OR ", False, 1.0)]
            if len(query.words) > 1:
                # (Every word in a headline would be the best step, but it is sparse: reading a headline
                # column filter decodes every position list of the window, 10-25 ms at 1,000,000.)
                joined = [(" AND ", False, 3.0), *joined]
            steps = [
                (self._excluding(joiner.join(self._word(w, headline) for w in query.words), query), score)
                for joiner, headline, score in joined
            ]
        # A sparse step (every word in a headline) would read the words' whole lists before it found
        # ``fetch`` entries: the steps read the newest NEWEST_WINDOW entries only; the last one reads on
        # when they did not fill the page.
        floor = self._newest_floor(cursor, plan)
        ranked: dict[int, float] = {}
        passes = [(expression, score, floor, False) for expression, score in steps]
        if floor is not None:
            passes.append((steps[-1][0], steps[-1][1], None, True))
        complete = False
        for n, (expression, score, rowid_floor, reread) in enumerate(passes):
            if reread and len(ranked) >= shown:
                break
            where, params = self._match_params(expression, filters)
            if rowid_floor is not None:
                where += " AND f.rowid >= %s"
                params.append(rowid_floor)
            cursor.execute(
                f"SELECT f.rowid FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY f.rowid DESC LIMIT %s",
                [*params, fetch],
            )
            rows = cursor.fetchall()
            for (rowid,) in rows:
                ranked.setdefault(rowid, score)
            # The last step is the whole query: read without a window and not cut, it found every match.
            complete = n == len(passes) - 1 and rowid_floor is None and len(rows) < fetch
            if len(ranked) >= fetch:
                break
        return list(ranked.items())[:fetch], complete

    @staticmethod
    def _newest_floor(cursor, plan: QueryPlan) -> int | None:
        """The rowid above which lie about the newest NEWEST_WINDOW entries (None: the whole index)."""
        if plan.floor is None or plan.corpus <= NEWEST_WINDOW:
            return None
        cursor.execute(f"SELECT max(id) FROM {FTS_TABLE}_docsize")
        highest = cursor.fetchone()[0]
        span = (highest - plan.floor + 1) / DF_WINDOW  # rowids per entry in the window
        return int(highest - NEWEST_WINDOW * span)

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term (in any field): counted exactly up to EXACT_DF_LIMIT entries,
        estimated on the newest DF_WINDOW entries above that (an exact count reads the term's every
        posting)."""
        if not terms:
            return {}
        with connection.cursor() as cursor:
            self._tune(cursor)
            floor, corpus = self._window(cursor)
            if floor is not None and corpus > EXACT_DF_LIMIT:
                return {t: self._count(cursor, self._quote(t), floor, corpus) for t in terms}
            cursor.execute(
                f"SELECT term, doc FROM {FTS_TABLE}_vocab WHERE term IN ({', '.join(['%s'] * len(terms))})",
                terms,
            )
            return dict(cursor.fetchall())

    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        where, params = self._match_params("{title} : " + self._quote(prefix) + " *", filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, f.published FROM {FTS_TABLE} f WHERE {FTS_TABLE} MATCH %s{where} "
                "ORDER BY f.published DESC LIMIT %s",
                [*params, limit],
            )
            return [page_id for page_id, _ in self._page_ids(cursor, cursor.fetchall())]


class PostgresBackend:
    vendor = "postgresql"

    def create_schema(self, cursor) -> None:
        cursor.execute(f"ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS document tsvector")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS search_document_gin ON {ENTRY_TABLE} USING gin (document)"
        )

    def drop_schema(self, cursor) -> None:
        cursor.execute("DROP INDEX IF EXISTS search_document_gin")
        cursor.execute(f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS document")

    def clear(self, cursor) -> None:
        cursor.execute(f"UPDATE {ENTRY_TABLE} SET document = NULL")

    @staticmethod
    def _lexeme(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def tsvector_literal(self, streams: Sequence[Streams]) -> str:
        positions: dict[str, list[str]] = {}
        offset = 0
        for weight, s in zip("ABC", streams, strict=True):
            for i, term in enumerate(s.light):
                position = min(offset + i + 1, PG_MAX_POSITION)
                positions.setdefault(term, []).append(f"{position}{weight}")
            # Extra terms carry no word position of their own; they share the field's first one.
            for term in s.extra:
                positions.setdefault(term, []).append(f"{min(offset + 1, PG_MAX_POSITION)}{weight}")
            offset += len(s.light) + 1
        return " ".join(f"{self._lexeme(t)}:{','.join(p[:256])}" for t, p in positions.items())

    def write(self, cursor, rows: Iterable[tuple[int, Sequence[Streams], IndexedFacts]]) -> None:
        data = [(self.tsvector_literal(streams), entry_id) for entry_id, streams, _facts in rows]
        cursor.executemany(f"UPDATE {ENTRY_TABLE} SET document = %s::tsvector WHERE id = %s", data)

    def _word(self, word: WordTerms) -> str:
        return "(" + " | ".join(self._lexeme(t) for t in word.all) + ")"

    def _phrase(self, terms: list[str]) -> str:
        return "(" + " <-> ".join(self._lexeme(t) for t in terms) + ")"

    def tsquery(self, query: ParsedQuery) -> str:
        words = [self._word(w) for w in query.words]
        phrases = [self._phrase(p) for p in query.phrases]
        expression = " & ".join(phrases) if phrases else " | ".join(words)
        excluded = [self._word(w) for w in query.excluded_words] + [
            self._phrase(p) for p in query.excluded_phrases
        ]
        if excluded:
            expression = f"({expression}) & !({' | '.join(excluded)})"
        return expression

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
        """(total, [(page_id, score)]) best first. ts_rank scores an entry from its own tsvector (no
        corpus statistics), so ranking a subset gives every entry of it the score the full query gives;
        a query of plain words whose commoner words would make the ranked set large runs by ``plan``."""
        fetch = offset + limit + RECENCY_WINDOW
        with connection.cursor() as cursor:
            select = self.plan(cursor, query)
            if select is None:  # the plain query: every match is ranked
                return self._ranked(
                    cursor, query, self.tsquery(query), filters, ranking, now, limit, offset, with_total
                )
            if select:
                # The candidates are the entries of the rarest words; all words score them. The total is
                # what the pages hold.
                candidates = "(" + " | ".join(self._word(w) for w in select) + ")"
                candidates = self._excluding(candidates, query)
                return self._ranked(
                    cursor, query, candidates, filters, ranking, now, limit, offset, with_total
                )
            # Every word is common: the newest ``fetch`` matches (read backwards on the primary key, which
            # stops as soon as they are found), ranked; the total is the planner's estimate.
            total = None
            if with_total:
                total = Total(self._estimate(cursor, self.tsquery(query)), estimated=True)
            _total, hits = self._ranked(
                cursor, query, self.tsquery(query), filters, ranking, now, limit, offset, False, newest=fetch
            )
            if total is None:
                return offset + len(hits), hits
            return Total(max(total, offset + len(hits)), estimated=True), hits

    def _excluding(self, expression: str, query: ParsedQuery) -> str:
        excluded = [self._word(w) for w in query.excluded_words] + [
            self._phrase(p) for p in query.excluded_phrases
        ]
        return f"({expression}) & !({' | '.join(excluded)})" if excluded else expression

    @staticmethod
    def _estimate(cursor, tsquery: str) -> int:
        """The planner's estimate of the entries matching ``tsquery`` (from ANALYZE's statistics of the
        tsvector column's most common lexemes; no entry is read)."""
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {ENTRY_TABLE} e WHERE e.document @@ %s::tsquery", [tsquery]
        )
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            import json

            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    @staticmethod
    def _analyzed_size(cursor) -> float:
        """The entries' table size as ANALYZE (or VACUUM) last saw it: -1 or 0 before its first run, when
        the planner has no statistics and its estimates are a fixed guess."""
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [ENTRY_TABLE])
        row = cursor.fetchone()
        return row[0] if row else -1

    def plan(self, cursor, query: ParsedQuery) -> list[WordTerms] | None:
        """None: rank every match (phrases, every word rare enough, a table of at most EXACT_DF_LIMIT
        entries or one without statistics yet); else the rarest words, while the planner estimates that
        their entries add up to SELECT_BUDGET (an empty list: none fits)."""
        if query.phrases or not query.words or self._analyzed_size(cursor) <= EXACT_DF_LIMIT:
            return None
        counted = sorted(
            ((self._estimate(cursor, self._word(w)), i, w) for i, w in enumerate(query.words)),
            key=lambda item: (item[0], item[1]),
        )
        select, rows = [], 0
        for n, _i, word in counted:
            if rows + n > SELECT_BUDGET:
                break
            select.append(word)
            rows += n
        return None if len(select) == len(query.words) else select

    def _ranked(
        self, cursor, query, tsquery, filters, ranking, now, limit, offset, with_total, newest: int = 0
    ) -> tuple[int, list[tuple[int, float]]]:
        """Entries matching ``tsquery`` ranked by every positive word and phrase of the query; ``newest``
        ranks only the newest that many matches."""
        params: list = [tsquery]
        where = _where(filters, params)
        base = f"FROM {ENTRY_TABLE} e WHERE e.document @@ %s::tsquery{where}"
        total = None
        if with_total:
            cursor.execute(f"SELECT count(*) {base}", params)
            total = cursor.fetchone()[0]
            if not total or offset >= total:
                return total, []
        # ts_rank takes weights in [0, 1]: scaled to the largest (the order of results is the same).
        top = max(ranking.body, ranking.summary, ranking.title) or 1.0
        weights = (
            "{" + ",".join(str(w / top) for w in (0.0, ranking.body, ranking.summary, ranking.title)) + "}"
        )
        age = (
            "greatest(0.0, extract(epoch FROM (%s - coalesce(e.published, 'epoch'::timestamptz))) / 86400.0)"
        )
        rank_sql, rank_params = self.rank_terms(cursor, query, weights)
        score = f"({rank_sql}) * (1.0 + %s * %s / (%s + {age}))"
        score_params = [
            *rank_params,
            ranking.recency_boost,
            ranking.half_life_days,
            ranking.half_life_days,
            now,
        ]
        if newest:
            source = f"(SELECT e.* {base} ORDER BY e.id DESC LIMIT %s) e"
            params = [*params, newest]
        else:
            source = f"{ENTRY_TABLE} e WHERE e.document @@ %s::tsquery{where}"
        cursor.execute(
            f"SELECT e.page_id, {score} AS score FROM {source} ORDER BY score DESC, e.page_id DESC LIMIT %s OFFSET %s",
            [*score_params, *params, limit, offset],
        )
        hits = [(row[0], float(row[1])) for row in cursor.fetchall()]
        return (offset + len(hits) if total is None else total), hits

    def rank_terms(self, cursor, query: ParsedQuery, weights: str) -> tuple[str, list]:
        """The relevance part of the score: for each query word, ts_rank of that word alone times its
        idf (ts_rank knows nothing of the corpus, so on its own a common word counts as much as a rare
        one), and each phrase weighted by the idf of its rarest term. The idf is the one the second
        stage uses (akhbar.search.rerank.idf over the light term's document frequency)."""
        from .rerank import idf

        lights = [w.light for w in query.words]
        phrase_terms = [t for p in query.phrases for t in p]
        df = self.document_frequencies(list(dict.fromkeys(lights + phrase_terms)))
        n = max(self._entry_count(cursor), *df.values(), 1)  # estimates may disagree; never a negative idf
        parts, params = [], []
        for word in query.words:
            parts.append("%s * ts_rank(%s::float4[], e.document, %s::tsquery, 1)")
            params += [idf(df.get(word.light, 0), n), weights, self._word(word)]
        for phrase in query.phrases:
            parts.append("%s * ts_rank(%s::float4[], e.document, %s::tsquery, 1)")
            params += [max(idf(df.get(t, 0), n) for t in phrase), weights, self._phrase(phrase)]
        return " + ".join(parts) or "0.0", params

    def _entry_count(self, cursor) -> int:
        """How many entries the index holds: counted up to EXACT_DF_LIMIT, the table statistics above."""
        size = self._analyzed_size(cursor)
        if size > max(EXACT_DF_LIMIT, 0):  # -1 before the first ANALYZE
            return int(size)
        cursor.execute(f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document IS NOT NULL")
        return cursor.fetchone()[0]

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries hold each term: counted up to EXACT_DF_LIMIT entries (one GIN lookup per
        term), the planner's estimate above (a count reads every entry that holds a common term)."""
        out = {}
        with connection.cursor() as cursor:
            if self._analyzed_size(cursor) > EXACT_DF_LIMIT:
                return {term: self._estimate(cursor, self._lexeme(term)) for term in terms}
            for term in terms:
                cursor.execute(
                    f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document @@ %s::tsquery", [self._lexeme(term)]
                )
                out[term] = cursor.fetchone()[0]
        return out

    def suggest(self, prefix: str, filters: Filters, limit: int) -> list[int]:
        params: list = [self._lexeme(prefix) + ":*A"]
        where = _where(filters, params)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.page_id FROM {ENTRY_TABLE} e "
                f"WHERE e.document @@ %s::tsquery{where} ORDER BY e.published DESC NULLS LAST LIMIT %s",
                [*params, limit],
            )
            return [row[0] for row in cursor.fetchall()]


def get_backend(vendor: str | None = None) -> SQLiteBackend | PostgresBackend:
    """The backend for the default database."""
    vendor = vendor or connection.vendor
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SQLiteBackend()
    raise ImproperlyConfigured(f"akhbar search supports SQLite and PostgreSQL, not {vendor}")
