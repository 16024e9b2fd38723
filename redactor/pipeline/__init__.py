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
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from redactor.apply import redact as apply
from redactor.config import LoadedConfig, load_config
from redactor.decide.policy import Policy
from redactor.detect.engine import Detector, build_registry, ensure_model_installed
from redactor.errors import ConfigError, DocumentError, ExitCode, RedactorError
from redactor.ingest import emails
from redactor.ingest import pdf as ingest
from redactor.publish.outputs import Layout, publish, remove_stale, write_batch_files
from redactor.review.apply import apply_review
from redactor.review.schedule import write_review_files
from redactor.review.store import ReviewBook
from redactor.types import DocumentResult, Severity, Status
from redactor.verify.checks import verify_output

SUPPORTED_SUFFIXES = frozenset({".pdf", *emails.EMAIL_SUFFIXES})
# Attachments opened per top-level e-mail (PDFs and e-mails, at every depth); the rest are
# listed for manual review, so a message with thousands of parts cannot stall a worker.
MAX_ATTACHMENT_DOCUMENTS = 50


@dataclass(frozen=True)
class Task:
    """One input document, as a worker receives it."""

    source: str
    relpath: str
    work_output: str
    output_relpath: str
    review: ReviewBook = field(default_factory=ReviewBook)  # decisions on it and its attachments
    input_sha256: str = ""  # an e-mail's own hash, for the PDF it is printed to


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
        if emails.is_email_path(Path(task.source)):
            return self.process_email(task)
        return self.process_pdf(task)

    def process_email(
        self, task: Task, message: emails.Email | None = None, sha256: str = "", budget: list[int] | None = None
    ) -> DocumentResult:
        """Print an e-mail to PDF and run that through the PDF pipeline; attachments become documents too."""
        started = time.perf_counter()
        budget = budget if budget is not None else [MAX_ATTACHMENT_DOCUMENTS]
        try:
            if message is None:
                try:
                    data = Path(task.source).read_bytes()
                except OSError as exc:
                    raise DocumentError(f"{task.relpath}: cannot be read ({exc.strerror})") from exc
                sha256 = ingest.sha256_bytes(data)
                message = emails.load_email(data, task.relpath)
            children = tuple(
                self._attachment(task, n, att, budget) for n, att in enumerate(message.attachments, start=1)
            )
            rendered = Path(task.work_output).with_suffix(".email.pdf")
            emails.render_pdf(message, rendered, [_attachment_note(c) for c in children], task.relpath)
        except DocumentError as exc:
            return DocumentResult(
                task.relpath, Status.FAILED, str(exc), input_sha256=sha256, output_relpath=task.output_relpath
            )
        printed = time.perf_counter() - started
        result = self.process_pdf(replace(task, source=str(rendered), input_sha256=sha256))
        return replace(
            result,
            input_sha256=sha256 or result.input_sha256,
            output_relpath=task.output_relpath,
            warnings=message.warnings + result.warnings,
            seconds={"email": round(printed, 4), **result.seconds},
            attachments=children,
        )

    def _attachment(self, parent: Task, n: int, att: emails.Attachment, budget: list[int]) -> DocumentResult:
        """One attachment as a document of its own: processed if PDF or e-mail, else listed for review."""
        slug = "".join(c if c.isalnum() or c in "._-" else "_" for c in att.name)[:80]
        task = Task(
            source="",
            relpath=f"{parent.relpath}#attachment-{n}-{slug}",
            work_output=str(Path(parent.work_output).with_suffix(f".a{n}.pdf")),
            # The released name does not repeat the attachment's own name, which may be personal data.
            output_relpath=str(PurePosixPath(parent.output_relpath).with_suffix(f".attachment-{n}.pdf")),
            review=parent.review,
        )
        what = f"{att.name} ({att.content_type}), attached to {parent.relpath}"
        kind = att.kind

        def outcome(status: Status, reason: str) -> DocumentResult:
            return DocumentResult(
                task.relpath,
                status,
                reason,
                input_sha256=ingest.sha256_bytes(att.data) if att.data else "",
                output_relpath=task.output_relpath,
                attachment_name=att.name,
            )

        if att.error:
            return outcome(Status.FAILED, f"{what}: {att.error}; it was not released")
        if kind == "other" or att.note:
            why = f" ({att.note})" if att.note else ""
            return outcome(Status.NEEDS_REVIEW, f"{what}: not processed{why}: needs manual review; it was not released")
        if budget[0] <= 0:
            return outcome(
                Status.NEEDS_REVIEW,
                f"{what}: not processed (more than {MAX_ATTACHMENT_DOCUMENTS} attachments to open): "
                "needs manual review; it was not released",
            )
        budget[0] -= 1
        try:
            if kind == "email":
                sha = ingest.sha256_bytes(att.data) if att.data else ""
                result = self.process_email(task, att.message, sha, budget)
            else:
                source = Path(task.work_output).with_suffix(".src.pdf")
                source.write_bytes(att.data)
                result = self.process_pdf(replace(task, source=str(source)))
        except Exception as exc:  # noqa: BLE001 - one broken attachment must not lose its e-mail
            return outcome(Status.FAILED, f"{what}: unexpected error {type(exc).__name__}: {exc}; please report it")
        return replace(result, output_relpath=task.output_relpath, attachment_name=att.name)

    def process_pdf(self, task: Task) -> DocumentResult:
        started = time.perf_counter()
        seconds: dict[str, float] = {}

        def lap(stage: str, since: float) -> float:
            now = time.perf_counter()
            seconds[stage] = round(now - since, 4)
            return now

        try:
            ocr_cfg = self.loaded.config.ocr
            document, problems = ingest.load(Path(task.source), task.relpath, ocr_cfg=ocr_cfg)
            if task.input_sha256:  # ids and decisions name the e-mail, not its printout
                document = replace(document, sha256=task.input_sha256)
            t = lap("ingest", started)
            if problems:
                return DocumentResult(
                    relpath=task.relpath,
                    status=Status.NEEDS_REVIEW,
                    reason="; ".join(problems) + "; the document was not released",
                    input_sha256=document.sha256,
                    pages=len(document.pages),
                    warnings=document.warnings,
                    ocr_pages=document.ocr_pages,
                    seconds=seconds,
                )
            findings = self.detector.detect(document)
            t = lap("detect", t)
            review = task.review.view(task.relpath, document.sha256)
            decisions = apply_review(document, self.policy.decide(document, findings), review)
            t = lap("decide", t)
            work_output = Path(task.work_output)
            apply.redact_pdf(
                Path(task.source), document, decisions, work_output, self.loaded.config.redaction, ocr_cfg=ocr_cfg
            )
            t = lap("apply", t)
            checks = verify_output(work_output, decisions)
            lap("verify", t)
        except DocumentError as exc:
            return DocumentResult(
                relpath=task.relpath,
                status=Status.FAILED,
                reason=str(exc),
                output_relpath=task.output_relpath,
                seconds=seconds,
            )
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
            ocr_pages=document.ocr_pages,
            seconds=seconds,
            review_fingerprint=review.fingerprint,
        )


