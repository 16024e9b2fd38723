"""Evaluate: run the real pipeline over labelled documents and measure both directions.

Three figures, all read from what a requester would receive:
- recall: the share of distinct labelled personal strings of a document that are no longer
  readable in its released PDF (text layer, and OCR of any image on the page);
- kept: the share of distinct labelled non-personal strings (organisations, places, roles,
  references, citations, published contact details) still readable;
- boxes: every redaction box in the justification logs, by what its text covers: labelled
  personal data, labelled non-personal text, or text with no label.
Readable means the rule of `matching`: whole word, case and whitespace ignored. Only labels
readable in the original are scored (an e-mail's original is the tool's own printout of it,
where a long address may be broken over two lines); the others are listed as unscorable.
Attachments are not scored.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from redactor.config import OcrConfig
from redactor.errors import DocumentError
from redactor.evaluate.labels import LabelledItem
from redactor.evaluate.matching import fold, overlaps, readable
from redactor.evaluate.sets import LabelledDocument, LabelledSet
from redactor.ingest import emails
from redactor.ingest.ocr import OcrUnavailableError, ocr_page
from redactor.pipeline import BatchSummary, RunOptions, run_batch
from redactor.publish.outputs import Layout
from redactor.types import DocumentResult, Status

# Groups named by the targets: identifiers, names, home addresses. Both label formats' names.
GROUPS = {
    "structured": (
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "UK_NINO",
        "UK_NHS",
        "UK_POSTCODE",
        "DATE_OF_BIRTH",
        "UK_PASSPORT",
        "UK_DRIVING_LICENCE",
        "UK_VEHICLE_REGISTRATION",
        "EMAIL",
        "PHONE",
        "POSTCODE",
        "OTHER_ID",
    ),
    "names": ("PERSON",),
    "addresses": ("STREET_ADDRESS", "ADDRESS"),
}
BOX_KINDS = ("personal", "non_personal", "unlabelled")


@dataclass
class Tally:
    total: int = 0
    hit: int = 0  # personal: gone from the output; non-personal: still readable

    @property
    def share(self) -> float:
        return self.hit / self.total if self.total else 1.0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hit += int(hit)

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "hit": self.hit, "share": round(self.share, 4)}


def _sum(tallies: list[Tally]) -> Tally:
    return Tally(sum(t.total for t in tallies), sum(t.hit for t in tallies))


@dataclass
class EvalReport:
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kept: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    group_recall_by_set: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kept_by_set: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    boxes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BOX_KINDS, 0))
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (document, category, text)
    over_redacted: list[tuple[str, str, str]] = field(default_factory=list)
    stray_boxes: list[tuple[str, str, str]] = field(default_factory=list)  # (document, box kind, text)
    unscorable: list[tuple[str, str, str]] = field(default_factory=list)  # labels not readable in the original
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    notes: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    seconds: float = 0.0

    def overall_recall(self) -> Tally:
        return _sum(list(self.recall.values()))

    def overall_kept(self) -> Tally:
        return _sum(list(self.kept.values()))

    def group_recall(self, group: str) -> Tally:
        return _sum([t for c, t in self.recall.items() if c in GROUPS[group]])

    @property
    def box_count(self) -> int:
        return sum(self.boxes.values())

    def box_share(self, kind: str) -> float:
        """The share of all redaction boxes whose text is of this kind (0 when there are none)."""
        return self.boxes[kind] / self.box_count if self.box_count else 0.0

    def as_dict(self) -> dict[str, Any]:
        def table(tallies: dict[str, Tally]) -> dict[str, Any]:
            return {c: t.as_dict() for c, t in sorted(tallies.items())}

        return {
            "documents": self.documents,
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "recall": table(self.recall),
            "recall_overall": self.overall_recall().as_dict(),
            "recall_groups": {g: self.group_recall(g).as_dict() for g in GROUPS},
            "recall_by_set": table(self.group_recall_by_set),
            "kept": table(self.kept),
            "kept_overall": self.overall_kept().as_dict(),
            "kept_by_set": table(self.kept_by_set),
            "boxes": {
                "total": self.box_count,
                **{kind: {"count": self.boxes[kind], "share": round(self.box_share(kind), 4)} for kind in BOX_KINDS},
            },
            "failed": [{"document": d, "reason": r} for d, r in self.failed],
            "unscorable": [{"document": d, "category": c, "text": t} for d, c, t in self.unscorable],
            "notes": self.notes,
            "missed": [{"document": d, "category": c, "text": t} for d, c, t in self.missed],
            "over_redacted": [{"document": d, "category": c, "text": t} for d, c, t in self.over_redacted],
            "stray_boxes": [{"document": d, "kind": k, "text": t} for d, k, t in self.stray_boxes],
        }


class Reader:
    """Reads a document as a person could: its text layer, and OCR of the pixels of images."""

    def __init__(self, ocr: OcrConfig) -> None:
        self.ocr = ocr
        self.ocr_missing = ""  # why pixels were not read, when Tesseract is not there

    def original_text(self, path: Path) -> str:
        """The folded text of an input document, an e-mail as the tool prints it."""
        if not emails.is_email_path(path):
            return self.text(path)
        with tempfile.TemporaryDirectory(prefix="redactor-eval-") as tmp:
            printed = Path(tmp) / "email.pdf"
            emails.render_pdf(emails.load_email(path.read_bytes(), path.name), printed, name=path.name)
            return self.text(printed)

    def text(self, path: Path) -> str:
        """The folded text of a PDF (see `matching.fold`)."""
        try:
            with pymupdf.open(path) as doc:
                return fold("\n".join(self._page(page) for page in doc))
        except (RuntimeError, ValueError) as exc:
            raise DocumentError(f"{path}: cannot be read back ({exc})") from exc

    def _page(self, page: pymupdf.Page) -> str:
        text: str = page.get_text()
        if page.get_images() and not self.ocr_missing:
            try:
                text += "\n" + ocr_page(page, self.ocr).page.text
            except OcrUnavailableError as exc:
                self.ocr_missing = str(exc)
        return text


def score_document(
    report: EvalReport, doc: LabelledDocument, original_text: str, output_text: str, boxes: list[str]
) -> None:
    """Add one released document's figures to the report."""
    for item in _distinct(doc.labels.personal + doc.labels.non_personal):
        if not readable(item.text, original_text):
            report.unscorable.append((doc.relpath, item.category, item.text))
            continue
        still_there = readable(item.text, output_text)
        if item.personal:
            report.recall[item.category].add(not still_there)
            report.group_recall_by_set[doc.group].add(not still_there)
            if still_there:
                report.missed.append((doc.relpath, item.category, item.text))
        else:
            report.kept[item.category].add(still_there)
            report.kept_by_set[doc.group].add(still_there)
            if not still_there:
                report.over_redacted.append((doc.relpath, item.category, item.text))
    for box in boxes:
        kind = classify_box(box, doc)
        report.boxes[kind] += 1
        if kind != "personal":
            report.stray_boxes.append((doc.relpath, kind, box))


