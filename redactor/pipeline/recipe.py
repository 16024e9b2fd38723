"""The per-document task: ingest -> detect -> decide -> apply -> verify.

`process_document(context, task)` takes everything it needs as arguments and returns a
`DocumentResult`; it runs the same in this process, in a worker process or on a Dask worker.
The model is loaded lazily, once per process, by `worker_for`. Nothing here writes into the
output folder: the redacted PDF goes to the task's work path, and only the batch publishes.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import pymupdf

from redactor.apply import redact as apply
from redactor.config import LoadedConfig
from redactor.decide.policy import Policy
from redactor.detect.engine import Detector
from redactor.errors import DocumentError, RedactorError
from redactor.ingest import emails
from redactor.ingest import pdf as ingest
from redactor.review.apply import apply_review
from redactor.review.store import ReviewBook, ReviewRecord
from redactor.types import DocumentResult, Severity, Status
from redactor.verify.checks import verify_output

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
    # Printed here from an e-mail or a text file: its text layer is the text that was drawn, so
    # it is not compared with OCR of the page (Tesseract reads English and Welsh only, and would
    # disagree with a Russian or Japanese printout that is sound).
    printout: bool = False


@dataclass(frozen=True)
class RunContext:
    """What every task of a run shares: the validated configuration and the requester's names."""

    loaded: LoadedConfig
    requester: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.loaded.sha256, self.requester)


class Worker:
    """What a process needs to handle documents: the loaded model and the compiled policy."""

    def __init__(self, loaded: LoadedConfig, requester: Sequence[str]) -> None:
        self.loaded = loaded
        self.detector = Detector(loaded)
        self.policy = Policy(loaded, requester)
        ocr = loaded.config.ocr
        self.printout_ocr = ocr.model_copy(update={"text_check": ocr.text_check.model_copy(update={"enabled": False})})

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
            whole = task.review.view(task.relpath, sha256).withheld_whole if sha256 else None
            if whole is not None:  # nothing of a withheld e-mail is released: its attachments neither
                children = _withheld_attachments(task, message, whole)
            else:
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
        result = self.process_pdf(replace(task, source=str(rendered), input_sha256=sha256, printout=True))
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
        task = _attachment_task(parent, n, att)
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
        if kind == "signature" and not att.note:
            return outcome(
                Status.SKIPPED,
                f"{what}: a digital signature of the e-mail, with no readable content; it identifies its "
                "signer and would not verify once the e-mail is redacted: not released",
            )
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
            elif kind == "text":
                source = Path(task.work_output).with_suffix(".src.pdf")
                _, warning = emails.render_text_attachment(att, source, what)
                sha = ingest.sha256_bytes(att.data)
                result = self.process_pdf(replace(task, source=str(source), input_sha256=sha, printout=True))
                result = replace(result, warnings=(warning, *result.warnings) if warning else result.warnings)
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
            ocr_cfg = self.printout_ocr if task.printout else self.loaded.config.ocr
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
            review = task.review.view(task.relpath, document.sha256)
            whole = review.withheld_whole
            if whole is not None:  # a decision, not a failure: nothing of it is released
                return _withheld(task, document.sha256, len(document.pages), whole, review.fingerprint)
            findings = self.detector.detect(document)
            t = lap("detect", t)
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


def _attachment_task(parent: Task, n: int, att: emails.Attachment) -> Task:
    slug = "".join(c if c.isalnum() or c in "._-" else "_" for c in att.name)[:80]
    return Task(
        source="",
        relpath=f"{parent.relpath}#attachment-{n}-{slug}",
        work_output=str(Path(parent.work_output).with_suffix(f".a{n}.pdf")),
        # The released name does not repeat the attachment's own name, which may be personal data.
        output_relpath=str(PurePosixPath(parent.output_relpath).with_suffix(f".attachment-{n}.pdf")),
        review=parent.review,
    )


def _page_count(att: emails.Attachment) -> int:
    if att.kind != "pdf" or not att.data:
        return 0
    try:
        with pymupdf.open(stream=att.data, filetype="pdf") as doc:
            return int(doc.page_count)
    except (RuntimeError, ValueError):
        return 0  # unreadable: it is withheld all the same


