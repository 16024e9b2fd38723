"""The Dask executor: a real scheduler and worker as separate processes, a LocalCluster with a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster, WorkerPlugin

from redactor.cli import main
from redactor.pipeline import BatchSummary, RunOptions, Task, recipe, run_batch
from redactor.types import DocumentResult, Status
from tests.conftest import write_lines

pytestmark = pytest.mark.slow

LETTER = [
    "Dear Mr Halvorsen,",
    "Thank you for your letter about the planning application at 14 Orchard Lane.",
    "Please call Bethany Cartwright on 07700 900123 or write to b.cartwright@example.org.",
    "Yours sincerely,",
    "Eleanor Pritchard",
]
NAMES = ("a.pdf", "boom.pdf", "c.pdf", "d.pdf", "e.pdf")
ROOT = Path(__file__).resolve().parents[2]
WORKER_CONFIG = ROOT / "deploy" / "dask" / "redactor.yaml"


def _inbox(root: Path) -> Path:
    root.mkdir()
    for name in NAMES:
        write_lines(root / name, [LETTER, ["Page two.", "Regards, Eleanor Pritchard"]])
    (root / "note.eml").write_text(
        "From: Bethany Cartwright <b.cartwright@example.org>\nTo: foi@council.example.gov.uk\n"
        "Subject: Planning\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\nPlease ring me on 07700 900123.\n"
    )
    return root


def _listening(pids: list[int]) -> set[str]:
    import psutil

    hosts: set[str] = set()
    for pid in pids:
        proc = psutil.Process(pid)
        for p in [proc, *proc.children(recursive=True)]:
            hosts |= {c.laddr.ip for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN}
    return hosts


def _outputs(summary: BatchSummary, out: Path) -> dict[str, Any]:
    got: dict[str, Any] = {}
    for r in summary.results:
        decisions = [(d.finding.page, d.finding.text, d.action.value, d.rects) for d in r.decisions]
        words: list[Any] = []
        if r.status is Status.RELEASED and r.output_relpath:
            with pymupdf.open(out / "released" / r.output_relpath) as doc:
                words = [(p.get_text("words"), p.get_drawings()) for p in doc]
        got[r.relpath] = (r.status, decisions, words)
    return got


def _scheduler_address(scheduler_file: Path, scheduler: subprocess.Popen[bytes]) -> str:
    """The address the scheduler wrote once it listened (on a port it chose: no race for one)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            return str(json.loads(scheduler_file.read_text(encoding="utf-8"))["address"])
        except (OSError, ValueError, KeyError):
            if scheduler.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the scheduler did not start (exit {scheduler.poll()})") from None
            time.sleep(0.2)


@pytest.fixture
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and `dask worker` as separate processes, on 127.0.0.1 only."""
    scheduler_file = tmp_path_factory.mktemp("dask") / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env["DASK_CONFIG"] = str(WORKER_CONFIG.parent)  # as the README starts a cluster's workers
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--scheduler-file", str(scheduler_file), "--dashboard-address", "127.0.0.1:0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker: subprocess.Popen[bytes] | None = None
    try:
        address = _scheduler_address(scheduler_file, scheduler)
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1", "--nthreads", "1",
             "--nworkers", "2", "--dashboard-address", "127.0.0.1:0"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        assert _listening([scheduler.pid, worker.pid]) <= {"127.0.0.1"}
        yield address
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def test_a_batch_sent_to_a_separate_scheduler_and_worker_matches_a_local_run(cluster: str, tmp_path: Path) -> None:
    inbox = _inbox(tmp_path / "inbox")
    local = run_batch(inbox, tmp_path / "local", RunOptions(executor="serial"))
    result = CliRunner().invoke(main, ["run", str(inbox), str(tmp_path / "dask"), "--scheduler", cluster, "--quiet"])
    assert result.exit_code == local.exit_code, result.output
    # The same summary and outputs; summary.json is compared through the run's own results.
    remote = run_batch(inbox, tmp_path / "dask2", RunOptions(scheduler=cluster))
    assert _outputs(remote, tmp_path / "dask2") == _outputs(local, tmp_path / "local")
    assert sorted((tmp_path / "dask" / "released").rglob("*")) != []
    names = {p.name for p in (tmp_path / "dask" / "released").rglob("*.pdf")}
    assert names == {p.name for p in (tmp_path / "local" / "released").rglob("*.pdf")}
    assert not list((tmp_path / "dask").glob(".work-*"))
    # The shipped worker settings took effect: glibc's adaptive mmap threshold is kept.
    with Client(cluster, timeout=60, set_as_default=False) as client:
        environments = client.run(lambda: dict(os.environ))
    assert environments and all("MALLOC_TRIM_THRESHOLD_" not in e for e in environments.values())


def test_the_local_cluster_gets_the_settings_shipped_for_a_cluster_s_workers() -> None:
    import dask
    import yaml

    from redactor.pipeline.distributed import LOCAL_CLUSTER_CONFIG

    shipped = yaml.safe_load(WORKER_CONFIG.read_text(encoding="utf-8"))
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        environ = dask.config.get("distributed.nanny.pre-spawn-environ")
        assert environ.get("MALLOC_TRIM_THRESHOLD_") is None
        assert dask.config.get("distributed.worker.profile.enabled") is False
    assert shipped["distributed"]["nanny"]["pre-spawn-environ"] == {"MALLOC_TRIM_THRESHOLD_": None}
    assert shipped["distributed"]["worker"]["profile"]["enabled"] is False


class CrashOn(WorkerPlugin):
    """Makes the worker process die on one document, as a fault in a PDF library would."""

    def __init__(self, culprit: str) -> None:
        self.culprit = culprit

    def setup(self, worker: Any) -> None:
        real = recipe.Worker.process
        culprit = self.culprit

        def process(self: recipe.Worker, task: Task) -> DocumentResult:
            if task.relpath == culprit:
                os._exit(70)
            return real(self, task)

        recipe.Worker.process = process  # type: ignore[method-assign]


def test_a_worker_that_dies_on_a_document_fails_that_document_only(tmp_path: Path) -> None:
    import dask

    inbox = _inbox(tmp_path / "inbox")
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.register_plugin(CrashOn("boom.pdf"), name="crash")
        summary = run_batch(inbox, tmp_path / "out", RunOptions(scheduler=cluster.scheduler_address))
    statuses = {r.relpath: r.status for r in summary.results}
    assert statuses.pop("boom.pdf") is Status.FAILED
    assert "crashed" in next(r.reason for r in summary.results if r.relpath == "boom.pdf")
    assert set(statuses.values()) == {Status.RELEASED}
    assert not (tmp_path / "out" / "released" / "boom.pdf").exists()


def test_a_worker_that_dies_in_a_chunk_of_documents_fails_only_its_culprit(tmp_path: Path) -> None:
    """Short documents travel a few to a Dask task; a death fails the whole task, then each is run alone."""
    import dask

    from redactor.pipeline.limits import Limits

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = [f"{n:02d}.pdf" for n in range(12)] + ["boom.pdf"]
    for name in names:
        write_lines(inbox / name, [LETTER])
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.register_plugin(CrashOn("boom.pdf"), name="crash")
        # No time limit: the document runs in the worker itself, whose death fails its whole chunk.
        options = RunOptions(scheduler=cluster.scheduler_address, limits=Limits(seconds=0.0))
        summary = run_batch(inbox, tmp_path / "out", options)
    statuses = {r.relpath: r.status for r in summary.results}
    assert statuses.pop("boom.pdf") is Status.FAILED
    assert statuses == dict.fromkeys(names[:-1], Status.RELEASED)
