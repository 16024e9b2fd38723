"""Evaluate: run the real pipeline over labelled documents and measure both directions.

Recall is the share of labelled personal data that is gone from the released output; "kept"
is the share of labelled non-personal text (organisations, places, roles, references,
citations) that is still readable. Both are measured on the released PDFs themselves, read
back with the same extractor the pipeline uses, so the figures describe what a requester
would actually receive.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redactor.errors import ConfigError, DocumentError
from redactor.evaluate.labels import DocumentLabels, LabelledItem, load_labels
from redactor.ingest import emails
from redactor.ingest.pdf import load
from redactor.pipeline import BatchSummary, RunOptions, run_batch
from redactor.types import Status

# Groups named by the targets: structured identifiers, names, home addresses.
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
    ),
    "names": ("PERSON",),
    "addresses": ("STREET_ADDRESS",),
}


@dataclass
class Tally:
    total: int = 0
    hit: int = 0  # personal: gone from the output; non-personal: still readable

    @property
    def share(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass
class EvalReport:
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kept: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (document, category, text)
    over_redacted: list[tuple[str, str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    documents: int = 0
    pages: int = 0
    seconds: float = 0.0

    def overall_recall(self) -> Tally:
        return Tally(sum(t.total for t in self.recall.values()), sum(t.hit for t in self.recall.values()))

    def overall_kept(self) -> Tally:
        return Tally(sum(t.total for t in self.kept.values()), sum(t.hit for t in self.kept.values()))

    def group_recall(self, group: str) -> Tally:
        cats = GROUPS[group]
        return Tally(
            sum(t.total for c, t in self.recall.items() if c in cats),
            sum(t.hit for c, t in self.recall.items() if c in cats),
        )

    def as_dict(self) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {"total": t.total, "hit": t.hit, "share": round(t.share, 4)}

        return {
            "documents": self.documents,
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "recall": {c: tally(t) for c, t in sorted(self.recall.items())},
            "recall_overall": tally(self.overall_recall()),
            "recall_groups": {g: tally(self.group_recall(g)) for g in GROUPS},
            "kept": {c: tally(t) for c, t in sorted(self.kept.items())},
            "kept_overall": tally(self.overall_kept()),
            "failed": [{"document": d, "reason": r} for d, r in self.failed],
            "missed": [{"document": d, "category": c, "text": t} for d, c, t in self.missed],
            "over_redacted": [{"document": d, "category": c, "text": t} for d, c, t in self.over_redacted],
        }


def _occurrences(text: str, value: str) -> int:
    body = r"\s+".join(map(re.escape, value.split()))
    return len(re.findall(r"(?<!\w)" + body + r"(?!\w)", text))


def _document_text(path: Path) -> str:
    """The text of a PDF, or of an e-mail as the pipeline prints it, as detection reads it."""
    if emails.is_email_path(path):
        with tempfile.TemporaryDirectory(prefix="redactor-eval-") as tmp:
            printed = Path(tmp) / "email.pdf"
            emails.render_pdf(emails.load_email(path.read_bytes(), path.name), printed)
            return _document_text(printed)
    doc, _ = load(path, path.name)
    return " ".join(" ".join(page.text.split()) for page in doc.pages)


def score_document(
    report: EvalReport, relpath: str, labels: DocumentLabels, source_text: str, output_text: str
) -> None:
    """Add one released document's figures to the report."""
    for item in _distinct(labels.personal):
        report.recall[item.category].total += 1
        if _occurrences(output_text, item.text) == 0:
            report.recall[item.category].hit += 1
        else:
            report.missed.append((relpath, item.category, item.text))
    for item in _distinct(labels.non_personal):
        expected = _occurrences(source_text, item.text)
        if expected == 0:
            continue
        found = min(_occurrences(output_text, item.text), expected)
        report.kept[item.category].total += expected
        report.kept[item.category].hit += found
        if found < expected:
            report.over_redacted.append((relpath, item.category, item.text))


def _distinct(items: tuple[LabelledItem, ...]) -> list[LabelledItem]:
    return list({(i.category, i.text): i for i in items}.values())


def evaluate(inbox: Path, labels_path: Path, out: Path, options: RunOptions | None = None) -> EvalReport:
    """Redact `inbox` into `out` with the real pipeline and score the released PDFs."""
    try:
        labels = load_labels(labels_path)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the label file {labels_path}: {exc}") from exc
    summary: BatchSummary = run_batch(inbox, out, options or RunOptions())
    report = EvalReport(seconds=summary.seconds)
    results = {r.relpath: r for r in summary.results}
    for relpath, doc_labels in sorted(labels.items()):
        result = results.get(relpath)
        if result is None:
            report.failed.append((relpath, "labelled, but not found in the inbox"))
            continue
        if result.status is not Status.RELEASED or not result.output_relpath:
            report.failed.append((relpath, f"{result.status.value}: {result.reason}"))
            continue
        report.documents += 1
        report.pages += result.pages
        try:
            source_text = _document_text(inbox / relpath)
            output_text = _document_text(out / "released" / result.output_relpath)
        except DocumentError as exc:
            report.failed.append((relpath, str(exc)))
            continue
        score_document(report, relpath, doc_labels, source_text, output_text)
    return report
