"""What a batch's review stands at: the documents and their logs, the decisions, what is left.

Read from OUT only (the summary, the logs and the decisions file), so that `redact status`
and `redact decide` need neither the inbox nor the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from redactor.config import PolicyConfig
from redactor.review.apply import drawn_id
from redactor.review.store import ReviewBook, ReviewError, ReviewRecord, Scope, Verdict, read_records

FULL_PAGE_EDGE = 100000.0  # a rectangle this wide is a whole page withheld (redactor.review.decide)
# The codes a reviewer may choose besides those in the configuration.
BASE_EXEMPTIONS = ("s40(2)", "s40(1)")


def exemption_codes(policy: PolicyConfig, out: Path | None = None) -> tuple[str, ...]:
    """The policy's codes, s40(2), s40(1), then every code of the exemption library (and OUT's own file)."""
    from redactor.respond.library import library_for, load_library

    library = tuple((library_for(out) if out is not None else load_library()).exemptions)
    return tuple(dict.fromkeys((policy.exemption, policy.requester_exemption, *BASE_EXEMPTIONS, *library)))


@dataclass(frozen=True)
class LoggedDocument:
    """One document of the last run, as its log records it."""

    relpath: str
    status: str
    log_path: Path
    log: dict[str, Any]

    @property
    def sha256(self) -> str:
        return str(self.log.get("document", {}).get("input_sha256") or "")

    @property
    def applied_fingerprint(self) -> str:
        return str((self.log.get("review") or {}).get("fingerprint") or "")

    @property
    def items(self) -> list[dict[str, Any]]:
        """Its redactions and kept items, as logged."""
        return [*self.log.get("redactions", []), *self.log.get("kept", [])]


def logged_documents(out: Path) -> list[LoggedDocument]:
    """The documents the last run accounted for (hidden files left out), from its summary."""
    summary_path = out / "logs" / "summary.json"
    if not summary_path.is_file():
        raise ReviewError(f"{out} holds no finished run (no logs/summary.json): run `redact INBOX {out}` first")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    docs: list[LoggedDocument] = []
    for entry in summary.get("documents", []):
        if entry.get("status") == "skipped":
            continue
        log_path = out / PurePosixPath(entry["log"])
        log = json.loads(log_path.read_text(encoding="utf-8")) if log_path.is_file() else {}
        docs.append(LoggedDocument(entry["input"], entry["status"], log_path, log))
    return docs


def find_item(docs: list[LoggedDocument], item_id: str) -> tuple[LoggedDocument, dict[str, Any]]:
    """The document and logged item a redaction id names."""
    for doc in docs:
        for item in doc.items:
            if item.get("id") == item_id:
                return doc, item
    raise ReviewError(f"no redaction or kept item has the id {item_id!r} in the last run's logs")


@dataclass
class ReviewStatus:
    documents: int = 0
    unreviewed: list[str] = field(default_factory=list)
    unapplied: list[tuple[str, int]] = field(default_factory=list)  # (document, decisions not yet applied)
    orphaned: list[ReviewRecord] = field(default_factory=list)
    unmatched: list[ReviewRecord] = field(default_factory=list)  # about an id the last run did not have

    @property
    def complete(self) -> bool:
        return not (self.unreviewed or self.unapplied or self.orphaned or self.unmatched)


def review_status(out: Path) -> ReviewStatus:
    docs = logged_documents(out)
    records = read_records(out)
    book = ReviewBook.of(records)
    status = ReviewStatus(documents=len(docs))
    known = {d.relpath for d in docs}
    for doc in docs:
        view = book.view(doc.relpath, doc.sha256)
        if not view.reviewed:
            status.unreviewed.append(doc.relpath)
        if view.fingerprint != doc.applied_fingerprint:
            status.unapplied.append((doc.relpath, len(view.decisions)))
        status.orphaned.extend(view.orphaned)
        ids = {str(i.get("id")) for i in doc.items}
        drawn = {drawn_id(doc.sha256, r.page - 1, r.rect) for r in view.decisions if r.rect and r.page}
        status.unmatched.extend(
            r
            for r in view.decisions
            if r.scope is Scope.BOX and r.id and r.rect is None and r.id not in ids and r.id not in drawn
        )
    # A decision about a document the last run did not have is orphaned too.
    status.orphaned.extend(r for r in records if r.document and r.document not in known and r.scope is not Scope.BUNDLE)
    return status


def describe(record: ReviewRecord) -> str:
    what = record.id or (f"text {record.text!r}" if record.text else f"a box on page {record.page}")
    if record.scope is Scope.WHOLE:
        what = "the whole document"
    elif record.rect is not None and record.rect[2] >= FULL_PAGE_EDGE:
        what = f"page {record.page}"
    if record.exemption and record.decision is Verdict.WITHHOLD:
        what += f" under {record.exemption}"
    verb = "reviewed" if record.decision is Verdict.REVIEWED else record.decision.value
    return f"{record.document or 'bundle'}: {verb} {what} by {record.reviewer} at {record.time}"
