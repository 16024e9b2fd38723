"""The Dask executor: documents run on the workers of a Dask cluster, a few to each Dask task.

Workers need not share a filesystem with this machine: the input's bytes travel with the task,
the worker writes them to a private temporary folder, runs the same `process_document` as the
other executors, and sends back the result with the bytes of every redacted file it made (the
document's and its attachments'). Only this process publishes, from its own work folder, so
publishing stays local and atomic. Each worker process loads the model once (`worker_for`'s
per-process cache, warmed by `ModelPlugin` when a worker joins).

When a worker dies, the scheduler fails the documents it held (`KilledWorker`); each of them
is then run again alone, so that, as with the local pool, only a document that kills a worker
on its own is failed. With a time limit the documents run in a child process of the worker,
one after another, so a document over the limit, or one that crashes, is failed alone (with the
child, which the next document replaces) and the worker lives on.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import select
import signal
import struct
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed
from distributed.scheduler import KilledWorker

from redactor.errors import ConfigError, RedactorError
from redactor.pipeline.executors import crashed, timed_out
from redactor.pipeline.recipe import RunContext, Task, process_document, worker_for
from redactor.types import DocumentResult, Status

# Documents sent ahead of the workers, per worker: enough to keep each one busy while results
# travel back, few enough that a bundle of thousands is not all in the scheduler's memory.
AHEAD_PER_WORKER = 4
# At most this many documents, and about this many bytes, travel in one Dask task.
CHUNK_DOCUMENTS = 8
CHUNK_BYTES = 4 * 1024 * 1024
CONNECT_SECONDS = 30.0
PLUGIN = "redactor-model"
LOCAL_CLUSTER_CONFIG = {
    # A worker's death fails its documents at once: they are re-run alone (see `DaskExecutor.run`).
    "distributed.scheduler.allowed-failures": 0,
    # The statistical profiler samples each worker's stack a hundred times a second, for a
    # dashboard nobody reads in a run: a few per cent of the workers' CPU time.
    "distributed.worker.profile.enabled": False,
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ by default, which turns off glibc's adaptive mmap
    # threshold: every large buffer (the model's arrays, a page's pixels) is then mapped and
    # zeroed afresh, about a tenth more CPU time on each document. None unsets it.
    "distributed.nanny.pre-spawn-environ": {
        **dask.config.get("distributed.nanny.pre-spawn-environ"),
        "MALLOC_TRIM_THRESHOLD_": None,
    },
}
CHILD_FAILED = 70  # the exit status of a document's child process that raised


@dataclass(frozen=True)
class Shipped:
    """A task as it travels to a worker: the document's bytes instead of a local path."""

    task: Task
    data: bytes


@dataclass(frozen=True)
class Returned:
    """A result as it travels back: work paths are bare names, with the files' bytes."""

    result: DocumentResult
    files: dict[str, bytes]


# Documents run one at a time per worker process: the model is not shared between threads, and
# a worker started with more threads than that gains nothing but memory.
_ONE_AT_A_TIME = threading.Lock()


def run_shipped(context: RunContext, shipped: Shipped, seconds: float = 0.0) -> Returned:
    """On a worker: run one document in a private folder and return its result and files.

    With a time limit (`seconds` > 0) the document runs in the worker's document process (see
    `_DocumentProcess`); one over the limit is killed with that process and fails with the
    reason the local pool gives, and the worker goes on with the next one.
    """
    with _ONE_AT_A_TIME, tempfile.TemporaryDirectory(prefix="redactor-") as tmp:
        folder = Path(tmp)
        source = folder / ("input" + Path(shipped.task.source).suffix)
        source.write_bytes(shipped.data)
        local = replace(shipped.task, source=str(source), work_output=str(folder / Path(shipped.task.work_output).name))
        if seconds > 0:
            result = _document_process(context).run(local, seconds, folder / "result.pickle")
        else:
            result = process_document(context, local)
        files: dict[str, bytes] = {}
        return Returned(_bare(result, files), files)


def run_chunk(context: RunContext, chunk: Sequence[Shipped], seconds: float = 0.0) -> list[Returned]:
    """On a worker: a few documents in turn, each as `run_shipped` runs it."""
    return [run_shipped(context, shipped, seconds) for shipped in chunk]


