"""A console progress bar for long imports and exports (stderr, only when it is a terminal)."""

import sys
import time


class ConsoleProgress:
    """Call with a fraction 0..1; redraws at most ten times a second, and only on a terminal."""

    def __init__(self, label: str, stream=None, force: bool = False):
        self.label, self.stream = label, stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self._last = 0.0

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.1 and fraction < 1):
            return
        self._last = now
        filled = int(30 * max(0.0, min(fraction, 1.0)))
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}")
        if fraction >= 1:
            self.stream.write("\n")
        self.stream.flush()
