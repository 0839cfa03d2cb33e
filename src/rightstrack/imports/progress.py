"""The console progress bar of imports, exports, backups and restores (tqdm, on a terminal only). Web imports
report their progress on their job (`jobs.runner.Progress`)."""

import sys

from tqdm import tqdm

STEPS = 1000


class ConsoleProgress:
    """Call with a fraction 0..1; draws on stderr when it is a terminal, stays silent in pipes and logs."""

    def __init__(self, label: str, stream=None, force: bool = False):
        stream = stream or sys.stderr
        self.bar = tqdm(total=STEPS, desc=label, file=stream, disable=not (force or stream.isatty()),
                        bar_format="{desc} {bar} {percentage:3.0f}% {elapsed}")
        self.done = 0

    def __call__(self, fraction: float) -> None:
        target = int(STEPS * max(0.0, min(fraction, 1.0)))
        if target > self.done:
            self.bar.update(target - self.done)
            self.done = target
        if fraction >= 1:
            self.bar.close()
