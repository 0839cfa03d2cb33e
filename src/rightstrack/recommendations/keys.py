"""Record keys: how a recommendation is recognised across files, exports and imports.

An import matches a row to a record by 1. its annotation id, 2. (document, paragraph), 3. the hash of its
normalised text within its document; an export names a recommendation the same way (`recommendation_ref`), so
a measure file that lists recommendations re-imports without a mapping.
"""

import hashlib

from rightstrack.core.text import normalised_text


def text_hash(text: str) -> str:
    """A short stable hash of the normalised text."""
    return hashlib.sha256(normalised_text(text).encode()).hexdigest()[:16]


def recommendation_ref(rec) -> str:
    """How a measure export names a recommendation: its external id, 'SYMBOL ¶para', or 'SYMBOL #hash'."""
    if rec.external_id:
        return rec.external_id
    if rec.paragraph:
        return f"{rec.source_document.symbol} ¶{rec.paragraph}"
    return f"{rec.source_document.symbol} #{text_hash(rec.text)}"
