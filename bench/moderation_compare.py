"""Moderation before/after, side by side in one run: the policy of a git revision against the working tree.

The package ``akhbar/moderation`` of ``--before`` (word lists, patterns, rules, model, thresholds) is
extracted with ``git archive`` into a temporary directory and imported under another name, so both
decide() run in the same process on the same sets. Printed: macro-F1 / clean held per set (with its
role), the means over the off-platform sets (dev and held out apart), and the share flagged per category.
Run: .venv/bin/python bench/moderation_compare.py --before <rev> [--sets held]
"""

from __future__ import annotations

import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from moderation_eval import OFF_PLATFORM, cell, clean_held, macro_f1, sets  # noqa: E402
from moderation_sets import CommentSet  # noqa: E402

CODES = {"approve": 0, "hold": 1, "reject": 2}


def policy_at(revision: str, workdir: Path):
    """The ``decide`` of akhbar/moderation at ``revision``, imported as the package ``moderation_before``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "akhbar/moderation"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(workdir, filter="data")
    (workdir / "akhbar" / "moderation").rename(workdir / "moderation_before")
    sys.path.insert(0, str(workdir))
    return importlib.import_module("moderation_before.policy").decide


def decisions(decide, texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.process_time()
    out = np.array([CODES[decide(t).decision] for t in texts])
    return out, len(texts) / max(time.process_time() - start, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git revision of the policy to compare against")
    parser.add_argument("--sets", choices=("all", "dev", "held"), default="all", help="which roles to score")
    args = parser.parse_args()
    from akhbar.moderation.policy import decide as after

    with tempfile.TemporaryDirectory(prefix="moderation-before-") as tmp:
        before = policy_at(args.before, Path(tmp))
        chosen = [s for s in sets() if _wanted(s, args.sets)]
        print(
            f"before = {args.before}, after = working tree; macro-F1 / clean held (flagged = hold or reject)"
        )
        print(
            "| set | role | n, bad | before | after | after: approve / hold / reject | after per CPU-second |"
        )
        print("|---|---|---|---:|---:|---:|---:|")
        results: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for s in chosen:
            y = np.array(s.labels)
            old, _ = decisions(before, s.texts)
            new, rate = decisions(after, s.texts)
            results[s.name] = (old, new)
            shares = " / ".join(f"{np.mean(new == k):.0%}" for k in (0, 1, 2))
            print(
                f"| {s.name} | {s.role} | {len(y)}, {y.mean():.0%} | {cell(y, old)} | {cell(y, new)} "
                f"| {shares} | {rate:,.0f} |"
            )
        _means(chosen, results)
        _categories(chosen, results)
    return 0


def _wanted(s: CommentSet, which: str) -> bool:
    if which == "all":
        return True
    return (s.role == "held out") == (which == "held")


def _means(chosen: list[CommentSet], results: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    groups: dict[str, list[list[float]]] = {}
    for s in chosen:
        if s.name not in OFF_PLATFORM:
            continue
        y = np.array(s.labels)
        row = []
        for decided in results[s.name]:
            flagged = (decided > 0).astype(int)
            row += [macro_f1(y, flagged), clean_held(y, flagged)]
        groups.setdefault("held out" if s.role == "held out" else "dev", []).append(row)
        groups.setdefault("all off-platform", []).append(row)
    print()
    print("| off-platform sets | n sets | before | after |")
    print("|---|---:|---:|---:|")
    for name, rows in groups.items():
        m = np.mean(rows, axis=0)
        print(f"| {name} | {len(rows)} | {m[0]:.3f} / {m[1]:.0%} | {m[2]:.3f} / {m[3]:.0%} |")


def _categories(chosen: list[CommentSet], results: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    print()
    print("| set | category | n | before: flagged | after: flagged |")
    print("|---|---|---:|---:|---:|")
    for s in chosen:
        if not s.categories or s.name.endswith("obfuscated"):
            continue
        cats = np.array(s.categories)
        old, new = results[s.name]
        for category in sorted(set(s.categories)):
            rows = cats == category
            print(
                f"| {s.name} | {category} | {rows.sum()} | {np.mean(old[rows] > 0):.0%} "
                f"| {np.mean(new[rows] > 0):.0%} |"
            )


if __name__ == "__main__":
    raise SystemExit(main())
