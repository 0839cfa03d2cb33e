"""Which PDF library to read UN reports with: speed, split words and extraction quality of each, in one run.

    PYTHONPATH=src .venv/bin/python benchmarks/pdf_library_bench.py [--data /work/shared/data]

Needs pypdf and pdfminer.six installed beside pypdfium2 (only pypdfium2 is a dependency of the app). For each
library: seconds to read the text of the 21 reports (CPU of this process), how many of the known split words its text
layer holds ("Co nvention", "ratifi cation", "ratificati on"), in how many reports the extractor finds nothing, and the recall /
precision / States of `extract_quality` when the extractor reads that library's text. Last line: one JSON object.
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import extract_quality as quality  # noqa: E402  (sets Django up)

from rightstrack.imports.pdf.report import lines_extract  # noqa: E402
from rightstrack.imports.readers import UnusableInput  # noqa: E402


def read_pypdf(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def read_pdfminer(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(path).split("\f")


def read_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    pages = [document[i].get_textpage().get_text_bounded().replace("\r\n", "\n") for i in range(len(document))]
    document.close()
    return pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/work/shared/data")
    data = Path(parser.parse_args().data)
    expected = quality.truth(data)
    results = {}
    for name, reader in (("pypdf", read_pypdf), ("pdfminer.six", read_pdfminer), ("pypdfium2", read_pdfium)):
        cpu, totals, splits, failed = 0.0, {}, 0, 0
        for report in quality.REPORTS:
            started = time.process_time()
            pages = reader(data / "un_reports" / f"{report}.pdf")
            cpu += time.process_time() - started
            splits += len(re.findall(r"\b(?:Co nvention|ratifi cation|ratificati on|Conve ntion)\b", "\n".join(pages)))
            try:
                found = lines_extract(pages, report).recommendations
            except UnusableInput:  # this library's text hides the section or its numbering
                found, failed = [], failed + 1
            counts = quality.score(found, expected[report])
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
        results[name] = {"read_seconds": round(cpu, 2), "split_words": splits, "reports_failed": failed,
                         **quality.ratios(totals)}
        print(f"{name:14} read {cpu:6.2f} s  split words {splits:3}  failed {failed}  " + "  ".join(
            f"{k} {v}" for k, v in quality.ratios(totals).items()))
    print(json.dumps({"benchmark": "pdf_library", **results}))


if __name__ == "__main__":
    main()
