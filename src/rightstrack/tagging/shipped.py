"""Where the default `upr-issues` and `action-category` models ship: trained on UPR Info's coding (`coded.py`),
stored in the package's `defaults/` directory (model.json + weights.npz each)."""

from pathlib import Path

SHIPPED = ("upr-issues", "action-category")


def shipped_directory(taxonomy_name: str) -> Path:
    """Where the shipped default model of `upr-issues` or `action-category` lives in the package."""
    return Path(__file__).resolve().parent / "defaults" / taxonomy_name
