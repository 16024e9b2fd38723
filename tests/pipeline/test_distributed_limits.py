"""The per-document time limit on a Dask cluster: a document over it fails alone, the batch goes on."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from redactor.pipeline import RunOptions, Task, recipe, run_batch
from redactor.pipeline.limits import Limits
from redactor.types import DocumentResult, Status
from tests.conftest import write_lines

pytestmark = pytest.mark.slow

HANG_SECONDS = 90.0
LETTER = ["Dear Mr Halvorsen,", "Thank you for your letter about the library.", "Yours sincerely,"]


class Misbehave(WorkerPlugin):
    """Makes one document hang (as a pathological file would) and another crash its process."""

    def __init__(self, hang: str, crash: str) -> None:
        self.hang = hang
        self.crash = crash

    def setup(self, worker: Any) -> None:
        real = recipe.Worker.process
        hang, crash = self.hang, self.crash

        def process(self: recipe.Worker, task: Task) -> DocumentResult:
            if task.relpath == hang:
                time.sleep(HANG_SECONDS)  # without the limit it ends, and is released
            if task.relpath == crash:
                os._exit(70)
            return real(self, task)

        recipe.Worker.process = process  # type: ignore[method-assign]


def test_a_document_over_the_time_limit_fails_alone_on_a_cluster(tmp_path: Path) -> None:
    import dask

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.pdf", "hang.pdf", "b.pdf", "boom.pdf", "c.pdf"):
        write_lines(inbox / name, [LETTER])
    started = time.monotonic()
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.register_plugin(Misbehave("hang.pdf", "boom.pdf"), name="misbehave")
        before = set(client.scheduler_info(n_workers=-1)["workers"])
        options = RunOptions(scheduler=cluster.scheduler_address, limits=Limits(seconds=20.0))
        summary = run_batch(inbox, tmp_path / "out", options)
        after = set(client.scheduler_info(n_workers=-1)["workers"])
    results = {r.relpath: r for r in summary.results}
    assert results["hang.pdf"].status is Status.FAILED
    assert "per-document time limit (20 s)" in results["hang.pdf"].reason
    assert results["boom.pdf"].status is Status.FAILED and "crashed" in results["boom.pdf"].reason
    assert {results[n].status for n in ("a.pdf", "b.pdf", "c.pdf")} == {Status.RELEASED}
    assert not (tmp_path / "out" / "released" / "hang.pdf").exists()
    assert after == before  # the worker itself was never killed or restarted
    assert time.monotonic() - started < HANG_SECONDS


def test_one_document_process_runs_the_documents_in_turn(tmp_path: Path) -> None:
    """With a time limit the documents share one child of the worker, not a child each."""
    from redactor.config import load_config
    from redactor.pipeline import distributed
    from redactor.pipeline.recipe import RunContext

    context = RunContext(load_config())
    pids: list[int] = []
    try:
        for name in ("a.pdf", "b.pdf"):
            write_lines(tmp_path / name, [LETTER])
            task = Task(str(tmp_path / name), name, str(tmp_path / f"work-{name}"), name)
            shipped = distributed.Shipped(task, (tmp_path / name).read_bytes())
            returned = distributed.run_shipped(context, shipped, 120.0)
            assert returned.result.status is Status.RELEASED, returned.result.reason
            assert distributed._PROCESS is not None
            pids.append(distributed._PROCESS.pid)
    finally:
        if distributed._PROCESS is not None:
            distributed._PROCESS.stop()
    assert pids[0] == pids[1] != os.getpid()
    assert distributed._PROCESS is None
