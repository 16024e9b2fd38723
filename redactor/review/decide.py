"""Decisions made from the command line or imported from the review page, checked against the last run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from redactor.review.status import FULL_PAGE_EDGE, LoggedDocument, find_item, logged_documents
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
from redactor.types import BBox


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
    whole: bool = False,
    page: int | None = None,
) -> ReviewRecord:
    """One decision, its document and text resolved from the last run's logs."""
    docs = {d.relpath: d for d in logged_documents(out)}
    if document is not None and document not in docs:
        raise ReviewError(f"the last run has no document {document!r} (give its path in the inbox, as the logs do)")
    if exemption is not None and allowed_exemptions is not None and exemption not in allowed_exemptions:
        allowed = ", ".join(allowed_exemptions)
        raise ReviewError(f"--exemption {exemption!r} is not in the exemption library: one of {allowed}")
    if whole or page is not None:
        return _whole_or_page(docs, document, release, whole, page, exemption, reason, reviewer, item_id or text)
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
    if exemption is not None and release:
        raise ReviewError("--exemption is only for --withhold")
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


# A full-page rectangle: apply clips it to the page, so one value fits every page size.
FULL_PAGE: BBox = (0.0, 0.0, FULL_PAGE_EDGE, FULL_PAGE_EDGE)


def _whole_or_page(
    docs: dict[str, LoggedDocument],
    document: str | None,
    release: bool | None,
    whole: bool,
    page: int | None,
    exemption: str | None,
    reason: str,
    reviewer: str,
    other: str | None,
) -> ReviewRecord:
    """Withhold (or release again) a whole document, or withhold one page of it."""
    if document is None or other or (whole and page is not None):
        raise ReviewError("--whole or --page N take one --document, and neither --id nor --text")
    if release is None:
        raise ReviewError("say --withhold (or --release, to release a whole document withheld before)")
    sha = docs[document].sha256
    if whole:
        if not release and not exemption:
            raise ReviewError("withholding a whole document needs --exemption CODE (and a --reason)")
        verdict = Verdict.RELEASE if release else Verdict.WITHHOLD
        return ReviewRecord(
            verdict, Scope.WHOLE, reviewer, now(), document=document, document_sha256=sha,
            exemption=None if release else exemption, reason=reason,
        )  # fmt: skip
    pages = int(docs[document].log.get("document", {}).get("pages") or 0)
    if page is None or page < 1 or (pages and page > pages) or release:
        raise ReviewError(f"--page takes a page of {document} (1 to {pages}) and --withhold")
    return ReviewRecord(
        Verdict.WITHHOLD, Scope.BOX, reviewer, now(), document=document, document_sha256=sha,
        page=page, rect=FULL_PAGE, exemption=exemption, reason=reason,
    )  # fmt: skip


def _split_export(text: str, source: str) -> tuple[list[ReviewRecord], list[dict[str, object]]]:
    """An exported file's decisions, and the public interest tests written on the page beside them."""
    from redactor.respond.public_interest import is_form

    forms: list[dict[str, object]] = []
    lines: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if FORM_MARK in line and line.lstrip().startswith("{"):
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ReviewError(f"{source}, line {n}: not JSON ({exc.msg})") from exc
            if is_form(data):
                forms.append(data)
                continue
        lines.append(line)
    return parse_lines("\n".join(lines), source), forms


FORM_MARK = '"public_interest"'  # the key of a public interest test's line (redactor.respond.public_interest)


def import_decisions(out: Path, path: Path) -> tuple[int, int, int]:
    """Append an exported file's new decisions and store its public interest tests.

    Returns (decisions added, decisions already there, tests stored).
    """
    from redactor.respond.library import library_for
    from redactor.respond.public_interest import record_from_form

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReviewError(f"cannot read {path}: {exc.strerror}") from exc
    incoming, forms = _split_export(text, str(path))
    library = library_for(out) if forms else None
    for form in forms:
        record_from_form(out, form, library)
    existing = set(read_records(out))
    fresh = [r for r in incoming if r not in existing]
    append_records(out, fresh)
    return len(fresh), len(incoming) - len(fresh), len(forms)
