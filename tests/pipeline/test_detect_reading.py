"""Detection runs the model once on each page: reflowed where running text wraps.

The model's names that run over a joined line break (into a line starting with a capital) are
findings of the reflowed reading; its other names are the page's own, placed with the page's
visual tokens. Pages whose text does not wrap are read as printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from redactor.detect import logical
from redactor.types import Document, PageText

WRAPPED = "\n".join(
    [
        "Thank you for your letter about the planning application for the site on the",
        "corner. I discussed the boundary with my neighbour, who said that Brannoc",
        "Tregarthen had already raised the same concern with the council last spring and",
        "that nobody had replied to her, so we decided to write to you again together.",
        "We would be grateful for an answer before the committee meets next month.",
        "Yours sincerely",
    ]
)
# Short lines: nothing here is running text, so the page is read as printed.
BLOCK = "Ms Morwenna Pascoe\n14 Harbour Row\nPenzance\nTR18 4AB"


def _page(number: int, text: str) -> PageText:
    return PageText(number, text, (None,) * len(text), (-1,) * len(text), 600.0, 800.0)


def _reads(detector: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every text the model is given."""
    texts: list[str] = []
    original = detector.nlp_engine.process_batch

    def process_batch(batch: list[str], *args: Any, **kwargs: Any) -> Iterator[Any]:
        texts.extend(batch)
        return original(batch, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(detector.nlp_engine, "process_batch", process_batch)
    return texts


def test_a_name_wrapped_over_a_line_is_found_as_one(worker: Any) -> None:
    findings = worker.detector.detect(Document("wrapped.pdf", "0" * 64, (_page(0, WRAPPED),)))
    wrapped = [f for f in findings if f.text == "Brannoc\nTregarthen"]
    assert wrapped, findings
    assert "read across a line break" in wrapped[0].explanation
    # Not also cut into two names, one on each line.
    assert not [f for f in findings if f.text in ("Brannoc", "Tregarthen")]


def test_the_model_reads_each_page_once(worker: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    detector = worker.detector
    texts = _reads(detector, monkeypatch)
    document = Document("two.pdf", "0" * 64, (_page(0, WRAPPED), _page(1, BLOCK)))
    findings = detector.detect(document)
    breaks = logical.joinable_breaks(WRAPPED, worker.loaded.config.detection.logical_text)
    assert breaks
    # The wrapped page reflowed, the address block as printed; the last line of the letter
    # ("Yours sincerely") is no running text, so no page join is read.
    assert texts == [logical.reflow(WRAPPED, breaks), BLOCK]
    assert any(f.page == 1 and f.text == "Morwenna Pascoe" for f in findings), findings


def test_a_name_on_one_line_keeps_the_page_s_own_reading(worker: Any) -> None:
    text = WRAPPED.replace("that Brannoc\nTregarthen had", "that Brannoc Tregarthen\nhad")
    findings = worker.detector.detect(Document("one.pdf", "0" * 64, (_page(0, text),)))
    found = [f for f in findings if f.text == "Brannoc Tregarthen"]
    assert found, findings
    assert "line break" not in found[0].explanation
