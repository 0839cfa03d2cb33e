"""What an import writes, one target per kind of record: `recommendations` (with their documents, States and
tags) and `measures` (of action plans); `labels` resolves the names a file uses to ids.

A target `validate()`s a row without writing (reference data is loaded once into lookup tables), gives the row's
`key()` and unique `slot()`, finds `conflicts()` with the database a batch at a time, and `write_batch()`es the
valid rows inside the import's transaction.
"""

from rightstrack.imports.targets.measures import MeasureTarget
from rightstrack.imports.targets.recommendations import RecommendationTarget


def make_target(kind: str, column_of):
    """The writer for a format's target kind."""
    return (RecommendationTarget if kind == "recommendation" else MeasureTarget)(column_of)
