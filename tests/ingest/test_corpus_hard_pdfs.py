"""Real awkward PDFs (forms, rotation, ligatures, CJK, garbled fonts, encryption, damage).

Every file is either released or listed with a reason; none stops the batch. The corpus is
read from ../shared/corpus when it is there; the test skips cleanly without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redactor.pipeline import RunOptions, run_batch
from redactor.types import Status
from tests.conftest import CORPUS

HARD = CORPUS / "hard_pdfs"

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


@pytest.mark.skipif(not HARD.is_dir(), reason="../shared/corpus/hard_pdfs is not present")
def test_every_hard_pdf_is_released_or_failed_with_a_reason(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch(HARD, out, RunOptions(jobs=2))
    pdfs = sorted(p.relative_to(HARD).as_posix() for p in HARD.rglob("*.pdf"))
    results = {r.relpath: r for r in summary.results}
    assert set(pdfs) <= set(results)
    for rel in pdfs:
        result = results[rel]
        released = out / "released" / rel
        if result.status is Status.RELEASED:
            assert released.is_file(), rel
        else:
            assert result.reason, rel
            assert not released.exists(), rel
        assert "unexpected error" not in result.reason, f"{rel}: {result.reason}"
    # The encrypted samples fail with the instruction to supply an unencrypted copy.
    assert "password-protected" in results["pdfminer.six/rc4-40.pdf"].reason
    # Most of the corpus is ordinary enough to be released.
    assert sum(1 for r in pdfs if results[r].status is Status.RELEASED) >= len(pdfs) // 2
    summary_file = json.loads((out / "logs" / "summary.json").read_text(encoding="utf-8"))
    assert {d["input"] for d in summary_file["documents"]} >= set(pdfs)
