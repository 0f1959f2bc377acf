"""Moderation benchmark: the shipped policy on every comment set, per category, and a cross-set protocol.

Three tables, in one run (needs ../shared/data and scikit-learn):
  1. The shipped decide() (word lists + classifier, default thresholds) beside the word lists alone and a
     TF-IDF + LinearSVC baseline trained on OSACT 2020 train, on every set, each with its role: "tuned"
     (the threshold was chosen on it), "dev" (looked at while choosing the lists, the patterns and the
     training recipe), "held out" (never scored before the report) or "hand-written" (no evidence, see
     bench/moderation_sets.py). Then the means over the off-platform sets, dev and held out apart.
     Scored: macro-F1 of "not approve" (hold or reject counts as flagged) and the share of clean
     comments held or rejected.
  2. Per category, where the labels allow it: MLMA's targeted attribute, OSACT's hate speech, Aljazeera's
     obscene and offensive levels, the check set's categories (share flagged of each).
  3. Cross-set: a classifier trained with akhbar's recipe on one source and scored on the others, inside
     the policy (with the shipped lists) and alone, against the baseline trained on the same source.
Then the threshold sweep of approve_below for decide().
Run: .venv/bin/python bench/moderation_eval.py
"""

from __future__ import annotations

import csv
import platform
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from moderation_sets import (  # noqa: E402
    DATA,
    CommentSet,
    aljazeera,
    check_set,
    dialects_held_out,
    mlma,
    news_sentences,
    obfuscated,
    osact,
    political_criticism,
)

from akhbar.moderation.classifier import Model, clean, default_model  # noqa: E402
from akhbar.moderation.lexicon import default_lexicon  # noqa: E402
from akhbar.moderation.policy import DEFAULT_THRESHOLDS, Thresholds, decide  # noqa: E402
from akhbar.moderation.training import (  # noqa: E402
    DEMO_PATH,
    NEUTRAL_SENTENCES,
    POLITICAL_CATEGORIES,
    fit,
    load_osact,
    neutral_sentences,
)

ALJAZEERA_HELD_OUT = 4000


def macro_f1(labels: np.ndarray, flagged: np.ndarray) -> float:
    """Mean of the F1 of both classes (nan when the set has one class only)."""
    if not 0 < labels.mean() < 1:
        return float("nan")
    scores = []
    for cls in (0, 1):
        tp = np.sum((flagged == cls) & (labels == cls))
        fp = np.sum((flagged == cls) & (labels != cls))
        fn = np.sum((flagged != cls) & (labels == cls))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def clean_held(labels: np.ndarray, flagged: np.ndarray) -> float:
    clean_rows = labels == 0
    return float(flagged[clean_rows].mean()) if clean_rows.any() else float("nan")


def run_policy(
    texts: list[str], thresholds: Thresholds = DEFAULT_THRESHOLDS, model: Model | None = None
) -> tuple[np.ndarray, float]:
    """(0 approve / 1 hold / 2 reject per text, comments per CPU-second) of decide() with the shipped lists."""
    lexicon = default_lexicon()
    start = time.process_time()
    decisions = [decide(t, lexicon=lexicon, thresholds=thresholds, model=model) for t in texts]
    rate = len(texts) / max(time.process_time() - start, 1e-9)
    return np.array([{"approve": 0, "hold": 1, "reject": 2}[d.decision] for d in decisions]), rate


def run_lexicon(texts: list[str]) -> np.ndarray:
    """2 for a banned word, 1 for a suspect word, 0 otherwise: the shipped lists alone."""
    lexicon = default_lexicon()
    out = []
    for text in texts:
        actions = {hit.action for hit in lexicon.find(text)}
        out.append(2 if "banned" in actions else 1 if actions else 0)
    return np.array(out)


