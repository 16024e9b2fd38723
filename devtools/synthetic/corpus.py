"""Writing a labelled corpus, and the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from devtools.synthetic.generate import generate_documents
from devtools.synthetic.pdf import write_pdf
from devtools.synthetic.text import FONTS, fold_document
from redactor.evaluate.labels import LABELS_FILE, write_labels


def write_corpus(out_dir: Path, count: int, seed: int = 0, font: str = "unicode") -> Path:
    """Write `count` PDFs under `out_dir` and their labels to out_dir/.labels.json."""
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    docs = generate_documents(count, seed)
    if font == "helv":
        docs = [fold_document(d) for d in docs]
    for doc in docs:
        write_pdf(doc, out_dir / doc.relpath, font=font)
    labels = {d.relpath: d.labels() for d in sorted(docs, key=lambda d: d.relpath)}
    return write_labels(out_dir / LABELS_FILE, labels, generator="redactor.synthetic", seed=seed)


def synthetic_main(argv: list[str] | None = None) -> int:
    """Write synthetic FOI correspondence PDFs and their labels."""
    parser = argparse.ArgumentParser(
        prog="python -m devtools.synthetic",
        description="Write synthetic FOI correspondence PDFs and their labels.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--font", choices=FONTS, default="unicode")
    args = parser.parse_args(argv)
    labels = write_corpus(args.out_dir, args.count, args.seed, args.font)
    print(f"wrote {args.count} documents to {args.out_dir}; labels in {labels}")
    return 0
