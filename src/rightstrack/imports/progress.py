"""Progress of long jobs: the console bar of imports, exports, backups and restores (tqdm, on a terminal only), and
the shared store the web's import pages read while the worker writes in one long transaction."""

import sys

from django.core.cache import caches
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


def _key(staged_id: int) -> str:
    return f"import:{staged_id}"


def shared_progress_set(staged_id: int, fraction: float) -> None:
    """Record how far a web import's job has got, where other processes see it at once (the "progress" cache):
    an update the job writes to its StagedImport row inside the import's transaction stays invisible until the
    commit, so the page would stand still for the whole write."""
    caches["progress"].set(_key(staged_id), round(fraction, 3), timeout=24 * 3600)


def shared_progress_get(staged_id: int) -> float | None:
    """The fraction `shared_progress_set` last recorded, or None."""
    return caches["progress"].get(_key(staged_id))


def shared_progress_clear(staged_id: int) -> None:
    caches["progress"].delete(_key(staged_id))
