"""The redaction schedule for the case file: `OUT/review/schedule.csv` (UTF-8 with BOM, for Excel).

One row for each redaction and for each item a reviewer released, from the last run's logs,
with who decided and when. It holds the redacted text, so it is internal and says so.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from redactor.publish.outputs import write_atomic
from redactor.review.ids import normalise
from redactor.review.status import logged_documents
from redactor.review.store import ReviewBook, ReviewRecord, Scope, read_records

SCHEDULE_FILE = "schedule.csv"
INBOX_FILE = "run.json"
COLUMNS = (
    "document",
    "page",
    "redaction id",
    "category",
    "exemption",
    "decision",
    "origin",
    "who",
    "when",
    "reason",
    "text (INTERNAL - NOT FOR RELEASE)",
)


def _when(records: tuple[ReviewRecord, ...], item: dict[str, object]) -> str:
    """The time of the last decision about the item (by id, or about its text)."""
    key = normalise(str(item.get("text") or ""))
    found = ""
    for r in records:
        by_id = r.scope is Scope.BOX and r.id == item.get("id")
        by_text = r.scope is not Scope.BOX and r.key == key
        drawn = r.rect is not None and item.get("rects") == [[round(v, 2) for v in r.rect]]
        if by_id or by_text or drawn:
            found = r.time
    return found


def schedule_rows(out: Path) -> list[list[str]]:
    book = ReviewBook.of(read_records(out))
    rows: list[list[str]] = []
    for doc in logged_documents(out):
        view = book.view(doc.relpath, doc.sha256)
        for item in doc.items:
            redacted = item.get("decision") == "redact"
            origin = str(item.get("origin") or "proposed")
            if not redacted and origin == "proposed":
                continue  # kept by the tool and never looked at: not a decision for the schedule
            rows.append(
                [
                    doc.relpath,
                    str(item.get("page", "")),
                    str(item.get("id", "")),
                    str(item.get("category", "")),
                    str(item.get("exemption") or ""),
                    "withheld" if redacted else "released",
                    origin,
                    str(item.get("reviewer") or ("redactor (not reviewed)" if origin == "proposed" else "")),
                    _when(view.records, item) if origin != "proposed" else "",
                    str(item.get("reason", "")),
                    str(item.get("text", "")),
                ]
            )
    rows.sort(key=lambda r: (r[0], int(r[1] or 0), r[2]))
    return rows


def write_schedule(out: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(schedule_rows(out))
    path = out / "review" / SCHEDULE_FILE
    write_atomic(path, "\ufeff" + buffer.getvalue())
    return path


def write_review_files(out: Path, inbox: Path) -> None:
    """After a run: the schedule, and where the inbox is (the review page renders the originals)."""
    write_atomic(out / "review" / INBOX_FILE, json.dumps({"inbox": str(inbox.resolve())}) + "\n")
    write_schedule(out)


def recorded_inbox(out: Path) -> Path | None:
    path = out / "review" / INBOX_FILE
    if not path.is_file():
        return None
    return Path(json.loads(path.read_text(encoding="utf-8"))["inbox"])