class _DocumentProcess:
    """A child forked from the worker, which holds the model, running documents one after another.

    One child serves every document of a run, so that what it warms on the first (caches, the
    pages of the parent's memory it writes to) is not paid again for each: a child per document
    cost twice the CPU time of the local pool. It is ended with the document that runs over the
    limit or crashes it; the next document forks a new one.
    """

    def __init__(self, context: RunContext) -> None:
        self.key = context.key
        with contextlib.suppress(RedactorError):  # the child reports a model that cannot load
            worker_for(context)  # loaded here, once per worker, so the child need not load it
        task_read, task_write = os.pipe()
        done_read, done_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: serve documents until the worker closes the pipe; never return
            os.close(task_write)
            os.close(done_read)
            _serve(context, task_read, done_write)
        os.close(task_read)
        os.close(done_write)
        self.pid = pid
        self._tasks = os.fdopen(task_write, "wb")
        self._done = done_read

    def alive(self) -> bool:
        with contextlib.suppress(ChildProcessError):
            return os.waitpid(self.pid, os.WNOHANG) == (0, 0)
        return False

    def run(self, task: Task, seconds: float, result_path: Path) -> DocumentResult:
        """The document's result, or a failure when it runs over `seconds` or kills the child."""
        try:
            payload = pickle.dumps((task, str(result_path)))
            self._tasks.write(struct.pack("!I", len(payload)) + payload)
            self._tasks.flush()
        except BrokenPipeError:
            self.stop()
            return crashed(task)
        ready, _, _ = select.select([self._done], [], [], seconds)
        if not ready:
            self.stop()
            return timed_out(task, seconds)
        if os.read(self._done, 1) == b"0" and result_path.is_file():
            result: DocumentResult = pickle.loads(result_path.read_bytes())
            return result
        self.stop()
        return crashed(task)

    def stop(self) -> None:
        global _PROCESS
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            self._tasks.close()
        with contextlib.suppress(OSError):
            os.close(self._done)
        if _PROCESS is self:
            _PROCESS = None


_PROCESS: _DocumentProcess | None = None


def _document_process(context: RunContext) -> _DocumentProcess:
    """The worker's document process for this run's configuration, forked when there is none."""
    global _PROCESS
    if _PROCESS is not None and (_PROCESS.key != context.key or not _PROCESS.alive()):
        _PROCESS.stop()
    if _PROCESS is None:
        _PROCESS = _DocumentProcess(context)
    return _PROCESS


def _serve(context: RunContext, tasks_fd: int, done_fd: int) -> None:
    """The document process: run each task sent, leave its result in a file, report it done."""
    code = CHILD_FAILED
    try:
        _die_with_parent()
        with os.fdopen(tasks_fd, "rb") as tasks:
            while len(header := tasks.read(4)) == 4:
                task, path = pickle.loads(tasks.read(struct.unpack("!I", header)[0]))
                Path(path).write_bytes(pickle.dumps(process_document(context, task)))
                os.write(done_fd, b"0")
        code = 0  # the worker closed the pipe: it is going away
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    """If the worker is killed, the kernel kills the document's process too."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _bare(result: DocumentResult, files: dict[str, bytes]) -> DocumentResult:
    """Read every work file of a result (attachments included) and keep only its name."""
    work = result.work_output
    if work is not None:
        files[Path(work).name] = Path(work).read_bytes()
        work = Path(work).name
    return replace(result, work_output=work, attachments=tuple(_bare(c, files) for c in result.attachments))


def _placed(result: DocumentResult, folder: Path) -> DocumentResult:
    """A returned result with its work files' names turned back into paths in `folder`."""
    work = str(folder / result.work_output) if result.work_output is not None else None
    return replace(result, work_output=work, attachments=tuple(_placed(c, folder) for c in result.attachments))


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker joins, so the first document does not wait for it."""

    def __init__(self, context: RunContext) -> None:
        self.context = context

    def setup(self, worker: Any) -> None:
        with contextlib.suppress(RedactorError):  # the task reports a model that cannot load
            worker_for(self.context)


def _unregister(client: Client) -> None:
    """A shared cluster keeps no trace of this run's configuration once it is over."""
    with contextlib.suppress(Exception):
        client.unregister_worker_plugin(PLUGIN)


