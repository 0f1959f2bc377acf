"""A small text progress bar for management commands (no dependency)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Draws ``[#####     ] 50% 500/1000 1,234/s`` on one line of a terminal, or one line per
    ``every`` items elsewhere (logs stay readable)."""

    def __init__(
        self,
        total: int | None,
        label: str = "",
        stream: TextIO | None = None,
        width: int = 30,
        every: int = 1000,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.every = every
        self.started = time.perf_counter()
        self.tty = getattr(self.stream, "isatty", lambda: False)()
        self._last_drawn = 0.0
        self._last_count = 0

    def rate(self, done: int) -> float:
        elapsed = time.perf_counter() - self.started
        return done / elapsed if elapsed > 0 else 0.0

    def line(self, done: int) -> str:
        rate = f"{self.rate(done):,.0f}/s"
        if self.total:
            share = min(1.0, done / self.total)
            filled = int(share * self.width)
            bar = "#" * filled + " " * (self.width - filled)
            return f"{self.label} [{bar}] {share:4.0%} {done:,}/{self.total:,} {rate}"
        return f"{self.label} {done:,} {rate}"

    def update(self, done: int, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        now = time.perf_counter()
        if self.tty:
            if now - self._last_drawn >= 0.1 or done == self.total:
                self.stream.write("\r" + self.line(done))
                self.stream.flush()
                self._last_drawn = now
        elif done - self._last_count >= self.every or done == self.total:
            self.stream.write(self.line(done) + "\n")
            self._last_count = done

    def finish(self, done: int) -> None:
        if self.tty:
            self.stream.write("\r" + self.line(done) + "\n")
        elif done != self._last_count:
            self.stream.write(self.line(done) + "\n")
        self.stream.flush()
