"""Hashed n-gram counts in NumPy, column for column what scikit-learn's `HashingVectorizer` gives (lower-cased word
1-2-grams with its default token pattern; `char_wb` 3-5-grams; a list of tokens), so the shipped models need no
scikit-learn or SciPy to tag: their import alone took about a second of every `rightstrack tag` run.

Each n-gram is hashed as scikit-learn does: MurmurHash3 (x86, 32 bits, seed 0) of its UTF-8 bytes, column
`abs(signed hash) % 2**bits`. Here the hash runs on every n-gram of a batch at once, on their byte offsets in one
buffer, instead of one Python string per n-gram. tests/tagging/test_hashing.py checks the equality.

Counts come as parallel arrays (rows, columns, counts), sorted by row, then column.
"""

import re

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)

Counts = tuple[np.ndarray, np.ndarray, np.ndarray]


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _mix(k: np.ndarray) -> np.ndarray:
    return _rotl(k * _C1, 15) * _C2


def murmur3(buffer: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Signed 32-bit MurmurHash3 (seed 0) of each byte span `buffer[start:start + length]`, all at once.
    `buffer` (uint8) must extend at least 3 bytes past the last span."""
    h = np.zeros(len(starts), np.uint32)
    blocks = lengths // 4
    for block in range(int(blocks.max(initial=0))):
        live = np.flatnonzero(blocks > block)
        at = starts[live] + 4 * block
        k = (buffer[at].astype(np.uint32) | buffer[at + 1].astype(np.uint32) << np.uint32(8)
             | buffer[at + 2].astype(np.uint32) << np.uint32(16) | buffer[at + 3].astype(np.uint32) << np.uint32(24))
        x = h[live] ^ _mix(k)
        h[live] = _rotl(x, 13) * np.uint32(5) + np.uint32(0xE6546B64)
    rest = lengths & 3
    live = np.flatnonzero(rest)
    at, rest_live = starts[live] + 4 * blocks[live], rest[live]
    k = buffer[at].astype(np.uint32)
    k |= np.where(rest_live >= 2, buffer[at + 1].astype(np.uint32) << np.uint32(8), np.uint32(0))
    k |= np.where(rest_live >= 3, buffer[at + 2].astype(np.uint32) << np.uint32(16), np.uint32(0))
    h[live] ^= _mix(k)
    h ^= lengths.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h.view(np.int32)


def _columns(text: str, char_starts: np.ndarray, char_lengths: np.ndarray, bits: int) -> np.ndarray:
    """Hash columns of the character spans of `text`: the spans are mapped to UTF-8 byte spans first."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    widths = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    offsets = np.zeros(len(points) + 1, np.int64)
    np.cumsum(widths, out=offsets[1:])
    buffer = np.frombuffer(text.encode("utf-8", "surrogatepass") + b"\0\0\0\0", np.uint8)
    starts = offsets[char_starts]
    signed = murmur3(buffer, starts, offsets[char_starts + char_lengths] - starts).astype(np.int64)
    return np.abs(signed) & ((1 << bits) - 1)  # = abs(h) % 2**bits, also for h = -2**31


def _count(rows: np.ndarray, columns: np.ndarray, bits: int) -> Counts:
    keys, counts = np.unique(rows.astype(np.int64) << bits | columns, return_counts=True)
    return keys >> bits, keys & ((1 << bits) - 1), counts


def _pieces(parts: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(row of each piece, its length) for the pieces of each row."""
    rows = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    return rows, np.fromiter((len(piece) for row in parts for piece in row), np.int64, len(rows))


def word_counts(texts: list[str], bits: int) -> Counts:
    """Lower-cased word unigrams and bigrams ("word word"), as `HashingVectorizer(ngram_range=(1, 2))`."""
    tokens = [_TOKEN.findall(text.lower()) for text in texts]
    rows, lengths = _pieces(tokens)
    starts = np.zeros(len(lengths), np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])  # tokens joined by single spaces: a bigram is a span too
    pair = np.flatnonzero(rows[:-1] == rows[1:])
    span_starts = np.concatenate([starts, starts[pair]])
    span_lengths = np.concatenate([lengths, starts[pair + 1] + lengths[pair + 1] - starts[pair]])
    joined = " ".join(token for row in tokens for token in row)
    return _count(np.concatenate([rows, rows[pair]]), _columns(joined, span_starts, span_lengths, bits), bits)


def char_counts(texts: list[str], bits: int, sizes: tuple[int, ...] = (3, 4, 5)) -> Counts:
    """Character n-grams within space-padded words, as `HashingVectorizer(analyzer="char_wb")`: every n-gram of
    each size n that fits in " word " (a padded word shorter than n gives none of that size)."""
    words = [text.lower().split() for text in texts]
    rows, lengths = _pieces(words)
    padded = lengths + 2
    starts = np.zeros(len(padded), np.int64)
    np.cumsum(padded[:-1], out=starts[1:])
    span_rows, span_starts, span_lengths = [], [], []
    for n in sizes:
        fits = np.flatnonzero(padded >= n)
        per_word = padded[fits] - n + 1
        first = np.repeat(starts[fits], per_word)
        step = np.arange(per_word.sum()) - np.repeat(np.cumsum(per_word) - per_word, per_word)
        span_rows.append(np.repeat(rows[fits], per_word))
        span_starts.append(first + step)
        span_lengths.append(np.full(len(first), n, np.int64))
    joined = "".join(f" {word} " for row in words for word in row)
    columns = _columns(joined, np.concatenate(span_starts), np.concatenate(span_lengths), bits)
    return _count(np.concatenate(span_rows), columns, bits)


def token_counts(token_lists: list[list[str]], bits: int) -> Counts:
    """Given tokens per row (an `analyzer`'s output), as `HashingVectorizer(analyzer=...)`."""
    rows, lengths = _pieces(token_lists)
    starts = np.zeros(len(lengths), np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    joined = "".join(token for row in token_lists for token in row)
    return _count(rows, _columns(joined, starts, lengths, bits), bits)
