"""Injected faults: a worker that crashes or raises must fail its document, never the batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redactor import pipeline
from redactor.pipeline import RunOptions, Task, run_batch
from redactor.types import DocumentResult, Status
from tests.conftest import write_lines

pytestmark = pytest.mark.slow

LINES = ["A letter about the planning application.", "Yours faithfully,", "Eleanor Pritchard"]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    root.mkdir()
    for name in ("a.pdf", "boom.pdf", "c.pdf", "d.pdf"):
        write_lines(root / name, [LINES])
    return root


def _faulty(kind: str):  # type: ignore[no-untyped-def]
    real = pipeline.Worker.process

    def process(self: pipeline.Worker, task: Task) -> DocumentResult:
        if task.relpath == "boom.pdf":
            if kind == "crash":
                os._exit(70)  # the process dies as if the PDF library had crashed
            raise RuntimeError("injected failure")
        return real(self, task)

    return process


@pytest.mark.parametrize(("kind", "jobs"), [("crash", 2), ("raise", 2), ("raise", 1)])
def test_a_failing_document_does_not_stop_the_batch(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, jobs: int
) -> None:
    # Worker processes are forked, so they inherit the patched method.
    monkeypatch.setattr(pipeline.Worker, "process", _faulty(kind))
    out = tmp_path / "out"
    summary = run_batch(inbox, out, RunOptions(jobs=jobs))
    statuses = {r.relpath: r.status for r in summary.results}
    assert statuses == {
        "a.pdf": Status.RELEASED,
        "boom.pdf": Status.FAILED,
        "c.pdf": Status.RELEASED,
        "d.pdf": Status.RELEASED,
    }
    reason = next(r.reason for r in summary.results if r.relpath == "boom.pdf")
    assert ("crashed" if kind == "crash" else "injected failure") in reason
    assert not (out / "released" / "boom.pdf").exists()
    assert not list(out.glob(".work-*"))


def test_an_interrupted_run_leaves_nothing_half_written(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.Worker.process

    def process(self: pipeline.Worker, task: Task) -> DocumentResult:
        if task.relpath == "c.pdf":
            raise KeyboardInterrupt  # Ctrl-C while c.pdf is being redacted
        return real(self, task)

    monkeypatch.setattr(pipeline.Worker, "process", process)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_batch(inbox, out, RunOptions(jobs=1))
    released = sorted(p.name for p in (out / "released").iterdir())
    assert released == ["a.pdf", "boom.pdf"]  # finished before the interruption, and complete
    assert not list(out.glob(".work-*"))
    for name in released:
        assert (out / "logs" / f"{name}.json").is_file()
