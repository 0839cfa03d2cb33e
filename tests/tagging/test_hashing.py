"""The NumPy n-gram hashing counts exactly what scikit-learn's `HashingVectorizer` counts, so models trained on
either score the same, and the linear scores match a sparse-matrix product."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from rightstrack.tagging import hashing
from rightstrack.tagging.sparse import HASH_BITS, TfidfLinear, opening_tokens

TEXTS = [
    "Abolish the death penalty and commute all death sentences",
    "",
    "a",
    "To continue and strengthen efforts; to ensure (a) and (b)...",
    "Côte d'Ivoire — İstanbul ÇĞ straße ﬁnal",  # lower-casing that changes length, ligatures
    "Отменить смертную казнь. Өлім жазасын жою.",
    "emoji 😀 and 𝔘nicode\u00a0spaces\tand\nnewlines   here",
    "x" * 41 + " yy " + "z",
]


def as_triples(matrix) -> list[tuple[int, int, int]]:
    coo = matrix.tocoo()
    return sorted(zip(coo.row.tolist(), coo.col.tolist(), coo.data.astype(int).tolist()))


@pytest.mark.parametrize("counts, vectorizer", [
    (lambda texts: hashing.word_counts(texts, HASH_BITS), {"ngram_range": (1, 2)}),
    (lambda texts: hashing.char_counts(texts, HASH_BITS), {"analyzer": "char_wb", "ngram_range": (3, 5)}),
    (lambda texts: hashing.token_counts([opening_tokens(t) for t in texts], HASH_BITS),
     {"analyzer": opening_tokens}),
])
def test_counts_equal_scikit_learns_hashing_vectorizer(counts, vectorizer):
    expected = HashingVectorizer(n_features=2 ** HASH_BITS, alternate_sign=False, norm=None,
                                 **vectorizer).transform(TEXTS)
    rows, columns, values = counts(TEXTS)
    assert sorted(zip(rows.tolist(), columns.tolist(), values.tolist())) == as_triples(expected)


def test_murmur3_matches_scikit_learns_murmurhash():
    # MurmurHash3_x86_32 with seed 0 (scikit-learn's murmurhash3_32(..., positive=False)).
    from sklearn.utils import murmurhash3_32

    words = ["", "a", "ab", "abc", "abcd", "hello world", "Өлім"]
    data = [w.encode() for w in words]
    buffer = np.frombuffer(b"".join(data) + b"\0\0\0\0", np.uint8)
    lengths = np.array([len(d) for d in data])
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    assert hashing.murmur3(buffer, starts, lengths).tolist() == [murmurhash3_32(d, seed=0) for d in data]


def test_linear_scores_equal_the_sparse_matrix_product():
    model = TfidfLinear(3, single_label=False)
    texts = [t for t in TEXTS if t] * 3
    model.features.fit(texts)
    rng = np.random.default_rng(0)
    model.coef = rng.normal(size=(3, model.features.dim)).astype(np.float32)
    model.intercept = np.array([0.5, -1.0, 0.0], np.float32)
    matrix = model.features.transform(TEXTS)
    assert isinstance(matrix, sp.csr_matrix)
    expected = matrix @ model.coef.T + model.intercept
    assert np.allclose(model.logits(TEXTS), expected, atol=1e-5)
    assert np.allclose(model.logits([""]), model.intercept)  # no n-gram: the intercept alone
    model.coef = -model.coef  # new weights are used, not the transposed copy of the old ones
    assert np.allclose(model.logits(TEXTS), matrix @ model.coef.T + model.intercept, atol=1e-5)