def classify_box(box_text: str, doc: LabelledDocument) -> str:
    """What a redaction box covers: "personal", "non_personal" (labelled to stay) or "unlabelled"."""
    if any(overlaps(box_text, item.text) for item in doc.labels.personal):
        return "personal"
    if any(overlaps(box_text, item.text) for item in doc.labels.non_personal):
        return "non_personal"
    return "unlabelled"


def _distinct(items: tuple[LabelledItem, ...]) -> list[LabelledItem]:
    return list({(i.personal, i.category, i.text): i for i in items}.values())


def box_texts(layout: Layout, relpath: str) -> list[str]:
    """The text under every redaction box of a document, from its justification log."""
    log = json.loads(layout.log_path(relpath).read_text(encoding="utf-8"))
    return [str(record["text"]) for record in log["redactions"]]


def _assemble_inbox(labelled: LabelledSet, inbox: Path) -> None:
    for doc in labelled.documents:
        target = inbox / doc.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(doc.source, target)


def run_on_set(labelled: LabelledSet, out: Path, options: RunOptions) -> BatchSummary:
    """Redact the set's documents into `out` with the real pipeline.

    A set whose documents are not all in one folder at their relative paths (a key's
    "source" files) is copied into a temporary inbox first; the inputs are never modified.
    """
    inbox = labelled.inbox_in_place()
    if inbox is not None:
        return run_batch(inbox, out, options)
    with tempfile.TemporaryDirectory(prefix="redactor-eval-inbox-") as tmp:
        _assemble_inbox(labelled, Path(tmp))
        return run_batch(Path(tmp), out, options)


def evaluate(labelled: LabelledSet, out: Path, options: RunOptions | None = None) -> EvalReport:
    """Redact a labelled set into `out` with the real pipeline and score what was released."""
    summary = run_on_set(labelled, out, options or RunOptions())
    return score_run(labelled, out, summary.results, summary.seconds)


def score_run(labelled: LabelledSet, out: Path, results: list[DocumentResult], seconds: float) -> EvalReport:
    """Score the outputs of a finished run in `out`."""
    report = EvalReport(seconds=seconds)
    layout = Layout(out)
    by_relpath = {r.relpath: r for r in results}
    reader = Reader(OcrConfig())
    for doc in sorted(labelled.documents, key=lambda d: d.relpath):
        result = by_relpath.get(doc.relpath)
        if result is None:
            report.failed.append((doc.relpath, "labelled, but not found in the inbox"))
            continue
        if result.status is not Status.RELEASED or not result.output_relpath:
            report.failed.append((doc.relpath, f"{result.status.value}: {result.reason}"))
            continue
        try:
            original_text = reader.original_text(doc.source)
            output_text = reader.text(layout.released_path(result.output_relpath))
        except DocumentError as exc:
            report.failed.append((doc.relpath, str(exc)))
            continue
        report.documents += 1
        report.pages += result.pages
        score_document(report, doc, original_text, output_text, box_texts(layout, doc.relpath))
    if reader.ocr_missing:
        report.notes.append(f"images were not read (only text layers): {reader.ocr_missing}")
    return report
