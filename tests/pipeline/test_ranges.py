"""A long PDF cut into page ranges gets exactly the redactions it gets when processed whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from redactor.pipeline import RunOptions, run_batch
from redactor.pipeline.ranges import ranges, split_long
from redactor.pipeline.recipe import Task
from redactor.types import Action, Status
from tests.conftest import write_lines


def test_ranges_cover_every_page_once() -> None:
    assert ranges(60, 7) == [(0, 7), (7, 14), (14, 21), (21, 28), (28, 35), (35, 42), (42, 49), (49, 56), (56, 60)]
    assert ranges(3, 50) == [(0, 3)]
    assert ranges(0, 50) == []
    covered = [p for a, b in ranges(1201, 50) for p in range(a, b)]
    assert covered == list(range(1201))


def test_only_pdfs_longer_than_two_ranges_are_cut(tmp_path: Path) -> None:
    short = write_lines(tmp_path / "short.pdf", [["Page one."]] * 14)
    long = write_lines(tmp_path / "long.pdf", [["Page one."]] * 15)
    mail = tmp_path / "note.eml"
    mail.write_text("Subject: x\n\nhello\n")
    tasks = [Task(str(p), p.name, str(tmp_path / f"{p.name}.out"), p.name) for p in (short, long, mail)]
    whole, cut = split_long(tasks, 7)
    assert [t.relpath for t in whole] == ["short.pdf", "note.eml"]
    assert [t.relpath for t in cut] == ["long.pdf"]
    assert split_long(tasks, 0) == (tasks, [])


def _long_letter(path: Path) -> Path:
    pages: list[list[str]] = []
    for n in range(60):
        lines = [f"Page {n + 1} of the planning file.", "The committee considered the application again."]
        if n == 2:
            lines.append("Mr Quennell telephoned the office about the hedge on Tuesday.")  # only a surname here
        if n == 30:
            lines.append("Contact: Gwendolyn Ashcombe, 07700 900456, gwen.ashcombe@example.org")
        if n == 55:
            lines.append("Dear Bartholomew Quennell, thank you for your letter of 3 March.")
        pages.append(lines)
    return write_lines(path, pages)


def _seen(summary: Any, out: Path) -> tuple[Any, ...]:
    (result,) = summary.results
    decisions = [
        (d.id, d.finding.page, d.finding.start, d.finding.end, d.finding.text, d.action.value, d.exemption, d.rects)
        for d in result.decisions
    ]
    with pymupdf.open(out / "released" / "long.pdf") as doc:
        words = [page.get_text("words") for page in doc]
        boxes = [[d["rect"] for d in page.get_drawings()] for page in doc]
    return result.status, result.pages, decisions, words, boxes


@pytest.mark.slow
def test_a_60_page_pdf_in_ranges_gets_the_redactions_it_gets_whole(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _long_letter(inbox / "long.pdf")
    whole = run_batch(inbox, tmp_path / "whole", RunOptions(executor="serial"))
    cut = run_batch(inbox, tmp_path / "cut", RunOptions(jobs=2, range_pages=7))
    assert cut.results[0].seconds.keys() >= {"detect", "decide", "apply", "verify"}  # it did go by ranges
    assert "ingest" not in cut.results[0].seconds
    assert _seen(cut, tmp_path / "cut") == _seen(whole, tmp_path / "whole")
    status, pages, decisions, words, _ = _seen(cut, tmp_path / "cut")
    assert status is Status.RELEASED and pages == 60
    redacted = {(page, text) for _, page, _, _, text, action, _, _ in decisions if action == Action.REDACT.value}
    # The surname on page 3 is redacted because the full name was found on page 56, in another range.
    assert (2, "Quennell") in redacted and (55, "Bartholomew Quennell") in redacted
    assert not any(w[4].startswith("Quennell") for w in words[2])
