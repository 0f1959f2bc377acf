"""Loaders for the shared evaluation data (../shared/data from the project root).

Used by bench/arabic.py and meant for bench/search_eval.py too. Nothing here downloads anything.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()
NEWS = DATA / "news"
JAWHARAFM = NEWS / "ant-jawharafm.jsonl.gz"
MULTISOURCE = NEWS / "ant-multisource.jsonl.gz"
ARCD_TRAIN = DATA / "search" / "arcd-train.json"
LUCENE_STOPWORDS = DATA / "search" / "lucene-arabic-stopwords.txt"


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Query:
    id: str
    text: str
    relevant: str  # the id of its one relevant document
    article: str  # title of the Wikipedia article it was asked about (for held-out splits)


def iter_news(path: Path = MULTISOURCE) -> Iterator[dict]:
    """The articles of one news/*.jsonl.gz file, as dicts (id, source, category, title, text, ...)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def news_documents(path: Path = MULTISOURCE, limit: int | None = None) -> list[Document]:
    """News articles as search documents (title and text)."""
    docs = []
    for article in iter_news(path):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(Document(f"news:{article['id']}", article.get("title") or "", article.get("text") or ""))
    return docs


def iter_arcd(path: Path = ARCD_TRAIN) -> Iterator[tuple[Document, list[Query]]]:
    """ARCD in the search protocol: every paragraph a document, each question a query whose one
    relevant document is its paragraph."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    for a, article in enumerate(data):
        title = article.get("title") or ""
        for p, paragraph in enumerate(article["paragraphs"]):
            doc = Document(f"arcd:{a}:{p}", "", paragraph["context"])
            queries = [Query(str(qa["id"]), qa["question"].strip(), doc.id, title) for qa in paragraph["qas"]]
            yield doc, queries


def lucene_stopwords(path: Path = LUCENE_STOPWORDS) -> list[str]:
    """Lucene's Arabic stopword list (Savoy), comments dropped, not normalized."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def data_available() -> bool:
    return ARCD_TRAIN.exists() and MULTISOURCE.exists()
