"""The comment sets the moderation benchmark reads, each with its role in choosing the shipped settings.

Roles: "tuned" and "dev" sets were looked at while choosing the lexicon, the patterns, the training recipe
or the thresholds; "held out" sets were not; "hand-written" is bench/data/moderation_check.tsv, written by
the developer who wrote the lexicon, so it shows coverage by category but is no evidence of
generalization.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "moderation"
NEWS = ROOT / ".." / "shared" / "data" / "news" / "ant-multisource.jsonl.gz"
CHECK = ROOT / "bench" / "data" / "moderation_check.tsv"
POLITICAL = ROOT / "bench" / "data" / "moderation_political_criticism.tsv"
DIALECTS = ROOT / "bench" / "data" / "moderation_dialects_heldout.tsv"


@dataclass
class CommentSet:
    """Texts with 0/1 labels (1 = breaks the terms) and, where the source has one, a category per text."""

    name: str
    role: str
    texts: list[str]
    labels: list[int]
    categories: list[str] = field(default_factory=list)


def osact(name: str, role: str) -> CommentSet:
    """OSACT 2020 tweets; the category is HS (hate speech) or OFF for offensive ones, "clean" otherwise."""
    texts, labels, categories = [], [], []
    with (DATA / f"osact2020-{name}.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[1] not in ("OFF", "NOT_OFF"):
                continue
            texts.append(parts[0])
            labels.append(1 if parts[1] == "OFF" else 0)
            categories.append("clean" if parts[1] == "NOT_OFF" else ("HS" if parts[2] == "HS" else "OFF"))
    return CommentSet(f"osact2020-{name}", role, texts, labels, categories)


def aljazeera(role: str) -> CommentSet:
    """Aljazeera.net reader comments (dev): level 0 clean, -1 offensive, -2 obscene."""
    names = {"0": "clean", "-1": "offensive", "-2": "obscene"}
    texts, labels, categories = [], [], []
    with (DATA / "aljazeera-comments-dev.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        for row in reader:
            if len(row) >= 3 and row[2] in names:
                texts.append(row[1])
                labels.append(0 if row[2] == "0" else 1)
                categories.append(names[row[2]])
    return CommentSet("aljazeera-comments-dev", role, texts, labels, categories)


def mlma(half: int | None, role: str) -> CommentSet:
    """MLMA's Arabic tweets (authors' labels: hostile unless exactly "normal"), one half or all.

    The category is the attribute targeted (origin, religion, gender, disability, other).
    """
    from akhbar.moderation.training import load_mlma, mlma_half

    texts, labels, targets = load_mlma(DATA / "mlma-ar.tsv")
    rows = [r for r in zip(texts, labels, targets, strict=True) if half is None or mlma_half(r[0]) == half]
    name = "mlma-ar" if half is None else f"mlma-ar half {half}"
    return CommentSet(name, role, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def news_sentences(role: str, count: int = 2000) -> CommentSet | None:
    """Sentences of ant-multisource articles (other publishers than the demo articles): all clean."""
    if not NEWS.exists():
        return None
    from akhbar.moderation.training import neutral_sentences

    texts = neutral_sentences(NEWS, count, seed=7)
    return CommentSet("news sentences, all clean", role, texts, [0] * len(texts), ["clean"] * len(texts))


def check_set() -> CommentSet:
    """The hand-written comments: clean politics, sport and other, and each forbidden category."""
    return _hand_written(CHECK, "hand-written check set", "hand-written")


def political_criticism() -> CommentSet:
    """53 clean comments criticizing governments, parties, politicians and countries, in ten dialects.

    Written on 2026-12-01 and committed before that day's lexicon and pattern changes, never used to
    choose them: held out, though written by the same hand as the lists.
    """
    return _hand_written(POLITICAL, "political criticism (hand-written, all clean)", "held out")


def dialects_held_out() -> CommentSet:
    """139 reader comments in Levantine, Tunisian (Arabic script and Arabizi), Gulf, Egyptian and MSA.

    Clean (politics, sport, other, with near misses such as «تقبرني», «الله ياخد بإيدك», Tunisian «عباد»)
    and each forbidden category. Written on 2026-12-01 (third session) and committed before any change of
    that session: held out, never used to choose lists, patterns, training or thresholds.
    """
    return _hand_written(DIALECTS, "dialect comments (hand-written, held out)", "held out")


def _hand_written(path: Path, name: str, role: str) -> CommentSet:
    texts, labels, categories = [], [], []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        for row in reader:
            texts.append(row["text"])
            labels.append(1 if row["label"] == "flag" else 0)
            categories.append(row["category"] if row["label"] == "flag" else f"clean {row['category']}")
    return CommentSet(name, role, texts, labels, categories)


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


def obfuscated(base: CommentSet) -> CommentSet:
    rng = random.Random(5)
    texts = [obfuscate(t, rng) for t in base.texts]
    return CommentSet(f"{base.name} obfuscated", base.role, texts, base.labels, base.categories)
