"""The pipeline: ingest -> detect -> decide -> apply -> verify, then publish.

`process_document` is the whole per-document task. It is a plain function of picklable
arguments, so it runs the same in this process, in a process pool, or on a Dask cluster.
Only `publish` (in the parent process) writes into the output folder, and it does so by
atomic moves, so an interrupted run never leaves a half-written file there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from redactor import apply, ingest
from redactor.checks import verify_output
from redactor.config import LoadedConfig, load_config
from redactor.decide import Policy
from redactor.detect import Detector, build_registry, ensure_model_installed
from redactor.errors import ConfigError, DocumentError, ExitCode, RedactorError
from redactor.model import DocumentResult, Severity, Status
from redactor.report import Layout, publish, write_batch_files

SUPPORTED_SUFFIXES = frozenset({".pdf"})


@dataclass(frozen=True)
class Task:
    """One input document, as a worker receives it."""

    source: str
    relpath: str
    work_output: str
    output_relpath: str


@dataclass(frozen=True)
class RunOptions:
    config_file: Path | None = None
    requester: tuple[str, ...] = ()
    jobs: int = 0  # 0: every core


@dataclass
class BatchSummary:
    results: list[DocumentResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def exit_code(self) -> ExitCode:
        statuses = {r.status for r in self.results}
        if Status.CHECK_FAILED in statuses:
            return ExitCode.CHECKS_FAILED
        if Status.FAILED in statuses:
            return ExitCode.DOCUMENTS_FAILED
        if Status.NEEDS_REVIEW in statuses:
            return ExitCode.NEEDS_REVIEW
        return ExitCode.OK


class Worker:
    """What a process needs to handle documents: the loaded model and the compiled policy."""

    def __init__(self, loaded: LoadedConfig, requester: Sequence[str]) -> None:
        self.loaded = loaded
        self.detector = Detector(loaded)
        self.policy = Policy(loaded, requester)

    def process(self, task: Task) -> DocumentResult:
        started = time.perf_counter()
        seconds: dict[str, float] = {}

        def lap(stage: str, since: float) -> float:
            now = time.perf_counter()
            seconds[stage] = round(now - since, 4)
            return now

        try:
            document, problems = ingest.load(Path(task.source), task.relpath)
            t = lap("ingest", started)
            if problems:
                return DocumentResult(
                    relpath=task.relpath,
                    status=Status.NEEDS_REVIEW,
                    reason="; ".join(problems) + "; the document was not released",
                    input_sha256=document.sha256,
                    pages=len(document.pages),
                    warnings=document.warnings,
                    seconds=seconds,
                )
            findings = self.detector.detect(document)
            t = lap("detect", t)
            decisions = self.policy.decide(document, findings)
            t = lap("decide", t)
            work_output = Path(task.work_output)
            apply.redact_pdf(Path(task.source), document, decisions, work_output, self.loaded.config.redaction)
            t = lap("apply", t)
            checks = verify_output(work_output, decisions)
            lap("verify", t)
        except DocumentError as exc:
            return DocumentResult(relpath=task.relpath, status=Status.FAILED, reason=str(exc), seconds=seconds)
        failed = [c for c in checks if c.severity is Severity.FAIL]
        return DocumentResult(
            relpath=task.relpath,
            status=Status.CHECK_FAILED if failed else Status.RELEASED,
            reason="; ".join(sorted({c.message for c in failed})),
            input_sha256=document.sha256,
            work_output=task.work_output,
            output_relpath=task.output_relpath,
            pages=len(document.pages),
            decisions=decisions,
            checks=tuple(checks),
            warnings=document.warnings,
            seconds=seconds,
        )


_WORKER: Worker | None = None
_WORKER_ERROR: str = ""


def _init_worker(loaded: LoadedConfig, requester: Sequence[str]) -> None:
    global _WORKER, _WORKER_ERROR
    try:
        _WORKER = Worker(loaded, requester)
    except RedactorError as exc:  # reported with each document rather than breaking the pool
        _WORKER_ERROR = str(exc)


def _run_task(task: Task) -> DocumentResult:
    if _WORKER is None:
        return DocumentResult(task.relpath, Status.FAILED, f"the worker could not start: {_WORKER_ERROR}")
    return safe_process(_WORKER, task)


def safe_process(worker: Worker, task: Task) -> DocumentResult:
    """Process one document; an unexpected error fails that document, never the batch."""
    try:
        return worker.process(task)
    except RedactorError as exc:
        return DocumentResult(relpath=task.relpath, status=Status.FAILED, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one broken PDF must not stop the rest
        return DocumentResult(
            relpath=task.relpath,
            status=Status.FAILED,
            reason=f"{task.relpath}: unexpected error {type(exc).__name__}: {exc}; please report it",
        )


def discover(inbox: Path) -> tuple[list[str], list[str], list[str]]:
    """Relative paths of the documents to process, of files that cannot be, and of hidden files."""
    supported: list[str] = []
    unsupported: list[str] = []
    hidden: list[str] = []
    for path in sorted(inbox.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(inbox)
        if any(part.startswith(".") for part in rel.parts):
            hidden.append(rel.as_posix())
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            supported.append(rel.as_posix())
        else:
            unsupported.append(rel.as_posix())
    return supported, unsupported, hidden


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_folders(inbox: Path, out: Path) -> None:
    if not inbox.is_dir():
        raise ConfigError(f"the inbox {inbox} is not a folder")
    inbox_r, out_r = inbox.resolve(), out.resolve()
    if out_r == inbox_r or inbox_r in out_r.parents:
        raise ConfigError(f"the output folder {out} is inside the inbox {inbox}; the inbox must stay untouched")
    if out_r in inbox_r.parents:
        raise ConfigError(f"the inbox {inbox} is inside the output folder {out}; choose a separate output folder")


def run_batch(
    inbox: Path,
    out: Path,
    options: RunOptions | None = None,
    on_result: Callable[[DocumentResult, int, int], None] | None = None,
) -> BatchSummary:
    """Redact every document under `inbox` into `out`, and account for every file."""
    started = time.perf_counter()
    options = options or RunOptions()
    check_folders(inbox, out)
    loaded = load_config(options.config_file)
    ensure_model_installed(loaded.config.nlp)
    build_registry(loaded)  # a recognizer misconfigured is a usage error, found before any work
    layout = Layout.create(out)
    documents, unsupported, hidden = discover(inbox)
    summary = BatchSummary()
    total = len(documents) + len(unsupported) + len(hidden)
    not_processed = [
        DocumentResult(
            rel, Status.NEEDS_REVIEW, "not a supported document type (PDF): not processed; review it by hand"
        )
        for rel in unsupported
    ] + [DocumentResult(rel, Status.SKIPPED, "a hidden file: not processed and not released") for rel in hidden]
    for result in not_processed:
        summary.results.append(publish(layout, result, loaded))
        if on_result:
            on_result(result, len(summary.results), total)

    work = Path(tempfile.mkdtemp(prefix=".work-", dir=out))
    try:
        tasks = [
            Task(
                source=str((inbox / rel).resolve()),
                relpath=rel,
                work_output=str(work / f"{i:06d}.pdf"),
                output_relpath=str(PurePosixPath(rel).with_suffix(".pdf")),
            )
            for i, rel in enumerate(documents)
        ]
        jobs = min(options.jobs or default_jobs(), max(len(tasks), 1))
        for result in _execute(tasks, jobs, loaded, options.requester):
            summary.results.append(publish(layout, result, loaded))
            if on_result:
                on_result(result, len(summary.results), total)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.results.sort(key=lambda r: r.relpath)
    summary.seconds = time.perf_counter() - started
    write_batch_files(layout, summary.results, loaded, summary.seconds)
    return summary


def _execute(tasks: list[Task], jobs: int, loaded: LoadedConfig, requester: Sequence[str]):  # type: ignore[no-untyped-def]
    """Yield results as documents finish, in this process or in a pool of `jobs` processes."""
    if not tasks:
        return
    if jobs <= 1:
        worker = Worker(loaded, requester)
        for task in tasks:
            yield safe_process(worker, task)
        return
    pending = list(tasks)
    while pending:
        crashed: Task | None = None
        finished: set[str] = set()
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(loaded, requester)) as pool:
            futures: dict[Future[DocumentResult], Task] = {pool.submit(_run_task, t): t for t in pending}
            try:
                for future in as_completed(futures):
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        crashed = futures[future]
                        break
                    finished.add(result.relpath)
                    yield result
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        if crashed is None:
            return
        # A worker died (the PDF library crashed, or memory ran out): the document it was on
        # fails, and the ones not yet finished are run again in a fresh pool.
        yield DocumentResult(
            relpath=crashed.relpath,
            status=Status.FAILED,
            reason=f"{crashed.relpath}: the worker process crashed while handling it; it was not released",
        )
        pending = [t for t in pending if t.relpath not in finished and t is not crashed]
