"""Moderation benchmark: akhbar's decide() against a TF-IDF + LinearSVC baseline, in one run.

Both are trained on the same data (OSACT 2020 train, the only shippable set) and scored on
osact2020-dev (in domain: tweets, OFF = breaks the terms) and aljazeera-comments-dev (another platform:
news-site comments, level < 0 = breaks the terms). Reported per set:
  - macro-F1 of "not approve" (hold or reject) against the labels, at the shipped default thresholds;
  - auto-approve share: the largest share of comments, lowest scores first, that can be approved with
    >= 95 % of them clean; auto-reject share: the largest share, highest scores first, that can be
    rejected with >= 95 % of them breaking the terms;
  - comments per CPU-second (decide(), one process, after a 50-comment warm-up; CPU time, not wall
    time, so that other jobs on the machine do not change the number).
A copy of osact2020-dev with obfuscated words measures robustness to filter evasion, and 2,000 sentences
of ant-multisource news articles (other publishers than the demo articles used in training; all clean)
measure how much plain formal Arabic is held for nothing.
Run: .venv/bin/python bench/moderation_eval.py   (needs ../shared/data/moderation and scikit-learn)
"""

from __future__ import annotations

import csv
import platform
import random
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from akhbar.moderation.classifier import clean  # noqa: E402
from akhbar.moderation.lexicon import default_lexicon  # noqa: E402
from akhbar.moderation.policy import DEFAULT_THRESHOLDS, Thresholds, decide  # noqa: E402
from akhbar.moderation.training import load_osact, neutral_sentences  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "moderation"
PRECISION = 0.95


def load_aljazeera(path: Path) -> tuple[list[str], list[int]]:
    """Texts and labels (1 = level < 0, offensive or obscene) of the Aljazeera comments TSV."""
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        for row in reader:
            if len(row) >= 3:
                texts.append(row[1])
                labels.append(1 if int(row[2]) < 0 else 0)
    return texts, labels


_ARABIC_WORD = re.compile("[\u0621-\u064a]{3,}")


def obfuscate(text: str, rng: random.Random) -> str:
    """What a reader does to slip past a filter, applied to one word in three (seeded, reproducible)."""

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() > 1 / 3:
            return word
        trick = rng.randrange(5)
        if trick == 0:
            return "\u0640\u0640".join(word)  # tatweel
        if trick == 1:
            return ".".join(word)  # dots inside the word
        if trick == 2:
            i = rng.randrange(len(word))
            return word[:i] + word[i] * 4 + word[i + 1 :]  # a stretched letter
        if trick == 3:
            return "\u200c".join(word)  # zero-width non-joiners
        return "".join(ch + "\u064e" for ch in word)  # harakat

    return _ARABIC_WORD.sub(one, text)


def macro_f1(labels: np.ndarray, predicted: np.ndarray) -> float:
    """Mean of the F1 of both classes."""
    scores = []
    for cls in (0, 1):
        tp = np.sum((predicted == cls) & (labels == cls))
        fp = np.sum((predicted == cls) & (labels != cls))
        fn = np.sum((predicted != cls) & (labels == cls))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def auto_share(labels: np.ndarray, scores: np.ndarray, side: str) -> float:
    """Largest share of comments decided on one side with >= PRECISION of them right."""
    order = np.argsort(scores if side == "approve" else -scores, kind="stable")
    wanted = 0 if side == "approve" else 1
    correct = np.cumsum(labels[order] == wanted)
    counts = np.arange(1, len(order) + 1)
    ok = np.nonzero(correct / counts >= PRECISION)[0]
    return float((ok[-1] + 1) / len(order)) if len(ok) else 0.0


