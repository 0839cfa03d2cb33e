"""The model store: a trained model is a directory holding `model.json` (metadata) and `weights.npz`.

`model.json` carries the version, taxonomy, labels, embedder (name and version), method, per-label
thresholds and the held-out evaluation, so every stored model version keeps its own scores. The
version names the embedder's version, so a model trained on other vectors never passes for this one.
"""

import hashlib
import io
import json
from pathlib import Path

import numpy as np

from .embedders import get_embedder

FORMAT = 1


def save(directory: Path, meta: dict, arrays: dict[str, np.ndarray]) -> str:
    """Write a model; its version ends in a hash of the weights and of how it decides (thresholds, margin, synonyms), so
    equal models get equal versions and models that would suggest differently do not."""
    directory.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    # Synonym groups (one label per subject) and the top-up rule change what a model suggests; models without
    # either hash as before.
    rule = [meta.get("thresholds"), meta.get("margin")] + ([meta["synonyms"]] if meta.get("synonyms") else []) \
        + (["top-up by score"] if meta.get("top_up_by_score") else [])
    decision = json.dumps(rule, sort_keys=True).encode()
    digest = hashlib.sha256(buffer.getvalue() + decision).hexdigest()[:10]
    embedder_version = get_embedder(meta["embedder"]).version
    meta = {**meta, "format": FORMAT, "embedder_version": embedder_version,
            "version": f"{meta['taxonomy']}/{meta['method']}@{embedder_version}/{digest}"}
    (directory / "weights.npz").write_bytes(buffer.getvalue())
    (directory / "model.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta["version"]


def load(directory: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Read a model's metadata and arrays; raises FileNotFoundError or ValueError if it is not a model, or
    if it was trained on another version of its embedder than the one installed (its scores would be wrong)."""
    meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"{directory}: unsupported model format {meta.get('format')!r}")
    installed = get_embedder(meta["embedder"]).version
    if meta.get("embedder_version", installed) != installed:
        raise ValueError(f"{directory}: trained on embedder {meta['embedder_version']}, but {installed} is installed;"
                         " retrain it with `rightstrack tag train`")
    with np.load(directory / "weights.npz") as data:
        arrays = {key: data[key] for key in data.files}
    return meta, arrays
