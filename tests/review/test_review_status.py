"""Review status and schedule, from a batch's logs (no model needed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from redactor.cli import main
from redactor.review.schedule import COLUMNS, write_schedule
from redactor.review.status import review_status
from redactor.review.store import ReviewRecord, Scope, Verdict, append_records

SHA = "c" * 64


def item(id_: str, text: str, decision: str, origin: str = "proposed", reviewer: str | None = None) -> dict[str, Any]:
    return {
        "id": id_, "page": 1, "rects": [[1, 2, 3, 4]], "entity_type": "PERSON", "text": text, "score": 0.7,
        "recognizer": "R", "explanation": "e", "decision": decision,
        "exemption": "s40(2)" if decision == "redact" else None, "condition": None, "category": "Names",
        "reason": "why", "origin": origin, "reviewer": reviewer, "review_reason": None,
    }  # fmt: skip


def batch(tmp_path: Path, fingerprint: str | None = None) -> Path:
    out = tmp_path / "out"
    (out / "logs").mkdir(parents=True)
    log = {
        "document": {"input": "a.pdf", "input_sha256": SHA},
        "status": "released",
        "redactions": [item("p1-aaa", "Olwen Tregarth", "redact"), item("p1-ccc", "Bryn Moelfre", "redact")],
        "kept": [item("p1-bbb", "Ifan Llwyd", "keep", "changed", "A. Reviewer"), item("p1-ddd", "Cardiff", "keep")],
        "review": {"fingerprint": fingerprint},
    }
    (out / "logs" / "a.pdf.json").write_text(json.dumps(log), encoding="utf-8")
    summary = {"documents": [{"input": "a.pdf", "status": "released", "log": "logs/a.pdf.json"}]}
    (out / "logs" / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return out


def rec(decision: Verdict, **kw: Any) -> ReviewRecord:
    kw.setdefault("document", "a.pdf")
    kw.setdefault("document_sha256", SHA)
    return ReviewRecord(decision, kw.pop("scope", Scope.BOX), "A. Reviewer", "2026-02-03T04:05:06+00:00", **kw)


def test_status_lists_unreviewed_unapplied_orphaned_and_unmatched(tmp_path: Path) -> None:
    out = batch(tmp_path)
    status = review_status(out)
    assert status.unreviewed == ["a.pdf"] and not status.unapplied and not status.complete
    append_records(
        out,
        [
            rec(Verdict.RELEASE, id="p1-bbb"),
            rec(Verdict.RELEASE, id="p1-zzz"),  # no such item
            rec(Verdict.WITHHOLD, scope=Scope.DOCUMENT, text="Cardiff", document_sha256="d" * 64),  # older input
            rec(Verdict.REVIEWED, scope=Scope.DOCUMENT),
            rec(Verdict.RELEASE, scope=Scope.DOCUMENT, document="gone.pdf", text="x"),  # no such document
        ],
    )
    status = review_status(out)
    assert not status.unreviewed and status.unapplied == [("a.pdf", 2)]
    assert [r.id for r in status.unmatched] == ["p1-zzz"]
    assert {r.document for r in status.orphaned} == {"a.pdf", "gone.pdf"}
    result = CliRunner().invoke(main, ["status", str(out)])
    assert result.exit_code == 5 and "Orphaned" in result.output and "p1-zzz" in result.output


def test_status_is_complete_once_reviewed_and_applied(tmp_path: Path) -> None:
    from redactor.review.store import ReviewBook

    decision = rec(Verdict.RELEASE, id="p1-bbb")
    fingerprint = ReviewBook.of([decision]).view("a.pdf", SHA).fingerprint
    out = batch(tmp_path, fingerprint)
    append_records(out, [decision, rec(Verdict.REVIEWED, scope=Scope.DOCUMENT)])
    assert review_status(out).complete
    assert CliRunner().invoke(main, ["status", str(out)]).exit_code == 0
    append_records(out, [rec(Verdict.WITHHOLD, id="p1-bbb")])  # a new decision: not applied yet
    assert CliRunner().invoke(main, ["status", str(out)]).exit_code == 5


def test_schedule_is_excel_friendly_and_lists_what_was_decided(tmp_path: Path) -> None:
    out = batch(tmp_path)
    append_records(out, [rec(Verdict.RELEASE, id="p1-bbb", reason="public role")])
    raw = write_schedule(out).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == COLUMNS and "INTERNAL" in rows[0][-1]
    body = {r[2]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    assert set(body) == {"p1-aaa", "p1-bbb", "p1-ccc"}  # the tool's own kept item is not a decision
    assert body["p1-bbb"]["decision"] == "released" and body["p1-bbb"]["who"] == "A. Reviewer"
    assert body["p1-bbb"]["when"] == "2026-02-03T04:05:06+00:00"
    assert body["p1-aaa"]["decision"] == "withheld" and body["p1-aaa"]["when"] == ""
    assert body["p1-aaa"]["text (INTERNAL - NOT FOR RELEASE)"] == "Olwen Tregarth"
