"""``akhbar train-moderation``: rebuild the shipped classifier from OSACT 2020 (CC BY 4.0)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from akhbar.moderation.classifier import MODEL_PATH, FeatureConfig
from akhbar.moderation.training import DEFAULT_C, DEMO_PATH, NEUTRAL_SENTENCES, train

DEFAULT_TRAIN = (
    Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "moderation" / "osact2020-train.tsv"
)


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
        parser.add_argument("--bits", type=int, default=FeatureConfig().bits, help="Hash space size (bits).")

    def handle(self, *args: object, **options: object) -> None:
        train_path = Path(options["train"]).resolve()
        if not train_path.exists():
            raise CommandError(f"training file not found: {train_path}")
        try:
            import sklearn  # noqa: F401
        except ImportError as exc:
            raise CommandError("training needs scikit-learn: pip install 'akhbar[dev]'") from exc
        out = Path(options["out"])
        model = train(
            train_path,
            out,
            c=float(options["c"]),
            config=FeatureConfig(bits=int(options["bits"])),
            neutral_path=Path(options["neutral"]),
            neutral_count=int(options["neutral_count"]),
        )
        kept = int((model.weights != 0).sum())
        self.stdout.write(
            f"wrote {out} ({out.stat().st_size} bytes, {kept} non-zero weights, {model.version})"
        )
