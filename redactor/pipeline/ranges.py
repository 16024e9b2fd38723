"""Every core on one big PDF: detect by page range in parallel, decide over the whole, apply by range, join.

A long document is cut into ranges of `range_pages` pages. Each range is read and searched in a
worker (phase 1: texts and findings come back, not the glyph boxes); the decisions are made here
over the whole document's findings, so that a name found on page 400 is redacted on page 3
(phase 2); each range is then redacted and checked in a worker with the whole document's
decisions (phase 3: the redacted pages come back as a small PDF); the parts are joined and the
joined file gets the document-wide checks (phase 4). Phase 1 leaves each range's cut and its
pages as read (glyph boxes included) in a private folder on disk, so that phase 3 neither cuts
nor reads (nor OCRs) the range again. A worker holds one range at a time, so its
memory does not grow with the document; the same standard functions (`ingest.load`,
`Detector.detect`, `Policy.decide`, `apply.redact_pdf`, `verify_output`) do the work, on a copy
of the range's pages, so the redactions are the ones the whole document would get.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import re
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

import pymupdf

from redactor.apply import redact as apply
from redactor.apply.sanitise import sanitise
from redactor.decide.policy import Policy, line_rects
from redactor.errors import DocumentError, RedactorError
from redactor.ingest import pdf as ingest
from redactor.pipeline.executors import _init_worker, crashed
from redactor.pipeline.limits import Limits
from redactor.pipeline.recipe import RunContext, Task, worker_for
from redactor.review.apply import apply_review
from redactor.types import CheckFinding, Decision, Document, DocumentResult, Finding, PageText, Severity, Status
from redactor.verify.checks import own_structure, verify_output

# Pages per range: small enough that a worker's memory stays flat, large enough that the
# per-range fixed cost (cutting the range out, opening it twice) stays small.
RANGE_PAGES = 50
_PAGE_MESSAGE = re.compile(r"^page (\d+)")


@dataclass(frozen=True)
class Scanned:
    """Phase 1 of one range: its pages' texts (no glyph boxes) and findings, in document numbering."""

    start: int
    pages: tuple[PageText, ...]
    findings: tuple[Finding, ...]
    problems: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Applied:
    """Phase 3 of one range: the redacted pages as a PDF, their decisions with boxes, their checks."""

    start: int
    data: bytes
    decisions: tuple[Decision, ...]
    checks: tuple[CheckFinding, ...]


def ranges(pages: int, size: int) -> list[tuple[int, int]]:
    """[start, stop) page ranges of at most `size` pages covering `pages` pages."""
    size = max(size, 1)
    return [(start, min(start + size, pages)) for start in range(0, pages, size)]


def page_count(path: Path) -> int:
    """Pages of a PDF, or 0 when it cannot be opened here (the normal path then reports why)."""
    try:
        with pymupdf.open(path) as doc:
            return int(doc.page_count) if doc.is_pdf and not doc.needs_pass else 0
    except Exception:  # noqa: BLE001 - any failure is reported by the normal per-document path
        return 0


def _cut(source: str, start: int, stop: int, folder: Path) -> Path:
    """The pages [start, stop) of `source` as a PDF of their own (nothing else of the file is copied)."""
    path = folder / f"range-{start}.pdf"
    with pymupdf.open(source) as doc:
        doc.select(list(range(start, stop)))
        # Compacted: the range keeps the whole file's object numbering otherwise, and every
        # later pass over its objects (sanitising) would visit the whole file's numbers.
        doc.save(path, garbage=2)
    return path


def _renumber(message: str, start: int) -> str:
    return _PAGE_MESSAGE.sub(lambda m: f"page {int(m.group(1)) + start}", message)


def _kept(folder: str, start: int) -> tuple[Path, Path]:
    """Where phase 1 leaves a range's cut and its read pages (glyph boxes included) for phase 3."""
    return Path(folder) / f"range-{start}.pdf", Path(folder) / f"range-{start}.pages"


