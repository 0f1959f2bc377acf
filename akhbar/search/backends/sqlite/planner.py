"""SQLite: how a query runs (the query planner), bounding the work per query on a large index.

FTS5 pays for every match of a MATCH when it ranks (BM25 reads each matching row's term counts and size)
and for every posting of every phrase when it computes the phrases' idf; both grow with the index. Words
are therefore sorted by how many entries hold them (estimated on the newest ``df_window`` entries) and:
- the rarest ones, while their entries add up to at most ``select_budget``, select the candidates;
- the others are still scored (BM25, with the same global idf) on those candidates, when they are held
  by at most ``score_limit`` entries; words more common than that are left to the second stage.
An index whose entries fit in the window is planned on exact counts; a query whose words all fit in the
budget runs as one plain MATCH (what is found and its order do not change). See docs/decisions.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...analysis import WordTerms
from ...query import ParsedQuery
from ..base import Options
from . import query as sql
from .query import FTS_TABLE


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


class Planner:
    """Plans queries for one backend's options; ``corpus_size`` gives the (cached) number of entries."""

    def __init__(self, options: Options, corpus_size: Callable[[], int]) -> None:
        self.options = options
        self.corpus_size = corpus_size

    def window(self, cursor) -> tuple[int | None, int]:
        """(lowest rowid of the newest ``df_window`` entries, entries in the index); the rowid is None
        when the whole index fits in the window (counts on it are then exact)."""
        size = self.options.df_window
        cursor.execute(f"SELECT id FROM {FTS_TABLE}_docsize ORDER BY id DESC LIMIT 1 OFFSET %s", [size - 1])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}_docsize")
            return None, cursor.fetchone()[0]
        return row[0], max(self.corpus_size(), size)

    def count(self, cursor, match: str, floor: int | None, corpus: int, where: str = "", params=()) -> int:
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
        return round(cursor.fetchone()[0] * corpus / self.options.df_window)

    def recent_floor(self, cursor, rows: int, held: int, floor: int | None, corpus: int) -> int:
        """The rowid above which lie about ``rows`` of the ``held`` entries of a word (spread evenly),
        from the density of rowids in the window."""
        cursor.execute(
            f"SELECT (SELECT min(id) FROM {FTS_TABLE}_docsize), (SELECT max(id) FROM {FTS_TABLE}_docsize)"
        )
        lowest, highest = cursor.fetchone()
        low = lowest if floor is None else floor
        span = (highest - low + 1) / (corpus if floor is None else self.options.df_window)
        entries = max(rows, 0) * corpus / max(held, 1)
        return max(lowest, int(highest - entries * span))

    def newest_floor(self, cursor, plan: QueryPlan) -> int | None:
        """The rowid above which lie about the newest ``newest_window`` entries (None: the whole index)."""
        if plan.floor is None or plan.corpus <= self.options.newest_window:
            return None
        cursor.execute(f"SELECT max(id) FROM {FTS_TABLE}_docsize")
        highest = cursor.fetchone()[0]
        span = (highest - plan.floor + 1) / self.options.df_window  # rowids per entry in the window
        return int(highest - self.options.newest_window * span)

    def plan(self, cursor, words: Sequence[WordTerms]) -> QueryPlan:
        """Which words select the candidates, which are scored on them, which are left out.

        The candidates are the entries of the rarest words, while they add up to ``select_budget``, and,
        in the same budget, those holding two of the next ``pair_words`` scored words (where BM25's best
        matches of common words are). When no word fits: the entries with the rarest word in a headline
        (a word held by at most ``headline_limit`` entries) and, when those are few, its newest
        ``recent_rows`` entries; when every word is held by more than ``score_limit`` entries, the plan is
        ``newest``."""
        o = self.options
        floor, corpus = self.window(cursor)
        counted = sorted(
            ((self.count(cursor, sql.word(w), floor, corpus), i, w) for i, w in enumerate(words)),
            key=lambda item: (item[0], item[1]),
        )
        frequencies = {w.light: n for n, _i, w in counted}
        selectors: list[str] = []
        select: list[WordTerms] = []
        rows = 0
        for n, _i, w in counted:
            if rows + n > o.select_budget:
                break
            select.append(w)
            selectors.append(sql.word(w))
            rows += n
        rest = [(n, w) for n, _i, w in counted if w not in select]
        score = [w for n, w in rest if n <= o.score_limit]
        dropped = [w for n, w in rest if n > o.score_limit]
        # Pairs of the rarest pair_words scored words only: each pair repeats its words' phrases in the
        # MATCH, and FTS5 reads every posting of every phrase (idf) once per appearance.
        paired = score[: o.pair_words]
        for i, a in enumerate(paired):
            for b in paired[i + 1 :]:
                both = f"{sql.word(a)} AND {sql.word(b)}"
                n = self.count(cursor, both, floor, corpus)
                if rows + n <= o.select_budget:
                    selectors.append(both)
                    rows += n
        headline_only = False
        recent_floor = None
        if not selectors:
            n, _i, rarest = counted[0]
            if n > o.score_limit:
                return QueryPlan(
                    dropped=tuple(words), newest=True, floor=floor, corpus=corpus, frequencies=frequencies
                )
            select = [rarest]
            score = [w for w in score if w != rarest]
            # A headline column filter decodes the position list of every entry holding the word, so
            # headline matches are taken only for a word held by at most headline_limit entries.
            headline = sql.word(rarest, headline=True)
            headline_rows = self.count(cursor, headline, floor, corpus) if n <= o.headline_limit else None
            if headline_rows is not None and headline_rows <= o.select_budget:
                selectors, headline_only = [headline], True
            if headline_rows is None or headline_rows < o.headline_enough:
                # Few headline matches (or none taken): the rarest word's newest recent_rows entries.
                rows = min(o.select_budget - (headline_rows or 0), o.recent_rows)
                recent_floor = self.recent_floor(cursor, rows, n, floor, corpus)
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
        ``score_limit`` entries: matching a phrase reads every posting of its terms, and BM25 reads them
        again for the idf; such a query is ``newest`` (read newest first, stopped at what is shown)."""
        floor, corpus = self.window(cursor)
        terms = {t for p in query.phrases for t in p} | {t for w in query.words for t in w.all}
        frequencies = {t: self.count(cursor, sql.quote(t), floor, corpus) for t in sorted(terms)}
        common = max(frequencies.values(), default=0) > self.options.score_limit
        return QueryPlan(
            dropped=tuple(query.words) if common else (),
            newest=common,
            floor=floor,
            corpus=corpus,
            frequencies=frequencies,
        )