def baseline(train_texts: list[str], train_labels: list[int]):
    """TF-IDF (word 1-2-grams, sublinear) + LinearSVC, as a scikit-learn pipeline over cleaned texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC(C=1.0))
    return pipeline.fit(svm_input(train_texts), train_labels)


def svm_input(texts: list[str]) -> list[str]:
    return [clean(t) for t in texts]


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Threshold-free ranking quality (nan for a set with one class)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores)) if 0 < labels.mean() < 1 else float("nan")


def cell(labels: np.ndarray, decided: np.ndarray) -> str:
    flagged = (decided > 0).astype(int)
    f1 = macro_f1(labels, flagged)
    return f"{'–' if np.isnan(f1) else f'{f1:.3f}'} / {clean_held(labels, flagged):.0%}"


def sets() -> list[CommentSet]:
    """Every set of table 1, in order, with its role."""
    dev = osact("dev", "tuned")
    out = [
        dev,
        mlma(1, "dev"),
        aljazeera("dev"),
        aljazeera_train(),
        dialects_held_out(),
        political_criticism(),
    ]
    news = news_sentences("dev")
    if news is not None:
        out.append(news)
    return [*out, obfuscated(dev), check_set()]


# Sets from platforms the classifier was not trained on (OSACT tweets are its training platform), with
# labels for both classes: the "other platforms and dialects", as far as we have them.
OFF_PLATFORM = (
    "mlma-ar half 1",
    "aljazeera-comments-dev",
    "aljazeera-comments-train sample",
    "dialect comments (hand-written, held out)",
)


def aljazeera_train() -> CommentSet:
    """The held-out news comments: a seeded sample of Aljazeera's train file, never scored while choosing."""
    names = {"0": "clean", "-1": "offensive", "-2": "obscene"}
    rows = []
    with (DATA / "aljazeera-comments-train.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        rows = [(r[1], r[2]) for r in reader if len(r) >= 3 and r[2] in names]
    random.Random(11).shuffle(rows)
    rows = rows[:ALJAZEERA_HELD_OUT]
    return CommentSet(
        "aljazeera-comments-train sample",
        "held out",
        [r[0] for r in rows],
        [0 if r[1] == "0" else 1 for r in rows],
        [names[r[1]] for r in rows],
    )


def table_sets(all_sets: list[CommentSet], osact_train: tuple[list[str], list[int]]) -> dict[str, np.ndarray]:
    print(
        "| set | role | n, bad | akhbar decide(): macro-F1 / clean held | approve / hold / reject "
        "| word lists alone | TF-IDF + LinearSVC (OSACT) | decide() comments per CPU-second |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|")
    svm = baseline(*osact_train)
    decided_by_set = {}
    scores: dict[str, list[tuple[str, float, float, float, float]]] = {}
    for s in all_sets:
        y = np.array(s.labels)
        decided, rate = run_policy(s.texts)
        decided_by_set[s.name] = decided
        shares = " / ".join(f"{np.mean(decided == k):.0%}" for k in (0, 1, 2))
        svm_decided = svm.predict(svm_input(s.texts)) * 2
        print(
            f"| {s.name} | {s.role} | {len(y)}, {y.mean():.0%} | {cell(y, decided)} | {shares} | "
            f"{cell(y, run_lexicon(s.texts))} | {cell(y, svm_decided)} | {rate:,.0f} |"
        )
        if s.name in OFF_PLATFORM:
            ours, theirs = (decided > 0).astype(int), (svm_decided > 0).astype(int)
            row = (macro_f1(y, ours), clean_held(y, ours), macro_f1(y, theirs), clean_held(y, theirs))
            scores.setdefault("held out" if s.role == "held out" else "dev", []).append((s.name, *row))
    print()
    print("Means over the off-platform sets (macro-F1 / clean held): decide() against the baseline.")
    print("| sets | decide() | TF-IDF + LinearSVC (OSACT) |")
    print("|---|---:|---:|")
    groups = [*scores.items(), ("all off-platform", [row for rows in scores.values() for row in rows])]
    for group, rows in groups:
        names = ", ".join(row[0] for row in rows)
        means = np.mean([row[1:] for row in rows], axis=0)
        print(f"| {group}: {names} | {means[0]:.3f} / {means[1]:.0%} | {means[2]:.3f} / {means[3]:.0%} |")
    return decided_by_set


def table_categories(all_sets: list[CommentSet], decided_by_set: dict[str, np.ndarray]) -> None:
    print()
    print("Per category: share flagged (hold or reject) by decide(); for MLMA also macro-F1 / clean held")
    print("within the tweets aimed at each attribute.")
    print("| set | category | n | flagged | macro-F1 / clean held |")
    print("|---|---|---:|---:|---:|")
    for s in all_sets:
        if not s.categories or s.name.endswith("obfuscated"):
            continue
        decided = decided_by_set[s.name]
        cats = np.array(s.categories)
        y = np.array(s.labels)
        for category in sorted(set(s.categories)):
            rows = cats == category
            flagged = decided[rows] > 0
            extra = cell(y[rows], decided[rows]) if 0 < y[rows].mean() < 1 else ""
            print(f"| {s.name} | {category} | {rows.sum()} | {flagged.mean():.0%} | {extra} |")


def table_cross(osact_train: tuple[list[str], list[int]]) -> None:
    demo = neutral_sentences(DEMO_PATH, NEUTRAL_SENTENCES)
    demo += [
        x for x in neutral_sentences(DEMO_PATH, 10**9, categories=POLITICAL_CATEGORIES) if x not in set(demo)
    ]
    ml = mlma(None, "")
    dev = osact("dev", "")
    alj_dev = aljazeera("")
    alj_train = aljazeera_train()
    check = check_set()
    dialects = dialects_held_out()
    recipes = [
        (
            "OSACT train + demo sentences",
            (osact_train[0] + demo, osact_train[1] + [0] * len(demo)),
            [ml, alj_dev, alj_train, dialects, check],
        ),
        ("MLMA (all, authors' labels)", (ml.texts, ml.labels), [dev, alj_dev, alj_train, check]),
        (
            "OSACT train + MLMA, naively mixed",
            (osact_train[0] + ml.texts, osact_train[1] + ml.labels),
            [alj_dev, alj_train, check],
        ),
    ]
    print()
    print("Cross-set: trained on one source, scored on sets it never saw (macro-F1 / clean held).")
    print(
        "| trained on | scored on | policy: shipped lists + this classifier | classifier alone "
        "| classifier ROC AUC | TF-IDF + LinearSVC | baseline ROC AUC |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, (texts, labels), targets in recipes:
        model = fit(texts, labels, version=name)
        svm = baseline(texts, labels)
        for target in targets:
            y = np.array(target.labels)
            policy, _rate = run_policy(target.texts, model=model)
            probabilities = np.array([model.score(t) for t in target.texts])
            alone = (probabilities >= DEFAULT_THRESHOLDS.approve_below).astype(int)
            margins = svm.decision_function(svm_input(target.texts))
            print(
                f"| {name} | {target.name} | {cell(y, policy)} | {cell(y, alone)} | "
                f"{roc_auc(y, probabilities):.3f} | {cell(y, (margins > 0) * 2)} | {roc_auc(y, margins):.3f} |"
            )


def table_sweep(all_sets: list[CommentSet]) -> None:
    sweep = (0.2, 0.25, 0.3, 0.35, 0.4)
    print()
    print("decide() by approve_below (reject_above unchanged): macro-F1 / clean held")
    print("| set | role | " + " | ".join(str(t) for t in sweep) + " |")
    print("|---|---|" + "---:|" * len(sweep))
    for s in all_sets:
        y = np.array(s.labels)
        cells = []
        for value in sweep:
            decided, _rate = run_policy(s.texts, Thresholds(value, DEFAULT_THRESHOLDS.reject_above))
            cells.append(cell(y, decided))
        print(f"| {s.name} | {s.role} | " + " | ".join(cells) + " |")


def main() -> int:
    if not (DATA / "osact2020-train.tsv").exists():
        print(f"data not found under {DATA.resolve()}; nothing to measure")
        return 0
    model = default_model()
    print(
        f"# moderation_eval {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"Python {platform.python_version()}; model {model.version if model else 'none'}; thresholds "
        f"approve<{DEFAULT_THRESHOLDS.approve_below} reject>={DEFAULT_THRESHOLDS.reject_above}"
    )
    osact_train = load_osact(DATA / "osact2020-train.tsv")
    all_sets = sets()
    decided = table_sets(all_sets, osact_train)
    table_categories(all_sets, decided)
    table_cross(osact_train)
    table_sweep(all_sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