def _attachment_note(result: DocumentResult) -> str:
    """What the printed e-mail says about an attachment (the log has the full reason)."""
    if result.status is Status.RELEASED and result.output_relpath:
        return f"redacted and released separately as {PurePosixPath(result.output_relpath).name}"
    if result.status is Status.NEEDS_REVIEW:
        return "not processed: withheld for manual review"
    return "could not be processed: withheld"


def flatten(result: DocumentResult) -> list[DocumentResult]:
    """A document followed by its attachments, at every depth."""
    out = [result]
    for child in result.attachments:
        out.extend(flatten(child))
    return out


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
        return DocumentResult(
            task.relpath,
            Status.FAILED,
            f"the worker could not start: {_WORKER_ERROR}",
            output_relpath=task.output_relpath,
        )
    return safe_process(_WORKER, task)


def safe_process(worker: Worker, task: Task) -> DocumentResult:
    """Process one document; an unexpected error fails that document, never the batch."""
    try:
        return worker.process(task)
    except RedactorError as exc:
        return DocumentResult(
            relpath=task.relpath, status=Status.FAILED, reason=str(exc), output_relpath=task.output_relpath
        )
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one broken PDF must not stop the rest
        return DocumentResult(
            relpath=task.relpath,
            status=Status.FAILED,
            reason=f"{task.relpath}: unexpected error {type(exc).__name__}: {exc}; please report it",
            output_relpath=task.output_relpath,
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
        elif path.suffix.lower() in SUPPORTED_SUFFIXES or (path.suffix == "" and emails.looks_like_email(path)):
            supported.append(rel.as_posix())
        else:
            unsupported.append(rel.as_posix())
    return supported, unsupported, hidden


def output_relpaths(documents: Sequence[str]) -> dict[str, str]:
    """Where each document is released: its path with `.pdf`, unless two inputs would share it.

    `mail.eml` beside `mail.pdf` is released as `mail.eml.pdf`, so neither overwrites the other
    (compared case-insensitively, for case-insensitive file systems).
    """
    plain = {rel: str(PurePosixPath(rel).with_suffix(".pdf")) for rel in documents}
    counts: dict[str, int] = {}
    for out in plain.values():
        counts[out.lower()] = counts.get(out.lower(), 0) + 1
    return {
        rel: out if counts[out.lower()] == 1 or PurePosixPath(rel).suffix.lower() == ".pdf" else rel + ".pdf"
        for rel, out in plain.items()
    }


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
    policy = loaded.config.policy
    book = ReviewBook.load(out, policy.exemption, policy.condition)
    documents, unsupported, hidden = discover(inbox)
    summary = BatchSummary()
    total = len(documents) + len(unsupported) + len(hidden)
    not_processed = [
        DocumentResult(
            rel,
            Status.NEEDS_REVIEW,
            "not a supported document type (PDF, .eml, .msg): not processed; review it by hand",
        )
        for rel in unsupported
    ] + [DocumentResult(rel, Status.SKIPPED, "a hidden file: not processed and not released") for rel in hidden]
    for result in not_processed:
        summary.results.append(publish(layout, result, loaded))
        if on_result:
            on_result(result, len(summary.results), total)

    work = Path(tempfile.mkdtemp(prefix=".work-", dir=out))
    try:
        outputs = output_relpaths(documents)
        claimed = {o.lower() for o in outputs.values()}
        tasks = [
            Task(
                source=str((inbox / rel).resolve()),
                relpath=rel,
                work_output=str(work / f"{i:06d}.pdf"),
                output_relpath=outputs[rel],
                review=book.family(rel),
            )
            for i, rel in enumerate(documents)
        ]
        jobs = min(options.jobs or default_jobs(), max(len(tasks), 1))
        for top in _execute(tasks, jobs, loaded, options.requester):
            if top.output_relpath is None and top.relpath in outputs:
                # so that publish removes the right stale copy when a document fails
                top = replace(top, output_relpath=outputs[top.relpath])
            # An e-mail's attachments are documents of their own: each is published and counted.
            family = flatten(_claim_all(top, claimed))
            total += len(family) - 1
            for result in family:
                summary.results.append(publish(layout, result, loaded))
                if on_result:
                    on_result(result, len(summary.results), total)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.results.sort(key=lambda r: r.relpath)
    summary.seconds = time.perf_counter() - started
    remove_stale(layout, summary.results)
    write_batch_files(layout, summary.results, loaded, summary.seconds)
    write_review_files(out, inbox)
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
            output_relpath=crashed.output_relpath,
        )
        pending = [t for t in pending if t.relpath not in finished and t is not crashed]
