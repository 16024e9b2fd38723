"""The batch: find the documents, name their outputs once, run them, publish, account for all.

Only this module (through `redactor.publish`) writes into the output folder, and it does so by
atomic moves from a work folder, so an interrupted run never leaves a half-written file there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from redactor.config import LoadedConfig, load_config
from redactor.detect.engine import build_registry, ensure_model_installed
from redactor.errors import ConfigError, ExitCode
from redactor.pipeline.executors import Executor, PoolExecutor, SerialExecutor
from redactor.pipeline.inbox import EntryKind, output_relpaths, scan_inbox
from redactor.pipeline.limits import DEFAULT_LIMITS, Limits
from redactor.pipeline.ranges import RANGE_PAGES, RangeExecutor, split_long
from redactor.pipeline.recipe import RunContext, Task, flatten
from redactor.publish.outputs import (
    Layout,
    OutputError,
    clean_interrupted,
    locked,
    publish,
    remove_stale,
    sha256_file,
    write_batch_files,
)
from redactor.review.reuse import redo_key, reused_result, run_key
from redactor.review.schedule import write_schedule
from redactor.review.store import ReviewBook, Scope
from redactor.types import DocumentResult, Status


@dataclass(frozen=True)
class RunOptions:
    config_file: Path | None = None
    requester: tuple[str, ...] = ()
    jobs: int = 0  # 0: every core
    limits: Limits = DEFAULT_LIMITS
    # "pool" (worker processes, crash isolation, limits) or "serial" (this process: tests, profiling).
    executor: str = "pool"
    # Pages per range when a long PDF is cut into ranges run on every worker (pool only); 0: never.
    range_pages: int = RANGE_PAGES
    # A Dask scheduler's address (tcp://HOST:PORT), or "local" for a LocalCluster; overrides `executor`.
    scheduler: str = ""

    def make_executor(self, tasks: int) -> Executor:
        if self.scheduler:
            try:
                from redactor.pipeline.distributed import DaskExecutor
            except ImportError as exc:
                raise ConfigError(
                    f"--scheduler needs Dask ({exc}); install it with: pip install 'redactor[dask]'"
                ) from exc
            return DaskExecutor(self.scheduler, self.jobs or default_jobs(), self.limits.memory_mb, self.limits.seconds)
        if self.executor == "serial":
            return SerialExecutor()
        if self.executor == "pool":
            return PoolExecutor(min(self.jobs or default_jobs(), max(tasks, 1)), self.limits)
        raise ConfigError(f"unknown executor {self.executor!r}; use pool or serial")


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


def discover(inbox: Path) -> tuple[list[str], list[str], list[str]]:
    """Relative paths of the documents to process, of entries that are not, and of hidden files."""
    entries = scan_inbox(inbox)
    return (
        [e.relpath for e in entries if e.kind is EntryKind.DOCUMENT],
        [e.relpath for e in entries if e.kind in (EntryKind.UNSUPPORTED, EntryKind.NOT_READ)],
        [e.relpath for e in entries if e.kind is EntryKind.HIDDEN],
    )


def _claim(result: DocumentResult, claimed: set[str]) -> DocumentResult:
    """Give an attachment a released name no input and no other attachment uses."""
    if not result.output_relpath or result.attachment_name is None:
        return result
    path, n = PurePosixPath(result.output_relpath), 1
    candidate = str(path)
    while candidate.lower() in claimed:
        n += 1
        candidate = str(path.with_name(f"{path.stem}-{n}{path.suffix}"))
    claimed.add(candidate.lower())
    return result if candidate == result.output_relpath else replace(result, output_relpath=candidate)


def _claim_all(result: DocumentResult, claimed: set[str]) -> DocumentResult:
    result = _claim(result, claimed)
    if not result.attachments:
        return result
    return replace(result, attachments=tuple(_claim_all(c, claimed) for c in result.attachments))


def _execute(context: RunContext, tasks: list[Task], options: RunOptions) -> Iterator[DocumentResult]:
    """Every document's result: long PDFs in page ranges over the pool's workers, the rest whole."""
    if options.scheduler or options.executor != "pool":
        yield from options.make_executor(len(tasks)).run(context, tasks)
        return
    # A document withheld in full is not cut into ranges: its one task only logs the decision.
    decided = [t for t in tasks if any(r.scope is Scope.WHOLE and r.document == t.relpath for r in t.review.records)]
    whole, long = split_long([t for t in tasks if t not in decided], options.range_pages)
    whole = decided + whole
    if whole:
        yield from options.make_executor(len(whole)).run(context, whole)
    if long:
        yield from RangeExecutor(options.jobs or default_jobs(), options.limits, options.range_pages).run(context, long)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_folders(inbox: Path, out: Path) -> None:
    if not inbox.exists():
        raise ConfigError(f"the inbox {inbox} does not exist")
    inbox_r, out_r = inbox.resolve(), out.resolve()
    if out_r == inbox_r or inbox_r in out_r.parents:
        raise ConfigError(f"the output folder {out} is inside the inbox {inbox}; the inbox must stay untouched")
    if out_r in inbox_r.parents:
        raise ConfigError(f"the inbox {inbox} is inside the output folder {out}; choose a separate output folder")


def _reuse(layout: Layout, task: Task, book: ReviewBook, run: str) -> DocumentResult | None:
    """The last run's result, when the input, its decisions and the run's key are unchanged and its output is there."""
    try:
        sha = sha256_file(Path(task.source))
    except OSError:
        return None  # the recipe reports what is wrong with it
    key = redo_key(sha, book.view(task.relpath, sha).fingerprint, run)
    return reused_result(layout, task.relpath, task.output_relpath, key, Path(task.work_output))


def run_batch(
    inbox: Path,
    out: Path,
    options: RunOptions | None = None,
    on_result: Callable[[DocumentResult, int, int], None] | None = None,
) -> BatchSummary:
    """Redact every document under `inbox` (a folder, or one file) into `out`, and account for every entry."""
    options = options or RunOptions()
    check_folders(inbox, out)
    loaded = load_config(options.config_file)
    ensure_model_installed(loaded.config.nlp)
    build_registry(loaded)  # a recognizer misconfigured is a usage error, found before any work
    layout = Layout.create(out, inbox)
    with locked(layout):
        clean_interrupted(layout)
        return _run_locked(inbox, layout, loaded, options, on_result)


def _run_locked(
    inbox: Path,
    layout: Layout,
    loaded: LoadedConfig,
    options: RunOptions,
    on_result: Callable[[DocumentResult, int, int], None] | None,
) -> BatchSummary:
    started = time.perf_counter()
    entries = scan_inbox(inbox)
    layout.plan_logs([e.relpath for e in entries])
    summary = BatchSummary()
    total = len(entries)

    def published(result: DocumentResult) -> None:
        summary.results.append(publish(layout, result, loaded))
        if on_result:
            on_result(result, len(summary.results), total)

    for entry in entries:
        if entry.kind is not EntryKind.DOCUMENT:
            status = Status.SKIPPED if entry.kind is EntryKind.HIDDEN else Status.NEEDS_REVIEW
            published(DocumentResult(entry.relpath, status, entry.reason))
    documents = [e for e in entries if e.kind is EntryKind.DOCUMENT]
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=layout.root))
    try:
        outputs = output_relpaths([e.relpath for e in documents])
        claimed = {o.lower() for o in outputs.values()}
        policy = loaded.config.policy
        book = ReviewBook.load(layout.root, policy.exemption, policy.condition)  # read once per run
        run = run_key(loaded, options.requester)
        tasks: list[Task] = []
        for i, entry in enumerate(documents):
            task = Task(
                source=str(entry.source),
                relpath=entry.relpath,
                work_output=str(work / f"{i:06d}.pdf"),
                output_relpath=outputs[entry.relpath],
                review=book.family(entry.relpath),
            )
            reused = _reuse(layout, task, book, run)
            if reused is not None:
                published(reused)
            else:
                tasks.append(task)
        context = RunContext(loaded, tuple(options.requester))
        for top in _execute(context, tasks, options):
            if top.status is Status.RELEASED and not top.attachments:
                top = replace(top, redo_key=redo_key(top.input_sha256, top.review_fingerprint, run))
            if top.output_relpath is None and top.relpath in outputs:
                # so that publish removes the right stale copy when a document fails
                top = replace(top, output_relpath=outputs[top.relpath])
            # An e-mail's attachments are documents of their own: each is published and counted.
            family = flatten(_claim_all(top, claimed))
            total += len(family) - 1
            for result in family:
                published(result)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.results.sort(key=lambda r: r.relpath)
    summary.seconds = time.perf_counter() - started
    try:
        remove_stale(layout, summary.results)
        write_batch_files(layout, summary.results, loaded, summary.seconds)
        write_schedule(layout.root)
    except OSError as exc:
        raise OutputError(
            f"cannot write the summary and annex into {layout.root} ({exc.strerror}); free some space, then run again"
        ) from exc
    return summary
