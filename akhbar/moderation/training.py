"""Rebuild the shipped classifier from OSACT 2020 (CC BY 4.0), reproducibly.

Only shippable data goes in: the OSACT 2020 training tweets. Tweet artefacts (@USER, URL, RT, <LF>) are
stripped by ``classifier.clean`` so the model does not learn them. Fitting uses scikit-learn's liblinear
(a development dependency); the result is plain numpy weights, read back without scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .classifier import MODEL_PATH, FeatureConfig, Model, features
from .lexicon import Lexicon, default_lexicon

DEFAULT_C = 10.0
MODEL_VERSION = "osact2020-hashed-lr-2"


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


def lexicon_features(text: str, lexicon: Lexicon) -> set[str]:
    """The lexicon evidence the model sees: one feature per (category, action) found."""
    return {f"{hit.category}:{hit.action}" for hit in lexicon.find(text)}


def feature_matrix(texts: Sequence[str], config: FeatureConfig, lexicon: Lexicon):
    """A scipy CSR matrix of hashed features, one row per text."""
    import scipy.sparse as sp

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, text in enumerate(texts):
        feats = features(text, config, lexicon_features(text, lexicon))
        rows.extend([i] * len(feats))
        cols.extend(feats.keys())
        vals.extend(feats.values())
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), config.size), dtype=np.float64)


def train(
    train_path: Path,
    out_path: Path | None = MODEL_PATH,
    *,
    c: float = DEFAULT_C,
    config: FeatureConfig | None = None,
    lexicon: Lexicon | None = None,
) -> Model:
    """Fit the logistic regression on ``train_path`` and write it to ``out_path`` (unless None)."""
    from sklearn.linear_model import LogisticRegression

    config = config or FeatureConfig()
    lexicon = lexicon or default_lexicon()
    texts, labels = load_osact(train_path)
    matrix = feature_matrix(texts, config, lexicon)
    fit = LogisticRegression(C=c, solver="liblinear", max_iter=5000, random_state=0)
    fit.fit(matrix, np.asarray(labels))
    weights = fit.coef_[0].astype(np.float16).astype(np.float32)
    model = Model(config=config, weights=weights, bias=float(fit.intercept_[0]), version=MODEL_VERSION)
    if out_path is not None:
        model.save(out_path)
    return model
