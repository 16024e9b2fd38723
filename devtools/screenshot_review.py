"""Make the README's picture of the review page: redact sample_docs, write the page, photograph it.

Usage: .venv/bin/python -m devtools.screenshot_review [docs/review-page.png]
Needs Debian's chromium and the playwright package (scripts/setup.sh --dev installs both).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else ROOT / "docs" / "review-page.png"
    redact = Path(sys.executable).with_name("redact")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        subprocess.run([redact, ROOT / "sample_docs", out, "--quiet"], check=False)
        subprocess.run([redact, "review", out], check=True, capture_output=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((out / "review" / "index.html").as_uri())
            page.wait_for_timeout(1500)
            page.screenshot(path=str(target))
            browser.close()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
