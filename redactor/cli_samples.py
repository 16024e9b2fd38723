"""Command-line entry points of the test-material generators (the CLI boundary: they print).

python -m redactor.synthetic OUT [--count N] [--seed S] [--font unicode|helv]
python -m redactor.synthetic_mail OUT [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from redactor import synthetic, synthetic_mail


def synthetic_main(argv: list[str] | None = None) -> int:
    """Write synthetic FOI correspondence PDFs and their labels."""
    parser = argparse.ArgumentParser(
        prog="python -m redactor.synthetic",
        description="Write synthetic FOI correspondence PDFs and their labels.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--font", choices=synthetic.FONTS, default="unicode")
    args = parser.parse_args(argv)
    labels = synthetic.write_corpus(args.out_dir, args.count, args.seed, args.font)
    print(f"wrote {args.count} documents to {args.out_dir}; labels in {labels}")
    return 0


def mail_main(argv: list[str] | None = None) -> int:
    """Write synthetic labelled .eml files."""
    parser = argparse.ArgumentParser(
        prog="python -m redactor.synthetic_mail",
        description=synthetic_mail.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    synthetic_mail.write_mail_corpus(args.out, args.count, args.seed)
    return 0
