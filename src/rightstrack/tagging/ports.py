"""The port every tagger implements: texts in, scored label suggestions out (HURIDOCS-style)."""

from dataclasses import dataclass
from typing import Protocol, Sequence


@dataclass(frozen=True)
class Suggestion:
    """One suggested label for one text, with its score and the model version that produced it."""

    label: str
    score: float
    model_version: str
    above_threshold: bool = True


class Tagger(Protocol):
    """Anything that suggests labels: one list of suggestions (best first) per input text."""

    taxonomy: str
    version: str

    def predict(self, texts: Sequence[str]) -> list[list[Suggestion]]:
        """Suggest labels for each text."""
        ...
