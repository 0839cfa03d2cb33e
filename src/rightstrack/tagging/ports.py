"""The port every tagger implements: texts in, scored label suggestions out (HURIDOCS-style); and how long builds
report progress."""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, Sequence

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    """Progress of long first-time builds (models, embedders), one line on stderr."""
    print(f"tagging: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Suggestion:
    """One suggested label for one text, with its score, the model version that produced it, and its confidence:
    the score on a 0-1 scale shared by all models (see `evaluation.calibrate_confidence`)."""

    label: str
    score: float
    model_version: str
    above_threshold: bool
    confidence: float


class Tagger(Protocol):
    """Anything that suggests labels: one list of suggestions (best first) per input text."""

    taxonomy: str
    version: str

    def predict(self, texts: Sequence[str]) -> list[list[Suggestion]]:
        """Suggest labels for each text."""
        ...
