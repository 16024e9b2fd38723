"""Injected faults: a worker that crashes, hangs or raises fails its own document, never another."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pymupdf
import pytest

from redactor import pipeline
from redactor.pipeline import Limits, RunOptions, Task, run_batch
from redactor.types import DocumentResult, Status
from tests.conftest import write_lines

pytestmark = pytest.mark.slow

LINES = ["A letter about the planning application.", "Yours faithfully,", "Eleanor Pritchard"]
NAMES = ("a.pdf", "boom.pdf", "c.pdf", "d.pdf")


def _inbox(root: Path, names: tuple[str, ...]) -> Path:
    root.mkdir()
    for name in names:
        write_lines(root / name, [LINES])
    return root


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return _inbox(tmp_path / "inbox", NAMES)


def _faulty(kind: str, culprit: str = "boom.pdf"):  # type: ignore[no-untyped-def]
    real = pipeline.Worker.process

    def process(self: pipeline.Worker, task: Task) -> DocumentResult:
        if task.relpath == culprit:
            if kind == "crash":
                os._exit(70)  # the process dies as if the PDF library had crashed
            if kind == "hang":
                time.sleep(600)
            if kind == "memory":
                bytearray(8 << 30)  # 8 GB: over the worker's limit
            raise RuntimeError("injected failure")
        return real(self, task)

    return process


@pytest.mark.parametrize(("kind", "jobs"), [("crash", 2), ("crash", 1), ("raise", 2), ("raise", 1)])
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


@pytest.mark.parametrize("jobs", [2, 4])
def test_a_crash_is_blamed_on_the_crashing_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # Every document is in flight beside the culprit at some point; none of them may be blamed.
    names = tuple(f"doc{i:02d}.pdf" for i in range(10))
    inbox = _inbox(tmp_path / "inbox", names)
    monkeypatch.setattr(pipeline.Worker, "process", _faulty("crash", culprit="doc05.pdf"))
    for attempt in range(2):
        summary = run_batch(inbox, tmp_path / f"out{attempt}", RunOptions(jobs=jobs))
        failed = sorted(r.relpath for r in summary.results if r.status is not Status.RELEASED)
        assert failed == ["doc05.pdf"]
        assert len(summary.results) == len(names)


def test_a_document_over_its_time_limit_is_stopped_and_the_others_released(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline.Worker, "process", _faulty("hang"))
    summary = run_batch(inbox, tmp_path / "out", RunOptions(jobs=2, limits=Limits(seconds=20)))
    statuses = {r.relpath: r.status for r in summary.results}
    assert statuses["boom.pdf"] is Status.FAILED
    assert "time limit" in next(r.reason for r in summary.results if r.relpath == "boom.pdf")
    assert [s for rel, s in statuses.items() if rel != "boom.pdf"] == [Status.RELEASED] * 3


def test_a_document_over_the_memory_limit_fails_and_the_others_are_released(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline.Worker, "process", _faulty("memory"))
    summary = run_batch(inbox, tmp_path / "out", RunOptions(jobs=2, limits=Limits(memory_mb=3072)))
    statuses = {r.relpath: r.status for r in summary.results}
    assert statuses.pop("boom.pdf") is Status.FAILED
    assert "memory" in next(r.reason for r in summary.results if r.relpath == "boom.pdf")
    assert set(statuses.values()) == {Status.RELEASED}


def test_serial_and_pool_executors_give_identical_outputs(inbox: Path, tmp_path: Path) -> None:
    serial = run_batch(inbox, tmp_path / "serial", RunOptions(executor="serial"))
    pool = run_batch(inbox, tmp_path / "pool", RunOptions(jobs=2))

    def texts(summary: pipeline.BatchSummary) -> dict[str, list[tuple[int, str, str]]]:
        return {
            r.relpath: [(d.finding.page, d.finding.text, d.action.value) for d in r.decisions] for r in summary.results
        }

    assert texts(serial) == texts(pool)
    for name in NAMES:  # the files differ only in their random trailer /ID
        with (
            pymupdf.open(tmp_path / "serial" / "released" / name) as a,
            pymupdf.open(tmp_path / "pool" / "released" / name) as b,
        ):
            assert [p.get_text("words") for p in a] == [p.get_text("words") for p in b]
            assert [p.get_drawings() for p in a] == [p.get_drawings() for p in b]


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


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_workers_do_not_outlive_a_killed_run(tmp_path: Path) -> None:
    # Enough documents that the run is still going when its workers appear (they load the model first).
    inbox = _inbox(tmp_path / "inbox", tuple(f"doc{i:02d}.pdf" for i in range(8)))
    redact = Path(sys.executable).with_name("redact")
    run = subprocess.Popen([str(redact), str(inbox), str(tmp_path / "out"), "--jobs", "2", "--quiet"])
    deadline = time.monotonic() + 60
    while not (workers := _children(run.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "the run started no worker"
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()], "workers outlived the killed run"
    # The next run cleans what the killed one left and releases everything.
    done = subprocess.run([str(redact), str(inbox), str(tmp_path / "out"), "--quiet"], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not list((tmp_path / "out").glob(".work-*"))
