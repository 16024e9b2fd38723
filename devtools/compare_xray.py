"""Run Free Law Project's x-ray and `redact check` side by side on the same PDFs, and print a table.

x-ray pins its own PyMuPDF, so it lives in a separate virtual environment (`.venv-xray`, made
and filled from PyPI on first use) and runs there in a subprocess; it never touches `.venv`.

    .venv/bin/python -m devtools.compare_xray [FOLDER ...]   (default: the shared corpus)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from redactor.types import Severity
from redactor.verify.checks import check_file

ROOT = Path(__file__).resolve().parents[1]
XRAY_VENV = ROOT / ".venv-xray"
CORPUS = ROOT.parent / "shared" / "corpus" / "redaction_pdfs"
DEFAULT_FOLDERS = (CORPUS / "xray", CORPUS / "unmasker_specimens")
# x-ray 0.4 made inspect() a coroutine; earlier versions return the result directly.
XRAY_SNIPPET = (
    "import asyncio, json, sys, xray\n"
    "r = xray.inspect(sys.argv[1])\n"
    "r = asyncio.run(r) if asyncio.iscoroutine(r) else r\n"
    "print(json.dumps(r))"
)


def xray_python() -> Path:
    """The interpreter of the x-ray venv, created and filled on first use."""
    python = XRAY_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(XRAY_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import xray"], capture_output=True, check=False)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "x-ray"], check=True)
    return python


def run_xray(python: Path, pdf: Path) -> tuple[str, int]:
    """x-ray's verdict on one file and the number of bad redactions it reports."""
    done = subprocess.run([str(python), "-c", XRAY_SNIPPET, str(pdf)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return "error", 0
    pages = json.loads(done.stdout or "{}")
    count = sum(len(v) for v in pages.values())
    return ("bad" if count else "ok"), count


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [f for f in DEFAULT_FOLDERS if f.is_dir()]
    files = [p for folder in folders for p in sorted(folder.glob("*.pdf"))]
    if not files:
        print("no PDFs found", file=sys.stderr)
        return 2
    python = xray_python()
    print("| file | x-ray | redactor | redactor FAIL codes | redactor WARN codes |")
    print("|---|---|---|---|---|")
    for pdf in files:
        verdict, count = run_xray(python, pdf)
        report = check_file(pdf)
        fails = sorted({f.code for f in report.findings if f.severity is Severity.FAIL})
        warns = sorted({f.code for f in report.findings if f.severity is Severity.WARN})
        xray_cell = f"bad ({count})" if verdict == "bad" else verdict
        print(f"| {pdf.name} | {xray_cell} | {report.verdict} | {', '.join(fails)} | {', '.join(warns)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