def scan_range(context: RunContext, task: Task, start: int, stop: int, keep: str = "") -> Scanned:
    """Phase 1 (in a worker): read and search one range.

    With `keep` (a private folder of this document's run), the cut and the pages as read are
    left there, so that phase 3 neither cuts nor reads (nor OCRs) the range a second time.
    """
    worker = worker_for(context)
    with tempfile.TemporaryDirectory(prefix="redactor-range-") as tmp:
        part = _cut(task.source, start, stop, Path(keep or tmp))
        document, problems = ingest.load(part, task.relpath, ocr_cfg=context.loaded.config.ocr)
        if keep and not problems:
            _kept(keep, start)[1].write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
        findings = worker.detector.detect(document) if not problems else []
    return Scanned(
        start=start,
        pages=tuple(
            replace(p, number=p.number + start, boxes=(None,) * len(p.text), lines=(-1,) * len(p.text))
            for p in document.pages
        ),
        findings=tuple(replace(f, page=f.page + start) for f in findings),
        problems=tuple(_renumber(p, start) for p in problems),
        warnings=tuple(_renumber(w, start) for w in document.warnings),
    )


def apply_range(
    context: RunContext, task: Task, start: int, stop: int, decisions: Sequence[Decision], keep: str = ""
) -> Applied:
    """Phase 3 (in a worker): redact and check one range with the whole document's decisions."""
    with tempfile.TemporaryDirectory(prefix="redactor-range-") as tmp:
        ocr_cfg = context.loaded.config.ocr
        part, pages = _kept(keep, start) if keep else (Path(), Path())
        if keep and part.is_file() and pages.is_file():
            document = pickle.loads(pages.read_bytes())  # our own file, in a folder only we use
        else:
            part = _cut(task.source, start, stop, Path(tmp))
            document, _ = ingest.load(part, task.relpath, ocr_cfg=ocr_cfg)
        mine: list[Decision] = []
        for d in decisions:
            if start <= d.finding.page < stop:
                finding = replace(d.finding, page=d.finding.page - start)
                rects = line_rects(document.pages[finding.page], finding.start, finding.end)
                mine.append(replace(d, finding=finding, rects=rects))
        out = Path(tmp) / "redacted.pdf"
        apply.redact_pdf(part, document, mine, out, context.loaded.config.redaction, ocr_cfg=ocr_cfg)
        # Every value redacted anywhere in the document must be absent from these pages too (in
        # the same order for every range, so a worker compiles the search once).
        checks = verify_output(out, decisions)
        return Applied(
            start=start,
            data=out.read_bytes(),
            decisions=tuple(replace(d, finding=replace(d.finding, page=d.finding.page + start)) for d in mine),
            checks=tuple(c if c.page is None else replace(c, page=c.page + start) for c in checks),
        )


def join(parts: Sequence[bytes], out_path: Path) -> list[CheckFinding]:
    """Write the redacted ranges as one PDF, and run the document-wide checks on it."""
    joined = pymupdf.open()
    try:
        for data in parts:
            with pymupdf.open(stream=data, filetype="pdf") as part:
                joined.insert_pdf(part)
        sanitise(joined)
        joined.save(out_path, garbage=4, deflate=True, clean=True, encryption=pymupdf.PDF_ENCRYPT_NONE)
    finally:
        joined.close()
    data = out_path.read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return list(own_structure(doc, data))


