"""Detection runs the model on a reflowed page only around the breaks a name could run over.

The model's findings on a reflowed page are kept only when they run over a joined line break
into a line starting with a capital; the model therefore reads only a stretch of words around
each such break, and the rest of the page is tokenized only. The findings must be those of
running the model on every reflowed page whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from redactor.detect.logical import Window, name_windows
from redactor.ingest.pdf import load
from redactor.types import Document, PageText

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


def test_windows_only_around_a_break_into_a_capital() -> None:
    text = "I wrote to Gareth\nJones about it and\nthen left"
    first = text.index("\n")
    assert name_windows(text, [first, text.rindex("\n")], reach=8) == [Window(text.index("to"), text.index(" it"))]


def test_overlapping_windows_merge() -> None:
    text = "Dear Ms\nAnwen\nPrys-Jones, thank you"
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    assert name_windows(text, breaks, reach=10) == [Window(0, text.index(" thank"))]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample_docs absent")
def test_the_same_findings_with_and_without_the_model_on_every_reflowed_page(
    worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    detector = worker.detector
    assert detector.names_only_model
    documents = [load(p, p.name)[0] for p in sorted(SAMPLES.rglob("*.pdf"))[:8]]
    documents.append(_wrapped_name())
    skipped = [detector.detect(d) for d in documents]
    monkeypatch.setattr(detector, "names_only_model", False)
    every = [detector.detect(d) for d in documents]
    assert any(f.text == "Brannoc\nTregarthen" for f in skipped[-1])  # only the model finds it
    assert skipped == every


def _wrapped_name() -> Document:
    """A paragraph in which a name only the model knows runs over a line break."""
    text = "\n".join(
        [
            "Thank you for your letter about the planning application for the site on the",
            "corner. I discussed the boundary with my neighbour, who said that Brannoc",
            "Tregarthen had already raised the same concern with the council last spring and",
            "that nobody had replied to her, so we decided to write to you again together.",
            "We would be grateful for an answer before the committee meets next month.",
        ]
    )
    page = PageText(0, text, (None,) * len(text), (-1,) * len(text), 600.0, 800.0)
    return Document("wrapped.pdf", "0" * 64, (page,))