class DaskExecutor:
    """Runs documents on a Dask cluster: `address` is tcp://HOST:PORT, or "local" for a trial.

    "local" starts a `LocalCluster` of `jobs` worker processes on 127.0.0.1 and stops it at the
    end. The per-document time limit (`seconds`, 0 for none) is enforced on the worker, which
    runs each document in a child process it kills at the limit (see `run_shipped`); a worker
    over its memory is restarted by its nanny and handled as a crash.
    """

    def __init__(self, address: str, jobs: int = 1, memory_mb: int = 0, seconds: float = 0.0) -> None:
        self.address = address
        self.jobs = max(jobs, 1)
        self.memory_mb = memory_mb
        self.seconds = seconds

    def run(self, context: RunContext, tasks: Sequence[Task]) -> Iterator[DocumentResult]:
        with contextlib.ExitStack() as stack:
            client = self._connect(stack)
            client.register_plugin(ModelPlugin(context), name=PLUGIN)
            stack.callback(_unregister, client)
            suspects: list[Task] = []
            for task, outcome in self._stream(client, context, tasks):
                if isinstance(outcome, KilledWorker):
                    suspects.append(task)  # it may have died of another document's crash
                else:
                    yield self._receive(task, outcome)
            for task in suspects:
                # Alone, a crash can only be this document's own.
                _, outcome = next(self._stream(client, context, [task]))
                yield crashed(task) if isinstance(outcome, KilledWorker) else self._receive(task, outcome)

    def _connect(self, stack: contextlib.ExitStack) -> Client:
        if self.address == "local":
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=self.jobs,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",  # nothing listens beyond this machine
                        dashboard_address="127.0.0.1:0",  # its status page too, on a free port
                        memory_limit=f"{self.memory_mb}MB" if self.memory_mb > 0 else 0,
                    )
                )
            return stack.enter_context(Client(cluster, set_as_default=False))
        try:
            client = Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {self.address} ({exc})") from exc
        return stack.enter_context(client)

    def _stream(
        self, client: Client, context: RunContext, tasks: Sequence[Task]
    ) -> Iterator[tuple[Task, Returned | DocumentResult | BaseException]]:
        """Each task's outcome, keeping a bounded number of documents in flight.

        Short documents travel a few at a time (one Dask task runs them in turn): each Dask
        task costs the client, the scheduler and the worker some milliseconds, which a letter
        of one page would otherwise pay again and again.
        """
        workers = max(len(client.scheduler_info(n_workers=-1).get("workers", {})), 1)
        size = max(1, min(CHUNK_DOCUMENTS, len(tasks) // (workers * AHEAD_PER_WORKER)))
        pending = iter(tasks)
        owner: dict[Future, list[Task]] = {}  # type: ignore[type-arg]
        unreadable: list[tuple[Task, DocumentResult]] = []
        stream = as_completed(loop=client.loop)

        def send(count: int) -> None:
            for _ in range(count):
                chunk, shipped = self._chunk(pending, size, unreadable)
                if not chunk:
                    return
                future = client.submit(run_chunk, context, shipped, self.seconds, pure=False, retries=0)
                owner[future] = chunk
                stream.add(future)

        send(AHEAD_PER_WORKER * workers)
        for future in stream:
            chunk = owner.pop(future)
            try:
                outcomes: list[Returned | BaseException] = list(future.result())
            except Exception as exc:  # noqa: BLE001 - KilledWorker, or a result that cannot travel
                outcomes = [exc] * len(chunk)
            finally:
                future.release()
            yield from zip(chunk, outcomes, strict=True)
            send(1)
        yield from unreadable

    @staticmethod
    def _chunk(
        pending: Iterator[Task], size: int, unreadable: list[tuple[Task, DocumentResult]]
    ) -> tuple[list[Task], list[Shipped]]:
        """Up to `size` readable documents (fewer when their bytes reach CHUNK_BYTES), with their bytes."""
        chunk: list[Task] = []
        shipped: list[Shipped] = []
        total = 0
        for task in pending:
            try:
                data = Path(task.source).read_bytes()
            except OSError as exc:
                reason = f"{task.relpath}: cannot be read ({exc.strerror})"
                unreadable.append((task, DocumentResult(task.relpath, Status.FAILED, reason)))
                continue
            chunk.append(task)
            shipped.append(Shipped(task, data))
            total += len(data)
            if len(chunk) >= size or total >= CHUNK_BYTES:
                break
        return chunk, shipped

    @staticmethod
    def _receive(task: Task, outcome: Returned | DocumentResult | BaseException) -> DocumentResult:
        if isinstance(outcome, DocumentResult):
            return replace(outcome, output_relpath=task.output_relpath)
        if isinstance(outcome, BaseException):
            return DocumentResult(
                task.relpath,
                Status.FAILED,
                f"{task.relpath}: the cluster could not run it ({type(outcome).__name__}: {outcome}); "
                "it was not released",
                output_relpath=task.output_relpath,
            )
        folder = Path(task.work_output).parent
        for name, data in outcome.files.items():
            (folder / name).write_bytes(data)
        return _placed(outcome.result, folder)


__all__ = ["DaskExecutor", "ModelPlugin", "Returned", "Shipped", "run_chunk", "run_shipped"]
