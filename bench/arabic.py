"""Benchmark of akhbar's Arabic analysis: retrieval quality of stemmers and analyzer throughput.

Retrieval (the search protocol of ../shared/data/README.md): every ARCD paragraph is a document,
each question a query whose one relevant document is its paragraph, every article of
news/ant-multisource.jsonl.gz a distractor; in-memory BM25 (k1=1.2, b=0.75, Lucene's idf); MRR@10
and P@1. The ARCD articles are split in two: "dev" (even article numbers), on which stemming methods
are chosen, and "test" (odd), which reports how the choice holds on questions it was not chosen on.

Throughput: words per second of each full chain on news/ant-jawharafm.jsonl.gz, single process, each
chain starting with an empty memo; CPU time of the process, best of three runs.

    .venv/bin/python bench/arabic.py                  # the full run (~31,500 documents)
    .venv/bin/python bench/arabic.py --distractors 2000   # a quick run
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus  # noqa: E402
from baselines import LuceneArabicAnalyzer, SnowballArabicAnalyzer, lucene_stem  # noqa: E402

from akhbar.arabic.analyzer import Analyzer, analyze, query_terms  # noqa: E402
from akhbar.arabic.stem import (  # noqa: E402
    BROKEN_PLURALS,
    DEFAULT_RULES,
    StemRules,
    light_stem,
    make_stemmer,
    snowball_stem,
)
from akhbar.arabic.stopwords import QUESTION_WORDS, STOPWORDS  # noqa: E402
from akhbar.arabic.tokenize import WORD_RE  # noqa: E402

K1, B = 1.2, 0.75

Chain = Callable[[str], list[str]]


class BM25:
    """A term-at-a-time BM25 over a sparse document x term weight matrix."""

    def __init__(self, docs: list[str], analyze: Chain) -> None:
        vocab: dict[str, int] = {}
        indptr, indices, data = [0], [], []
        for text in docs:
            counts = Counter(analyze(text))
            indices.extend(vocab.setdefault(t, len(vocab)) for t in counts)
            data.extend(counts.values())
            indptr.append(len(indices))
        n = len(docs)
        tf = np.asarray(data, dtype=np.float64)
        idx = np.asarray(indices, dtype=np.int64)
        ptr = np.asarray(indptr, dtype=np.int64)
        dl = np.add.reduceat(tf, ptr[:-1]) if len(tf) else np.zeros(n)
        dl[np.diff(ptr) == 0] = 0
        avgdl = dl.mean() if n else 1.0
        df = np.bincount(idx, minlength=len(vocab))
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        row_norm = np.repeat(K1 * (1 - B + B * dl / avgdl), np.diff(ptr))
        weights = idf[idx] * tf * (K1 + 1) / (tf + row_norm)
        self.matrix = sparse.csr_matrix((weights, idx, ptr), shape=(n, len(vocab))).tocsc()
        self.vocab = vocab
        self.n = n

    def scores(self, terms: list[str]) -> np.ndarray:
        counts = Counter(self.vocab[t] for t in terms if t in self.vocab)
        if not counts:
            return np.zeros(self.n)
        ids = np.fromiter(counts.keys(), dtype=np.int64)
        weights = np.fromiter(counts.values(), dtype=np.float64)
        return np.asarray(self.matrix[:, ids] @ weights).ravel()


def rank_of(scores: np.ndarray, relevant: int) -> int:
    """1-based rank of the relevant document; ties broken by document order; no score, no rank."""
    s = scores[relevant]
    if s <= 0:
        return 10**9
    return 1 + int(np.count_nonzero(scores > s)) + int(np.count_nonzero(scores[:relevant] == s))


def akhbar_chain(*stemmers: Callable[[str], str], keep_surface: bool = False) -> tuple[Chain, Chain]:
    index = Analyzer(stemmers=stemmers, keep_surface=keep_surface)
    query = Analyzer(stemmers=stemmers, keep_surface=keep_surface, stopwords=STOPWORDS | QUESTION_WORDS)
    return index.strings, query.strings


LIGHT10 = StemRules(
    prefixes=("وال", "بال", "كال", "فال", "لل", "ال"),
    suffixes=("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"),
    single_prefixes="و",
    min_stem=2,
    min_single_prefix_word=4,
)
CHOSEN = "akhbar: light_stem + snowball_stem (chosen)"


def variants() -> dict[str, tuple[Chain, Chain]]:
    """Every chain compared: (index analyzer, query analyzer) as text -> terms."""
    lucene, snowball = LuceneArabicAnalyzer(), SnowballArabicAnalyzer()
    guard3 = replace(LIGHT10, min_stem=3, min_single_prefix_word=5)
    clusters = replace(guard3, prefixes=DEFAULT_RULES.prefixes)
    pronouns = replace(clusters, suffixes=DEFAULT_RULES.suffixes)
    no_lexicon = replace(DEFAULT_RULES, radical_prefix=frozenset(), keep_n_ending=frozenset(), plurals={})
    with_plurals = make_stemmer(replace(DEFAULT_RULES, plurals=BROKEN_PLURALS))

    def singular(word: str) -> str:
        return with_plurals(word)

    verbs = replace(DEFAULT_RULES, suffixes=DEFAULT_RULES.suffixes[:-2] + ("وا", "ت", "ه", "ي"))
    return {
        "lucene ArabicAnalyzer (port)": (lucene.strings, lucene.strings),
        "snowball arabic (lucene chain)": (snowball.strings, snowball.strings),
        "akhbar chain, no stemming": akhbar_chain(),
        "akhbar chain + lucene stemmer": akhbar_chain(lucene_stem),
        "akhbar chain + snowball stemmer": akhbar_chain(snowball_stem),
        "light: light10 rules, guard 2": akhbar_chain(make_stemmer(LIGHT10)),
        "light: guard 3": akhbar_chain(make_stemmer(guard3)),
        "light: + prefix clusters": akhbar_chain(make_stemmer(clusters)),
        "light: + pronoun/dual suffixes": akhbar_chain(make_stemmer(pronouns)),
        "light: + و ف ب ل ك from 5 letters, ت before pronouns (light_stem)": akhbar_chain(light_stem),
        "light: one-letter prefixes from 4 letters": akhbar_chain(
            make_stemmer(replace(DEFAULT_RULES, min_single_prefix_word=4))
        ),
        "light: + verb suffixes وا ت": akhbar_chain(make_stemmer(verbs)),
        "light: no protected words": akhbar_chain(
            make_stemmer(replace(DEFAULT_RULES, protected=frozenset()))
        ),
        "light: without ت before pronouns": akhbar_chain(
            make_stemmer(replace(DEFAULT_RULES, teh_before_pronoun=False))
        ),
        "light_stem + surface form": akhbar_chain(light_stem, keep_surface=True),
        "light_stem + lucene stemmer": akhbar_chain(light_stem, lucene_stem),
        "light_stem + snowball_stem + surface form": akhbar_chain(
            light_stem, snowball_stem, keep_surface=True
        ),
        "light_stem without ت before pronouns + snowball_stem": akhbar_chain(
            make_stemmer(replace(DEFAULT_RULES, teh_before_pronoun=False)), snowball_stem
        ),
        "light_stem without its lexicon + snowball_stem": akhbar_chain(
            make_stemmer(no_lexicon), snowball_stem
        ),
        "light_stem, radical-prefix list only + snowball_stem": akhbar_chain(
            make_stemmer(replace(no_lexicon, radical_prefix=DEFAULT_RULES.radical_prefix)), snowball_stem
        ),
        "light_stem, ان ون ين list only + snowball_stem": akhbar_chain(
            make_stemmer(replace(no_lexicon, keep_n_ending=DEFAULT_RULES.keep_n_ending)), snowball_stem
        ),
        "light_stem + broken-plural table + snowball_stem": akhbar_chain(
            make_stemmer(replace(DEFAULT_RULES, plurals=BROKEN_PLURALS)), snowball_stem
        ),
        "light_stem + snowball_stem + broken plural's singular as a third term": akhbar_chain(
            light_stem, snowball_stem, singular
        ),
        CHOSEN: (analyze, query_terms),
    }


def retrieval(distractors: int | None, only: str | None = None) -> list[tuple[str, dict]]:
    arcd = list(corpus.iter_arcd())
    docs = [d.text for d, _ in arcd]
    articles: dict[str, int] = {}
    queries = [
        (q.text, i, articles.setdefault(q.article, len(articles)) % 2)
        for i, (_, qs) in enumerate(arcd)
        for q in qs
    ]
    dev = np.array([half == 0 for _, _, half in queries])
    news = corpus.news_documents(corpus.MULTISOURCE, limit=distractors)
    docs += [f"{d.title}\n{d.text}" for d in news]
    print(
        f"documents: {len(docs)} ({len(arcd)} ARCD paragraphs + {len(news)} news articles); queries: {len(queries)}"
    )
    rows = []
    for name, (index_chain, query_chain) in variants().items():
        if only and not re.search(only, name) and name not in (CHOSEN, "lucene ArabicAnalyzer (port)"):
            continue
        t0 = time.perf_counter()
        engine = BM25(docs, index_chain)
        ranks = np.array([rank_of(engine.scores(query_chain(text)), rel) for text, rel, _ in queries])
        rr = np.where(ranks <= 10, 1.0 / ranks, 0.0)
        row = {
            "MRR@10": rr.mean(),
            "P@1": (ranks == 1).mean(),
            "MRR@10 dev": rr[dev].mean(),
            "MRR@10 test": rr[~dev].mean(),
            "terms": len(engine.vocab),
            "s": time.perf_counter() - t0,
        }
        rows.append((name, row))
        print(
            f"  {name:36s} MRR@10 {row['MRR@10']:.4f}  P@1 {row['P@1']:.4f}  ({row['s']:.0f} s)", flush=True
        )
    return rows


def throughput(limit: int | None, repeats: int = 3) -> list[tuple[str, float, int]]:
    texts = [f"{a.get('title') or ''}\n{a.get('text') or ''}" for a in corpus.iter_news(corpus.JAWHARAFM)]
    if limit:
        texts = texts[:limit]
    words = sum(len(WORD_RE.findall(t)) for t in texts)

    def akhbar_no_memo() -> Chain:
        analyzer = Analyzer()

        def chain(text: str) -> list[str]:
            out: list[str] = []
            for w in WORD_RE.findall(text):
                out.extend(analyzer._analyze_word(w))
            return out

        return chain

    # Each chain starts with an empty memo and keeps it across texts, as the product's module-level
    # INDEX_ANALYZER does; each run builds the chain afresh.
    chains: list[tuple[str, Callable[[], Chain]]] = [
        ("akhbar index_terms (Term objects with offsets)", lambda: Analyzer().terms),
        ("akhbar index chain, strings", lambda: Analyzer().strings),
        ("akhbar index chain, strings, no memo", akhbar_no_memo),
        ("lucene ArabicAnalyzer port", lambda: LuceneArabicAnalyzer().strings),
        ("snowball arabic (PyStemmer) chain", lambda: SnowballArabicAnalyzer().strings),
    ]
    rows = []
    for name, make in chains:
        # CPU time of this process, the best of ``repeats`` runs: other jobs on a shared machine slow
        # wall time down far more than they slow the chain itself.
        best = float("inf")
        for _ in range(repeats):
            chain = make()
            t0 = time.process_time()
            for text in texts:
                chain(text)
            best = min(best, time.process_time() - t0)
        rows.append((name, words / best, words))
        print(f"  {name:48s} {words / best:>12,.0f} words/s", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--distractors", type=int, default=None, help="news articles to add (default: all)")
    parser.add_argument("--throughput-only", action="store_true")
    parser.add_argument("--retrieval-only", action="store_true")
    parser.add_argument(
        "--only", default=None, help="regex: run only the retrieval variants it matches (and the chosen one)"
    )
    parser.add_argument(
        "--texts", type=int, default=None, help="jawharafm articles for throughput (default: all)"
    )
    args = parser.parse_args()
    if not corpus.data_available():
        sys.exit(f"shared data not found under {corpus.DATA}")
    print(
        f"# bench/arabic.py  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  python {platform.python_version()}"
    )
    if not args.retrieval_only:
        print("\n## Throughput (ant-jawharafm, single process, CPU time, best of 3)")
        rows = throughput(args.texts)
        print("\n| chain | words/s |\n|---|---:|")
        for name, wps, _ in rows:
            print(f"| {name} | {wps:,.0f} |")
    if not args.throughput_only:
        print("\n## Retrieval (ARCD questions over ARCD paragraphs + ANT multisource distractors, BM25)")
        rows = retrieval(args.distractors, args.only)
        print("\n| chain | MRR@10 | P@1 | MRR@10 dev | MRR@10 test | terms |\n|---|---:|---:|---:|---:|---:|")
        for name, r in rows:
            print(
                f"| {name} | {r['MRR@10']:.4f} | {r['P@1']:.4f} | {r['MRR@10 dev']:.4f} | "
                f"{r['MRR@10 test']:.4f} | {r['terms']:,} |"
            )
        lucene = dict(rows)["lucene ArabicAnalyzer (port)"]["MRR@10"]
        chosen = dict(rows)[CHOSEN]["MRR@10"]
        print(f"\nchosen / lucene MRR@10: {chosen / lucene:.3f}")


if __name__ == "__main__":
    main()
