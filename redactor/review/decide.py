"""Decisions made from the command line or imported from the review page, checked against the last run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from redactor.review.status import find_item, logged_documents
from redactor.review.store import (
    ReviewError,
    ReviewRecord,
    Scope,
    Verdict,
    append_records,
    now,
    parse_lines,
    read_records,
)


def make_record(
    out: Path,
    *,
    item_id: str | None,
    text: str | None,
    release: bool | None,
    reviewed: bool,
    scope: str | None,
    document: str | None,
    exemption: str | None,
    allowed_exemptions: Sequence[str] | None,
    reason: str,
    reviewer: str,
) -> ReviewRecord:
    """One decision, its document and text resolved from the last run's logs."""
    docs = {d.relpath: d for d in logged_documents(out)}
    if document is not None and document not in docs:
        raise ReviewError(f"the last run has no document {document!r} (give its path in the inbox, as the logs do)")
    if reviewed:
        if document is None or item_id or text or release is not None:
            raise ReviewError("--reviewed marks one --document reviewed and takes no other decision")
        return ReviewRecord(
            Verdict.REVIEWED, Scope.DOCUMENT, reviewer, now(), document=document,
            document_sha256=docs[document].sha256, reason=reason,
        )  # fmt: skip
    if release is None:
        raise ReviewError("say --release or --withhold")
    if (item_id is None) == (text is None):
        raise ReviewError("give either --id or --text")
    if exemption is not None and (release or (allowed_exemptions is not None and exemption not in allowed_exemptions)):
        allowed = ", ".join(allowed_exemptions or ())
        raise ReviewError(f"--exemption {exemption!r}: only for --withhold, and one of: {allowed}")
    if item_id is not None:
        doc, item = find_item(list(docs.values()), item_id)
        if document is not None and document != doc.relpath:
            raise ReviewError(f"{item_id} is in {doc.relpath}, not in {document}")
        document, text = doc.relpath, str(item.get("text") or "")
    chosen = Scope(scope) if scope else Scope.BOX if item_id else Scope.DOCUMENT if document else Scope.BUNDLE
    if chosen is Scope.BOX and item_id is None:
        raise ReviewError("--scope box needs --id (a text may occur more than once: use document or bundle)")
    if chosen is Scope.DOCUMENT and document is None:
        raise ReviewError("--scope document needs --document")
    bundle = chosen is Scope.BUNDLE
    return ReviewRecord(
        decision=Verdict.RELEASE if release else Verdict.WITHHOLD,
        scope=chosen,
        reviewer=reviewer,
        time=now(),
        id=item_id if chosen is Scope.BOX else None,
        text=text if chosen is not Scope.BOX else text or None,
        document=None if bundle else document,
        document_sha256=None if bundle or document is None else docs[document].sha256,
        exemption=exemption,
        reason=reason,
    )


def import_decisions(out: Path, path: Path) -> tuple[int, int]:
    """Append the decisions in an exported file that are not in the decisions file yet."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReviewError(f"cannot read {path}: {exc.strerror}") from exc
    incoming = parse_lines(text, str(path))
    existing = set(read_records(out))
    fresh = [r for r in incoming if r not in existing]
    append_records(out, fresh)
    return len(fresh), len(incoming) - len(fresh)
