"""``akhbar moderate [FILE|-]``: one comment per line in, one JSON decision per line out."""

from __future__ import annotations

import io
import json
import sys

from django.core.management.base import BaseCommand, CommandParser

from akhbar.moderation.lexicon import Lexicon
from akhbar.moderation.policy import Thresholds, decide
from akhbar.moderation.store import active_lexicon


class Command(BaseCommand):
    help = "Moderate comments, one per line (UTF-8), and print one JSON decision per line."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", help="A file of comments, or - for standard input."
        )
        parser.add_argument(
            "--approve-below", type=float, default=None, help="Approve when the score is below."
        )
        parser.add_argument("--reject-above", type=float, default=None, help="Reject when the score reaches.")

    def handle(self, *args: object, **options: object) -> None:
        defaults = Thresholds()
        approve_below = options["approve_below"]
        reject_above = options["reject_above"]
        thresholds = Thresholds(
            approve_below=defaults.approve_below if approve_below is None else float(approve_below),
            reject_above=defaults.reject_above if reject_above is None else float(reject_above),
        )
        lexicon = active_lexicon()
        path = str(options["file"])
        if path == "-":
            stdin = options.get("stdin") or sys.stdin
            stream = getattr(stdin, "buffer", stdin)
            self._run(stream, thresholds, lexicon)
        else:
            with open(path, "rb") as handle:
                self._run(handle, thresholds, lexicon)

    def _run(self, stream: io.IOBase, thresholds: Thresholds, lexicon: Lexicon) -> None:
        out = self.stdout
        for raw in stream:
            if isinstance(raw, bytes):
                line = raw.decode("utf-8", errors="replace")
            else:
                line = raw
            line = line.rstrip("\r\n")
            decision = decide(line, thresholds=thresholds, lexicon=lexicon)
            out.write(json.dumps(decision.as_dict(), ensure_ascii=False))
