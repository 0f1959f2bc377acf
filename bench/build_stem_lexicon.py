"""Build akhbar/arabic/stem_lexicon.txt, the light stemmer's word lists, from corpus counts.

Source: the words (stopwords left out, as the analyzer drops them before stemming) of
news/ant-jawharafm.jsonl.gz (ANT Corpus v1.1, JawharaFM, the shippable part of
../shared/data), normalized with ``normalize_for_search``. Nothing of ant-multisource or ARCD (the
retrieval benchmark's documents and questions) is used, so bench/arabic.py measures the lists on text
they were not built from.

Two lists are derived by rule; the third is written by hand and copied through unchanged:

- keep_n_ending: stems ending in ان ون ين that occur, at least ``--min-count`` times, with another
  suffix after that ending (مهرجانات, برلمانية, قانونه). A plural ون/ين or a dual ان never comes before
  another suffix (its ن drops before a pronoun; it takes neither ات nor the nisba ي), so there the
  ending is part of the word, and it stays when it ends the word too (مهرجان, not مهرج).
- radical_prefix: stems whose first letters look like a prefix (و ف ب ك ل, ال) but belong to the word.
  For a word w whose light stem removes a prefix, let A be w's stem without removing it and B its light
  stem. A is kept whole when the family of A occurs ``--min-count`` times or more and either the
  article is seen before it (ال + w: البيت, الوزير, الالتزام; an article cannot follow a clitic, so the
  letter after it is the word's own) at least twice and at least as often as B occurs as a word on its
  own or after the article (other than in A's own words), or, for a one-letter prefix, B occurs nowhere
  else (بيروت: يروت is no word; فرنسا: رنسا).
- broken_plurals: a hand-checked table of frequent broken plurals (stem -> singular stem), kept as it
  is in the existing file.

    .venv/bin/python bench/build_stem_lexicon.py            # rewrite akhbar/arabic/stem_lexicon.txt
    .venv/bin/python bench/build_stem_lexicon.py --check    # exit 1 if the file is not what it builds
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus  # noqa: E402

from akhbar.arabic.analyzer import is_stopword  # noqa: E402
from akhbar.arabic.normalize import normalize_for_search  # noqa: E402
from akhbar.arabic.stem import DEFAULT_RULES, N_ENDINGS, make_stemmer  # noqa: E402
from akhbar.arabic.tokenize import WORD_RE  # noqa: E402

LEXICON = Path(__file__).resolve().parents[1] / "akhbar" / "arabic" / "stem_lexicon.txt"
ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))

HEADER = """\
# The light stemmer's word lists (akhbar/arabic/stem.py), in normalized form (normalize_for_search).
# radical_prefix and keep_n_ending are built by bench/build_stem_lexicon.py from the word counts of the
# ANT Corpus v1.1 (JawharaFM; https://antcorpus.github.io, Apache License 2.0; A. Chouigui, O. Ben
# Khiroun, B. Elayeb, "ANT Corpus: An Arabic News Text Collection for Textual Classification", AICCSA
# 2017): see that script for the rules. broken_plurals is written and checked by hand; the script
# copies it through. Do not edit the generated sections by hand: change the rules and rebuild.
"""


def word_counts() -> Counter[str]:
    raw: Counter[str] = Counter()
    for article in corpus.iter_news(corpus.JAWHARAFM):
        raw.update(WORD_RE.findall(f"{article.get('title') or ''}\n{article.get('text') or ''}"))
    counts: Counter[str] = Counter()
    for word, n in raw.items():
        normalized = normalize_for_search(word)
        if normalized and set(normalized) <= ARABIC_LETTERS and not is_stopword(normalized):
            counts[normalized] += n
    return counts


def keep_n_ending(counts: Counter[str], min_count: int) -> set[str]:
    base = make_stemmer(
        replace(DEFAULT_RULES, radical_prefix=frozenset(), keep_n_ending=frozenset(), plurals={})
    )
    found: Counter[str] = Counter()
    for word, n in counts.items():
        stem = base(word)
        if len(stem) >= 5 and stem[-2:] in N_ENDINGS and not word.endswith(stem):
            found[stem] += n
    return {stem for stem, n in found.items() if n >= min_count}


def radical_prefix(counts: Counter[str], keep: set[str], min_count: int) -> set[str]:
    rules = replace(DEFAULT_RULES, radical_prefix=frozenset(), keep_n_ending=frozenset(keep), plurals={})
    light = make_stemmer(rules)
    whole = make_stemmer(replace(rules, prefixes=(), single_prefixes=""))
    after_article: Counter[str] = Counter()  # stem seen as ال + w
    alone: Counter[str] = Counter()  # stem seen without a prefix removed
    families: dict[str, Counter[str]] = defaultdict(Counter)  # A -> its words whose light stem differs
    for word, n in counts.items():
        a = whole(word)
        alone[a] += n
        if word.startswith("ال") and len(word) >= 5 and not word.startswith("الل"):
            after_article[whole(word[2:])] += n
        if a != light(word):
            families[a][word] += n
    out = set()
    for a, words in families.items():
        if words.total() < min_count:
            continue
        b = Counter({light(w): n for w, n in words.items()}).most_common(1)[0][0]
        # B as a word elsewhere: on its own, or after the article (الاربعاء, for والاربعاء), not counting
        # A's own words (الغاء is the word in question, not evidence for غاء).
        own = sum(n for w, n in words.items() if w.startswith("ال") and whole(w[2:]) == b)
        elsewhere = alone[b] + after_article[b] - own
        seen_after_article = after_article[a] >= 2 and after_article[a] >= elsewhere
        # A word that starts with ال needs the article before it (الالتزام): ال + a word that never
        # occurs bare (الاربعاء) is the article all the same.
        if seen_after_article or (elsewhere == 0 and not a.startswith("ال")):
            out.add(a)
    return out


def hand_section(name: str) -> list[str]:
    """Lines of a hand-written section of the current file, comments kept."""
    if not LEXICON.exists():
        return []
    lines, inside = [], False
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        head = line.split("#", 1)[0].strip()
        if head.startswith("[") and head.endswith("]"):
            inside = head == f"[{name}]"
            continue
        if inside and line.strip():
            lines.append(line)
    return lines


def words_block(words: set[str], per_line: int = 12) -> list[str]:
    ordered = sorted(words)
    return [" ".join(ordered[i : i + per_line]) for i in range(0, len(ordered), per_line)]


def build(min_count: int) -> str:
    counts = word_counts()
    keep = keep_n_ending(counts, min_count)
    radical = radical_prefix(counts, keep, min_count)
    parts = [HEADER]
    parts.append(f"\n[radical_prefix]  # {len(radical)} stems, families of {min_count}+ occurrences\n")
    parts.extend(line + "\n" for line in words_block(radical))
    parts.append(f"\n[keep_n_ending]  # {len(keep)} stems, {min_count}+ occurrences before another suffix\n")
    parts.extend(line + "\n" for line in words_block(keep))
    parts.append("\n[broken_plurals]  # plural stem, singular stem; by hand\n")
    parts.extend(line + "\n" for line in hand_section("broken_plurals"))
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not corpus.JAWHARAFM.exists():
        sys.exit(f"shared data not found under {corpus.DATA}")
    text = build(args.min_count)
    if args.check:
        sys.exit(0 if LEXICON.exists() and LEXICON.read_text(encoding="utf-8") == text else 1)
    LEXICON.write_text(text, encoding="utf-8")
    print(f"wrote {LEXICON}")


if __name__ == "__main__":
    main()
