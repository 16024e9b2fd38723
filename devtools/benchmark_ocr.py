"""Measure redaction of scanned pages: recall, kept share and seconds per scanned page.

    .venv/bin/python -m devtools.benchmark_ocr [--count 12] [--seed 31] [--dpi 300] [--rotate 0]

Generates labelled correspondence (a seed the tests do not use), turns every page into an
image-only PDF page (a "scan" at --dpi, optionally with the page rotated), runs the whole
pipeline, then renders each released page and OCRs it again. Recall is the share of labelled
personal items, readable by OCR in the scan, that OCR can no longer read in the released page
nor find in its text layer; kept is the share of readable non-personal items still readable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pymupdf

from devtools.synthetic import write_corpus, write_scan
from redactor.config import OcrConfig
from redactor.evaluate.labels import DocumentLabels, load_labels
from redactor.ingest.ocr import _run_tesseract, parse_tsv
from redactor.pipeline import RunOptions, run_batch


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w@.]+", " ", text.casefold()).split())


def readable(item: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(norm(item)) + r"(?!\w)", text) is not None


def ocr_text(path: Path, cfg: OcrConfig) -> str:
    with pymupdf.open(path) as doc:
        parts = []
        for page in doc:
            pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
            parts.append(" ".join(w.text for w in parse_tsv(_run_tesseract(pix.tobytes("pnm"), cfg))))
        return norm(" ".join(parts))


def layer_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return norm(" ".join(page.get_text() for page in doc))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--seed", type=int, default=31)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--rotate", type=int, default=0, choices=(0, 90, 180, 270))
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--compare", action="store_true", help="also measure the same documents as text PDFs")
    ap.add_argument("--keep", type=Path, help="copy the generated and released files here")
    args = ap.parse_args()
    cfg = OcrConfig(dpi=300)
    with tempfile.TemporaryDirectory() as tmp:
        text_dir, scan_dir, out_dir = Path(tmp, "text"), Path(tmp, "scans"), Path(tmp, "out")
        labels = load_labels(write_corpus(text_dir, args.count, args.seed))
        for rel in labels:
            write_scan(text_dir / rel, scan_dir / rel, args.dpi, args.rotate)
        scan = measure(scan_dir, out_dir, labels, args.jobs, cfg)
        text = measure(text_dir, Path(tmp, "out_text"), labels, args.jobs, cfg) if args.compare else None
        if args.keep:
            import shutil

            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
    figures = {
        "documents": len(labels),
        "dpi": args.dpi,
        "rotate": args.rotate,
        "scans": scan,
        "same documents as text PDFs": text,
    }
    print(json.dumps(figures, indent=2))
    return 0


def measure(inbox: Path, out_dir: Path, labels: dict[str, DocumentLabels], jobs: int, cfg: OcrConfig) -> dict[str, Any]:
    started = time.perf_counter()
    summary = run_batch(inbox, out_dir, RunOptions(jobs=jobs))
    seconds = time.perf_counter() - started
    personal = gone = non_personal = kept = pages = 0
    missed: list[str] = []
    not_released: list[str] = []
    for result in summary.results:
        if result.relpath not in labels:
            continue
        pages += result.pages
        if result.output_relpath is None or result.status.value != "released":
            not_released.append(f"{result.relpath}: {result.status.value}: {result.reason}")
            continue
        before = ocr_text(inbox / result.relpath, cfg)
        out_path = out_dir / "released" / result.output_relpath
        after, layer = ocr_text(out_path, cfg), layer_text(out_path)
        doc_labels = labels[result.relpath]
        for item in {i.text for i in doc_labels.personal}:
            if not readable(item, before):
                continue
            personal += 1
            if readable(item, after) or readable(item, layer):
                missed.append(f"{result.relpath}: {item}")
            else:
                gone += 1
        for item in {i.text for i in doc_labels.non_personal}:
            if readable(item, before):
                non_personal += 1
                kept += readable(item, after)
    return {
        "pages": pages,
        "recall": round(gone / personal, 4) if personal else None,
        "personal_items": personal,
        "kept": round(kept / non_personal, 4) if non_personal else None,
        "non_personal_items": non_personal,
        "seconds_per_page": round(seconds / max(pages, 1), 2),
        "not_released": not_released,
        "missed": missed,
    }


if __name__ == "__main__":
    sys.exit(main())