def evaluate_akhbar(
    texts: list[str], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[np.ndarray, np.ndarray, float]:
    """(0 approve / 1 hold / 2 reject, scores, comments per second) of decide() with the shipped lists."""
    lexicon = default_lexicon()
    for text in texts[:50]:
        decide(text, lexicon=lexicon, thresholds=thresholds)
    start = time.process_time()
    decisions = [decide(text, lexicon=lexicon, thresholds=thresholds) for text in texts]
    rate = len(texts) / (time.process_time() - start)
    flags = np.array([{"approve": 0, "hold": 1, "reject": 2}[d.decision] for d in decisions])
    scores = np.array([d.score for d in decisions])
    return flags, scores, rate


def evaluate_baseline(
    train: tuple[list[str], list[int]], texts: list[str]
) -> tuple[np.ndarray, np.ndarray, float]:
    """TF-IDF (word 1-2-grams, sublinear) + LinearSVC, the usual strong-simple baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    svm = LinearSVC(C=1.0)
    svm.fit(vectorizer.fit_transform([clean(t) for t in train[0]]), train[1])
    start = time.process_time()
    margins = svm.decision_function(vectorizer.transform([clean(t) for t in texts]))
    rate = len(texts) / (time.process_time() - start)
    return (margins > 0).astype(int) * 2, margins, rate


def main() -> int:
    if not (DATA / "osact2020-train.tsv").exists():
        print(f"data not found under {DATA.resolve()}; nothing to measure")
        return 0
    train = load_osact(DATA / "osact2020-train.tsv")
    sets = {
        "osact2020-dev": load_osact(DATA / "osact2020-dev.tsv"),
        "aljazeera-comments-dev": load_aljazeera(DATA / "aljazeera-comments-dev.tsv"),
    }
    news = ROOT / ".." / "shared" / "data" / "news" / "ant-multisource.jsonl.gz"
    if news.exists():
        clean_sentences = neutral_sentences(news, 2000, seed=7)
        sets["news sentences, all clean"] = (clean_sentences, [0] * len(clean_sentences))
    rng = random.Random(5)
    dev_texts, dev_labels = sets["osact2020-dev"]
    sets["osact2020-dev obfuscated"] = ([obfuscate(t, rng) for t in dev_texts], dev_labels)
    print(
        f"# moderation_eval {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()} "
        f"{platform.processor() or platform.platform()}, Python {platform.python_version()}; "
        f"thresholds approve<{DEFAULT_THRESHOLDS.approve_below} reject>={DEFAULT_THRESHOLDS.reject_above}"
    )
    print(
        "| set | system | macro-F1 (not approve) | approve / hold / reject | precision approve / reject "
        "| auto-approve @95% | auto-reject @95% | comments per CPU-second |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, (texts, labels) in sets.items():
        y = np.array(labels)
        for system, run in (
            ("akhbar decide()", lambda t: evaluate_akhbar(t)),
            ("TF-IDF + LinearSVC", lambda t: evaluate_baseline(train, t)),
        ):
            decided, scores, rate = run(texts)
            approved, rejected = decided == 0, decided == 2
            shares = " / ".join(f"{np.mean(decided == k):.0%}" for k in (0, 1, 2))
            precision = (
                f"{np.mean(y[approved] == 0) if approved.any() else 0:.1%} / "
                f"{np.mean(y[rejected] == 1) if rejected.any() else 0:.1%}"
            )
            print(
                f"| {name} (n={len(texts)}, {y.mean():.0%} bad) | {system} | "
                f"{macro_f1(y, (decided > 0).astype(int)) if 0 < y.mean() < 1 else float('nan'):.3f} | "
                f"{shares} | {precision} | "
                f"{auto_share(y, scores, 'approve'):.1%} | {auto_share(y, scores, 'reject'):.1%} | {rate:,.0f} |"
            )
    print()
    print(
        "akhbar decide(), by approve_below (reject_above unchanged): macro-F1 (not approve) / share approved"
    )
    sweep = (0.15, 0.2, 0.25, 0.3, 0.35)
    print("| set | " + " | ".join(f"approve_below {t}" for t in sweep) + " |")
    print("|---|" + "---:|" * len(sweep))
    for name, (texts, labels) in sets.items():
        y = np.array(labels)
        cells = []
        for value in sweep:
            thresholds = Thresholds(approve_below=value, reject_above=DEFAULT_THRESHOLDS.reject_above)
            decided = evaluate_akhbar(texts, thresholds)[0]
            f1 = macro_f1(y, (decided > 0).astype(int)) if 0 < y.mean() < 1 else float("nan")
            cells.append(f"{f1:.3f} / {np.mean(decided == 0):.0%}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
