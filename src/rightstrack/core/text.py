"""Text compared as people read it: the same words, whatever their case and spacing."""

import re


def normalised_text(text: str) -> str:
    """Text compared case- and whitespace-insensitively (record keys hash it; labels compare by it)."""
    return re.sub(r"\s+", " ", text or "").strip().casefold()
