"""How documents are scheduled: one seam, several executors.

An `Executor` takes the run's context and its tasks and yields one `DocumentResult` per task,
in any order. Every executor calls the same `process_document(context, task)`, so results do
not depend on where a document was processed.

- `SerialExecutor` runs in this process (tests, benchmarks, one small document).
- `PoolExecutor` runs a pool of worker processes with per-document isolation: when a worker
  dies, only a document that also crashes when run alone is failed; a document over its time
  limit is failed and its worker killed; every other document is run again and released as it
  would have been.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.queues
import os
import resource
import signal
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Protocol

from redactor.pipeline.limits import Limits
from redactor.pipeline.recipe import RunContext, Task, process_document
from redactor.types import DocumentResult, Status


class Executor(Protocol):
    """Runs `process_document` over tasks and yields a result for every one of them."""

    def run(self, context: RunContext, tasks: Sequence[Task]) -> Iterator[DocumentResult]: ...


class SerialExecutor:
    """Every document in this process, one after another (no isolation, no limits)."""

    def run(self, context: RunContext, tasks: Sequence[Task]) -> Iterator[DocumentResult]:
        for task in tasks:
            yield process_document(context, task)


def crashed(task: Task) -> DocumentResult:
    """The result of a document whose worker process died while processing it on its own."""
    return DocumentResult(
        task.relpath,
        Status.FAILED,
        f"{task.relpath}: the worker process crashed while handling it (a fault in a PDF library, or it "
        "ran out of memory); it was not released",
        output_relpath=task.output_relpath,
    )


def timed_out(task: Task, seconds: float) -> DocumentResult:
    return DocumentResult(
        task.relpath,
        Status.FAILED,
        f"{task.relpath}: took longer than the per-document time limit ({seconds:g} s) and was stopped; "
        "it was not released (raise the limit with --time-limit if the document is just very long)",
        output_relpath=task.output_relpath,
    )


# Set in each pool worker by `_init_worker`: where the worker says which task it starts.
_STARTED: multiprocessing.queues.SimpleQueue[tuple[int, str]] | None = None


def _init_worker(started: multiprocessing.queues.SimpleQueue[tuple[int, str]], memory_mb: int) -> None:
    global _STARTED
    _STARTED = started
    # A worker must not outlive the run: if the parent is killed, the kernel kills the workers.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    # Ctrl-C is the parent's to handle; a worker interrupted mid-document would look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _pool_task(context: RunContext, task: Task) -> DocumentResult:
    if _STARTED is not None:
        _STARTED.put((os.getpid(), task.relpath))  # written synchronously: survives a crash just after
    return process_document(context, task)


@dataclass
class _Round:
    """The bookkeeping of one pool's life: what started where, and what finished."""

    started: dict[str, tuple[int, float]] = field(default_factory=dict)  # relpath -> (pid, monotonic start)
    finished: set[str] = field(default_factory=set)
    failed: list[DocumentResult] = field(default_factory=list)  # blamed with certainty (time limit)
    broken: bool = False

    def in_flight(self) -> set[str]:
        return set(self.started) - self.finished - {r.relpath for r in self.failed}


class PoolExecutor:
    """A pool of `jobs` worker processes, each loading the model once, with crash isolation."""

    def __init__(self, jobs: int, limits: Limits | None = None, poll_seconds: float = 0.5) -> None:
        self.jobs = max(jobs, 1)
        self.limits = limits or Limits()
        self.poll_seconds = poll_seconds

    def run(self, context: RunContext, tasks: Sequence[Task]) -> Iterator[DocumentResult]:
        pending = list(tasks)
        while pending:
            state = _Round()
            yield from self._round(context, pending, self.jobs, state)
            if not state.broken:
                return
            yield from state.failed
            done = state.finished | {r.relpath for r in state.failed}
            if not state.failed:
                # A worker died: the documents in flight are suspects. They run again one at a
                # time, so the crash is pinned on the document that causes it and on no other.
                suspects = [t for t in pending if t.relpath in state.in_flight()]
                yield from self._isolate(context, suspects)
                done |= {t.relpath for t in suspects}
            # Otherwise the pool broke because a document over its time limit was stopped: the
            # documents beside it are innocent and simply run again.
            pending = [t for t in pending if t.relpath not in done]

    def _isolate(self, context: RunContext, suspects: list[Task]) -> Iterator[DocumentResult]:
        """Run suspects in a one-worker pool: when it breaks, the one document it had started is the cause."""
        while suspects:
            state = _Round()
            yield from self._round(context, suspects, 1, state)
            if not state.broken:
                return
            yield from state.failed
            culprits = state.in_flight() or {suspects[0].relpath}  # died before it could say: the first
            yield from (crashed(t) for t in suspects if t.relpath in culprits)
            settled = state.finished | culprits | {r.relpath for r in state.failed}
            suspects = [t for t in suspects if t.relpath not in settled]

    def _round(self, context: RunContext, tasks: list[Task], jobs: int, state: _Round) -> Iterator[DocumentResult]:
        """Run tasks in a fresh pool until all finish or the pool breaks (then `state.broken`)."""
        mp = multiprocessing.get_context()
        started: multiprocessing.queues.SimpleQueue[tuple[int, str]] = mp.SimpleQueue()
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(tasks)),
            mp_context=mp,
            initializer=_init_worker,
            initargs=(started, self.limits.memory_mb),
        )
        clean = False
        try:
            futures: dict[Future[DocumentResult], Task] = {pool.submit(_pool_task, context, t): t for t in tasks}
            order = {future: n for n, future in enumerate(futures)}
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, timeout=self.poll_seconds, return_when=FIRST_COMPLETED)
                self._drain(started, state)
                for future in sorted(done, key=order.__getitem__):  # a set: keep the order repeatable
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        state.broken = True
                        continue
                    state.finished.add(futures[future].relpath)
                    yield result
                if state.broken:
                    break
                self._enforce_time_limit(futures, state)
            clean = True
        finally:
            if not clean:  # interrupted (Ctrl-C, or the consumer stopped): stop the documents in flight
                for pid, _ in (state.started[r] for r in state.in_flight()):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            pool.shutdown(wait=clean, cancel_futures=True)
            started.close()

    @staticmethod
    def _drain(started: multiprocessing.queues.SimpleQueue[tuple[int, str]], state: _Round) -> None:
        now = time.monotonic()
        while not started.empty():
            pid, relpath = started.get()
            state.started.setdefault(relpath, (pid, now))

    def _enforce_time_limit(self, futures: dict[Future[DocumentResult], Task], state: _Round) -> None:
        if self.limits.seconds <= 0:
            return
        now = time.monotonic()
        by_relpath = {t.relpath: t for t in futures.values()}
        for relpath in sorted(state.in_flight()):
            pid, since = state.started[relpath]
            if now - since > self.limits.seconds:
                state.failed.append(timed_out(by_relpath[relpath], self.limits.seconds))
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)  # the pool breaks; the other documents run again
