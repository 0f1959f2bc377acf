"""Rebuild the shipped classifier from shippable data only, reproducibly.

The labelled data are the OSACT 2020 training tweets (CC BY 4.0). Tweet artefacts (@USER, URL, RT, <LF>)
are stripped by ``classifier.clean`` so the model does not learn them. OSACT's tweets are dialectal, and
formal Arabic in them is mostly political abuse, so a model trained on them alone holds plain news-style
Arabic (39 % of news sentences). A few hundred sentences from the shipped demo articles (ANT Corpus,
JawharaFM, Apache-2.0; see data/demo/NOTICE) are added as clean examples to correct that.
Fitting uses scikit-learn's liblinear (a development dependency); the result is plain numpy weights,
read back without scikit-learn.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .classifier import (
    MODEL_PATH,
    FeatureConfig,
    Model,
    dequantize_idf,
    feature_indices,
    quantize_idf,
    weighted,
)
from .lexicon import Lexicon, default_lexicon

DEFAULT_C = 10.0
MODEL_VERSION = "osact2020-demo300-hashed-idf-lr-5"
DEMO_PATH = Path(__file__).resolve().parents[2] / "data" / "demo" / "jawharafm-demo.jsonl.gz"
NEUTRAL_SENTENCES = 300
_SENTENCE_END = re.compile(r"[.!?؟\n]+")


def load_osact(path: Path) -> tuple[list[str], list[int]]:
    """Texts and labels (1 = OFF) of an OSACT 2020 TSV file (text, OFF|NOT_OFF, HS|NOT_HS)."""
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or parts[1] not in ("OFF", "NOT_OFF"):
                continue
            texts.append(parts[0])
            labels.append(1 if parts[1] == "OFF" else 0)
    return texts, labels


def neutral_sentences(path: Path, limit: int, seed: int = 0) -> list[str]:
    """``limit`` sentences (20-300 characters) of the articles in a JSONL(.gz) file, picked with ``seed``."""
    opener = gzip.open if path.suffix == ".gz" else open
    sentences: list[str] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            sentences.extend(s.strip() for s in _SENTENCE_END.split(text) if 20 <= len(s.strip()) <= 300)
    random.Random(seed).shuffle(sentences)
    return sentences[:limit]


def lexicon_features(text: str, lexicon: Lexicon) -> set[str]:
    """The lexicon evidence the model sees: one feature per (category, action) found."""
    return {f"{hit.category}:{hit.action}" for hit in lexicon.find(text)}


def inverse_document_frequencies(index_lists: Sequence[np.ndarray], size: int) -> np.ndarray:
    """Smoothed IDF, log((n + 1) / (df + 1)) + 1, rounded as the shipped model stores it."""
    df = np.zeros(size, dtype=np.float64)
    for indices in index_lists:
        df[np.unique(indices)] += 1
    idf = np.log((len(index_lists) + 1) / (df + 1)) + 1
    return dequantize_idf(quantize_idf(idf))


def feature_matrix(index_lists: Sequence[np.ndarray], size: int, idf: np.ndarray | None):
    """A scipy CSR matrix of weighted hashed features, one row per text."""
    import scipy.sparse as sp

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, indices in enumerate(index_lists):
        if not len(indices):
            continue
        unique, values = weighted(indices, idf)
        rows.extend([i] * len(unique))
        cols.extend(unique.tolist())
        vals.extend(values.tolist())
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(index_lists), size), dtype=np.float64)


def train(
    train_path: Path,
    out_path: Path | None = MODEL_PATH,
    *,
    c: float = DEFAULT_C,
    config: FeatureConfig | None = None,
    lexicon: Lexicon | None = None,
    neutral_path: Path | None = DEMO_PATH,
    neutral_count: int = NEUTRAL_SENTENCES,
) -> Model:
    """Fit the logistic regression and write it to ``out_path`` (unless None).

    ``train_path`` is an OSACT-format TSV; ``neutral_path`` (optional) a JSONL(.gz) of articles whose
    sentences are added as clean examples.
    """
    from sklearn.linear_model import LogisticRegression

    config = config or FeatureConfig()
    lexicon = lexicon or default_lexicon()
    texts, labels = load_osact(train_path)
    if neutral_path is not None and neutral_count > 0:
        neutral = neutral_sentences(neutral_path, neutral_count)
        texts += neutral
        labels += [0] * len(neutral)
    index_lists = [feature_indices(text, config, lexicon_features(text, lexicon)) for text in texts]
    idf = inverse_document_frequencies(index_lists, config.size)
    matrix = feature_matrix(index_lists, config.size, idf)
    fit = LogisticRegression(C=c, solver="liblinear", max_iter=5000, random_state=0)
    fit.fit(matrix, np.asarray(labels))
    weights = fit.coef_[0].astype(np.float16).astype(np.float32)
    model = Model(
        config=config, weights=weights, bias=float(fit.intercept_[0]), idf=idf, version=MODEL_VERSION
    )
    if out_path is not None:
        model.save(out_path)
    return model
