"""``akhbar train-moderation``: rebuild the shipped classifier from OSACT 2020 (CC BY 4.0) and MLMA (MIT)."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from akhbar.moderation.classifier import MODEL_PATH, FeatureConfig
from akhbar.moderation.training import DEFAULT_C, DEMO_PATH, NEUTRAL_SENTENCES, train

DEFAULT_TRAIN = (
    Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "moderation" / "osact2020-train.tsv"
)


DEFAULT_MLMA = DEFAULT_TRAIN.parent / "mlma-ar.tsv"


class Command(BaseCommand):
    help = "Train the comment classifier on OSACT 2020 and write akhbar/moderation/data/model.npz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN, help="OSACT 2020 training TSV file.")
        parser.add_argument("--out", type=Path, default=MODEL_PATH, help="Where to write the model.")
        parser.add_argument("--c", type=float, default=DEFAULT_C, help="Inverse regularization strength.")
        parser.add_argument(
            "--neutral",
            type=Path,
            default=DEMO_PATH,
            help="Articles (JSONL.gz) whose sentences are clean examples.",
        )
        parser.add_argument(
            "--neutral-count", type=int, default=NEUTRAL_SENTENCES, help="How many such sentences (0: none)."
        )
        parser.add_argument(
            "--political",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Also add every sentence of the politics and world-news articles as clean examples.",
        )
        parser.add_argument(
            "--mlma",
            type=Path,
            default=DEFAULT_MLMA,
            help="MLMA's Arabic TSV: the clean tweets of its training half are added (an empty value: none).",
        )
        parser.add_argument("--bits", type=int, default=FeatureConfig().bits, help="Hash space size (bits).")

    def handle(self, *args: object, **options: object) -> None:
        train_path = Path(options["train"]).resolve()
        if not train_path.exists():
            raise CommandError(f"training file not found: {train_path}")
        try:
            import sklearn  # noqa: F401
        except ImportError as exc:
            raise CommandError("training needs scikit-learn: pip install 'akhbar[dev]'") from exc
        mlma_path = Path(options["mlma"]) if str(options["mlma"] or "") not in ("", ".") else None
        if mlma_path is not None and not mlma_path.exists():
            raise CommandError(f"MLMA file not found: {mlma_path}")
        out = Path(options["out"])
        model = train(
            train_path,
            out,
            c=float(options["c"]),
            config=FeatureConfig(bits=int(options["bits"])),
            neutral_path=Path(options["neutral"]),
            neutral_count=int(options["neutral_count"]),
            mlma_path=mlma_path,
            political=bool(options["political"]),
        )
        kept = int((model.weights != 0).sum())
        self.stdout.write(
            f"wrote {out} ({out.stat().st_size} bytes, {kept} non-zero weights, {model.version})"
        )
