"""The entry points other code calls: default models (built once, cached), `suggest` and `embed`."""

import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .embedders import cache_dir, get_embedder, get_search_embedder
from .model import TrainedModel
from .ports import Progress, Suggestion, stderr_progress
from .shipped import SHIPPED, shipped_directory
from .stand_in import PROTOCOL as STAND_IN_PROTOCOL
from .stand_in import stand_in_report
from .taxonomies import get_taxonomy, reference_rows
from .training import train, zero_shot

# Bump when the way default models are built changes, so stale cached defaults are not reused.
DEFAULTS_RECIPE = 10
def build_shipped_defaults(data: str | os.PathLike, directory: Path | None = None,
                           progress: Progress = stderr_progress) -> dict[str, TrainedModel]:
    """Train the shipped `upr-issues` and `action-category` models from UPR Info's coded CSV and store them under
    `directory` (default: the package's `defaults/`). Deterministic: the same file gives the same versions."""
    from .coded import read_coded, train_default

    rows = read_coded(data)
    models = {}
    for name in SHIPPED:
        progress(f"training {name} on {len(rows)} coded recommendations")
        models[name] = train_default(name, rows, progress)
        models[name].save((directory or shipped_directory(name).parent) / name)
    return models


def build_default(taxonomy_name: str, embedder_name: str | None = None,
                  progress: Progress = stderr_progress) -> TrainedModel:
    """Build the shipped default model from the reference data: trained where coded data exists, else zero-shot.
    A zero-shot model of themes, groups, articles or SDG targets is evaluated on the UPR Info stand-in
    (`stand_in.py`)."""
    taxonomy = get_taxonomy(taxonomy_name)
    if taxonomy.training:
        texts, label_sets = zip(*taxonomy.training)
        return train(taxonomy_name, texts, label_sets, embedder_name=embedder_name, progress=progress)
    # Recommendation texts only (no coding) serve as the in-domain background for threshold calibration.
    background = [r["text"] for r in reference_rows("kazakhstan_demo/recommendations.csv")]
    model = zero_shot(taxonomy_name, background, embedder_name=embedder_name, progress=progress)
    report = stand_in_report(model)
    if report is not None:
        progress(f"evaluating on the UPR Info stand-in ({report['n_texts']} coded recommendations)")
        model.meta.update(evaluation=report, evaluation_protocol=STAND_IN_PROTOCOL.format(n=report["n_texts"]))
    return model


@lru_cache(maxsize=None)
def default_model(taxonomy_name: str, embedder_name: str | None = None) -> TrainedModel:
    """The default model for a taxonomy: the shipped one for `upr-issues` and `action-category` (whatever the
    embedder), else built on first use and then loaded from the cache directory.

    The directory is named after the embedder's version, so a rebuilt static model gets new defaults."""
    get_taxonomy(taxonomy_name)
    if taxonomy_name in SHIPPED:
        return TrainedModel.load(shipped_directory(taxonomy_name))
    embedder = get_embedder(embedder_name)
    name = embedder.name
    directory = cache_dir() / "defaults" / f"recipe-{DEFAULTS_RECIPE}" / embedder.version / taxonomy_name
    if (directory / "model.json").exists():
        return TrainedModel.load(directory)
    stderr_progress(f"building the default {taxonomy_name} model (first use only)")
    model = build_default(taxonomy_name, name)
    model.save(directory)
    return model


def load_model(taxonomy_name: str, model_path: str | os.PathLike | None = None,
               embedder_name: str | None = None) -> TrainedModel:
    """A stored model from `model_path`, else the default one on `embedder_name`; raises ValueError if it is for
    another taxonomy."""
    model = TrainedModel.load(Path(model_path)) if model_path else default_model(taxonomy_name, embedder_name)
    if model.taxonomy != taxonomy_name:
        raise ValueError(f"model {model_path} is for taxonomy {model.taxonomy!r}, not {taxonomy_name!r}")
    return model


def suggest(taxonomy: str, texts: Sequence[str], model_path: str | os.PathLike | None = None) -> list[list[Suggestion]]:
    """Suggestions for each text, best first; those with `above_threshold` form the predicted label set."""
    return load_model(taxonomy, model_path).predict(list(texts))


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised multilingual embeddings (texts x 384, float32) of the texts semantic search retrieves and
    duplicate detection compares: E5's `passage: ` side (see `embed_queries`)."""
    return get_search_embedder().embed(list(texts), passages=True)


# Letters of Kazakh's Cyrillic alphabet that Russian does not use.
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def embed_queries(texts: Sequence[str]) -> np.ndarray:
    """The same embeddings of search queries: E5's `query: ` side, which E5 was trained to match with passages.
    With `query: ` on both sides, short texts such as "Abolish the death penalty" came near any short query.
    A Kazakh query is embedded as a passage: against English recommendations, Kazakh queries found about half as
    much on the `query: ` side (benchmarks/search_quality.py, docs/search.md)."""
    embedder = get_search_embedder()
    rows = [embedder.embed([text], passages=not _KAZAKH_LETTERS.isdisjoint(text))[0] for text in texts]
    return np.array(rows, np.float32).reshape(len(rows), embedder.dim)


def embedder_version() -> str:
    """The version of what `embed` gives; stored vectors made by another version must be re-embedded."""
    return f"{get_search_embedder().version}/passages"