def _withheld_attachments(parent: Task, message: emails.Email, record: ReviewRecord) -> tuple[DocumentResult, ...]:
    """The attachments of an e-mail withheld in full, at every depth: withheld with it, under its exemption."""
    children = []
    for n, att in enumerate(message.attachments, start=1):
        task = _attachment_task(parent, n, att)
        nested = _withheld_attachments(task, att.message, record) if att.message is not None else ()
        why = f"withheld in full with the e-mail it is attached to ({parent.relpath})"
        result = _withheld(
            task, ingest.sha256_bytes(att.data) if att.data else "", _page_count(att), record, "", why=why
        )
        children.append(replace(result, attachment_name=att.name, attachments=nested))
    return tuple(children)


def _withheld(
    task: Task, sha256: str, pages: int, record: ReviewRecord, fingerprint: str, why: str = "withheld in full"
) -> DocumentResult:
    """A document the reviewer withheld in full under an exemption: logged, listed, never released."""
    because = f": {record.reason}" if record.reason else ""
    return DocumentResult(
        relpath=task.relpath,
        status=Status.WITHHELD,
        reason=f"{why} under {record.exemption} by {record.reviewer}{because}",
        input_sha256=sha256,
        output_relpath=task.output_relpath,
        pages=pages,
        review_fingerprint=fingerprint,
        withheld={
            "exemption": record.exemption or "",
            "reason": record.reason,
            "reviewer": record.reviewer,
            "time": record.time,
        },
    )


def _attachment_note(result: DocumentResult) -> str:
    """What the printed e-mail says about an attachment (the log has the full reason)."""
    if result.status is Status.RELEASED and result.output_relpath:
        return f"redacted and released separately as {PurePosixPath(result.output_relpath).name}"
    if result.status is Status.NEEDS_REVIEW:
        return "not processed: withheld for manual review"
    if result.status is Status.WITHHELD:
        return "withheld in full"
    if result.status is Status.SKIPPED:
        return "a digital signature: not released"
    return "could not be processed: withheld"


def flatten(result: DocumentResult) -> list[DocumentResult]:
    """A document followed by its attachments, at every depth."""
    out = [result]
    for child in result.attachments:
        out.extend(flatten(child))
    return out


_WORKERS: dict[tuple[str, tuple[str, ...]], Worker] = {}


def worker_for(context: RunContext) -> Worker:
    """The worker of this process for this run's configuration, loading the model on first use."""
    worker = _WORKERS.get(context.key)
    if worker is None:
        worker = _WORKERS[context.key] = Worker(context.loaded, context.requester)
        # The model, the recognizers and the word lists live as long as the process: the cycle
        # collector need not walk their objects again in every full collection (about a sixth
        # of the CPU time on short documents), and forked children do not copy their pages.
        gc.freeze()
    return worker


def process_document(context: RunContext, task: Task) -> DocumentResult:
    """The whole per-document task; an error fails this document, never the batch."""
    try:
        worker = worker_for(context)
    except RedactorError as exc:
        return DocumentResult(
            task.relpath, Status.FAILED, f"the worker could not start: {exc}", output_relpath=task.output_relpath
        )
    return safe_process(worker, task)


def safe_process(worker: Worker, task: Task) -> DocumentResult:
    """Process one document; an unexpected error fails that document, never the batch."""
    try:
        return worker.process(task)
    except RedactorError as exc:
        return DocumentResult(
            relpath=task.relpath, status=Status.FAILED, reason=str(exc), output_relpath=task.output_relpath
        )
    except pymupdf.mupdf.FzErrorBase as exc:
        # MuPDF gave up on something in the file: a damaged or unusual PDF, not a fault of ours.
        return DocumentResult(
            relpath=task.relpath,
            status=Status.FAILED,
            reason=f"{task.relpath}: the PDF library cannot process this file ({exc}); it may be damaged. "
            "It was not released: repair it (for example by printing it to a new PDF) and run again",
            output_relpath=task.output_relpath,
        )
    except MemoryError:
        return DocumentResult(
            relpath=task.relpath,
            status=Status.FAILED,
            reason=f"{task.relpath}: needed more memory than a worker may use (--memory-limit); it was not "
            "released. A damaged or hostile file can claim impossible sizes; check it, or raise the limit",
            output_relpath=task.output_relpath,
        )
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one broken PDF must not stop the rest
        return DocumentResult(
            relpath=task.relpath,
            status=Status.FAILED,
            reason=f"{task.relpath}: unexpected error {type(exc).__name__}: {exc}; please report it",
            output_relpath=task.output_relpath,
        )