class RangeExecutor:
    """Runs each long PDF over a pool of `jobs` worker processes, one page range per task.

    A crash in a worker fails that document (the ranges of one document cannot be told apart);
    the time and memory limits apply per range task and per worker process.
    """

    def __init__(self, jobs: int, limits: Limits | None = None, range_pages: int = RANGE_PAGES) -> None:
        self.jobs = max(jobs, 1)
        self.limits = limits or Limits()
        self.range_pages = range_pages

    def run(self, context: RunContext, tasks: Sequence[Task]) -> Iterator[DocumentResult]:
        for task in tasks:
            yield self.process(context, task)

    def process(self, context: RunContext, task: Task) -> DocumentResult:
        mp = multiprocessing.get_context()
        started = mp.SimpleQueue()
        pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=mp, initializer=_init_worker, initargs=(started, self.limits.memory_mb)
        )
        clean = True
        try:
            return self._process(context, task, pool)
        except BrokenProcessPool:
            return crashed(task)
        except TimeoutError:
            clean = False
            return _failed(task, f"a page range took longer than the time limit ({self.limits.seconds:g} s)")
        except RedactorError as exc:
            return _failed(task, str(exc))
        except MemoryError:
            return _failed(task, "a page range needed more memory than a worker may use (--memory-limit)")
        except Exception as exc:  # noqa: BLE001 - the batch boundary, as in recipe.safe_process
            return _failed(task, f"unexpected error {type(exc).__name__}: {exc}; please report it")
        finally:
            if not clean:  # a range is stuck: its worker must not outlive the document
                for process in list(pool._processes.values()):
                    process.kill()
            pool.shutdown(wait=clean, cancel_futures=True)
            started.close()

    def _process(self, context: RunContext, task: Task, pool: ProcessPoolExecutor) -> DocumentResult:
        pages = page_count(Path(task.source))
        # Private (0700); removed below, even while a killed worker may still be writing to it.
        keep = tempfile.TemporaryDirectory(prefix="redactor-ranges-", ignore_cleanup_errors=True)
        try:
            return self._phases(context, task, pool, pages, keep.name)
        finally:
            keep.cleanup()

    def _phases(
        self, context: RunContext, task: Task, pool: ProcessPoolExecutor, pages: int, keep: str
    ) -> DocumentResult:
        clock = time.perf_counter()
        timeout = self.limits.seconds or None
        spans = ranges(pages, self.range_pages)
        scans: list[Future[Scanned]] = [pool.submit(scan_range, context, task, a, b, keep) for a, b in spans]
        scanned = [f.result(timeout=timeout) for f in scans]
        seconds = {"detect": round(time.perf_counter() - clock, 4)}
        sha256 = _sha256(Path(task.source))
        document = Document(task.relpath, sha256, tuple(p for s in scanned for p in s.pages))
        problems = [p for s in scanned for p in s.problems]
        warnings = tuple(w for s in scanned for w in s.warnings)
        if problems:
            reason = "; ".join(problems) + "; the document was not released"
            return DocumentResult(
                task.relpath, Status.NEEDS_REVIEW, reason, sha256, pages=pages, warnings=warnings, seconds=seconds
            )
        clock = time.perf_counter()
        findings = [f for s in scanned for f in s.findings]
        review = task.review.view(task.relpath, sha256)
        decisions = apply_review(document, Policy(context.loaded, context.requester).decide(document, findings), review)
        ocr_pages = document.ocr_pages
        del document, scanned  # only the texts were needed, and only for the decisions
        seconds["decide"] = round(time.perf_counter() - clock, 4)
        clock = time.perf_counter()
        applies = [pool.submit(apply_range, context, task, a, b, decisions, keep) for a, b in spans]
        applied = [f.result(timeout=timeout) for f in applies]
        seconds["apply"] = round(time.perf_counter() - clock, 4)
        # In the order the whole document's decisions were made, now with their boxes.
        boxed = {d.id: d for a in applied for d in a.decisions}
        decisions = tuple(boxed.get(d.id, d) for d in decisions)
        clock = time.perf_counter()
        checks = [c for a in applied for c in a.checks]
        checks += join([a.data for a in applied], Path(task.work_output))
        seconds["verify"] = round(time.perf_counter() - clock, 4)
        failed = [c for c in checks if c.severity is Severity.FAIL]
        return DocumentResult(
            relpath=task.relpath,
            status=Status.CHECK_FAILED if failed else Status.RELEASED,
            reason="; ".join(sorted({c.message for c in failed})),
            input_sha256=sha256,
            work_output=task.work_output,
            output_relpath=task.output_relpath,
            pages=pages,
            decisions=decisions,
            checks=tuple(checks),
            warnings=warnings,
            ocr_pages=ocr_pages,
            seconds=seconds,
            review_fingerprint=review.fingerprint,
        )


def split_long(tasks: Sequence[Task], range_pages: int) -> tuple[list[Task], list[Task]]:
    """(documents run whole, PDFs long enough to be cut into ranges: more than two ranges' worth)."""
    if range_pages <= 0:
        return list(tasks), []
    whole: list[Task] = []
    long: list[Task] = []
    for task in tasks:
        is_pdf = Path(task.source).suffix.lower() == ".pdf"
        (long if is_pdf and page_count(Path(task.source)) > 2 * range_pages else whole).append(task)
    return whole, long


def _failed(task: Task, reason: str) -> DocumentResult:
    return DocumentResult(
        task.relpath,
        Status.FAILED,
        f"{task.relpath}: {reason}; it was not released",
        output_relpath=task.output_relpath,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    return digest.hexdigest()


__all__ = ["RANGE_PAGES", "RangeExecutor", "apply_range", "join", "page_count", "ranges", "scan_range", "split_long"]
