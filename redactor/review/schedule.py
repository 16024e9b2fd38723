"""The redaction schedule for the case file: `OUT/review/schedule.csv` (UTF-8 with BOM, for Excel).

One row for each redaction and for each item a reviewer released, from the last run's logs,
with who decided and when. It holds the redacted text, so it is internal and says so.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from redactor.publish.outputs import MARKER, write_atomic
from redactor.review.ids import normalise
from redactor.review.status import logged_documents
from redactor.review.store import ReviewBook, ReviewRecord, Scope, read_records

SCHEDULE_FILE = "schedule.csv"
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
                    str(item.get("text") or item.get("explanation") or ""),
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


def recorded_inbox(out: Path) -> Path | None:
    """The inbox the runs into OUT read, as the output folder's marker records it."""
    try:
        text = (out / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return next((Path(line[len("inbox: ") :]) for line in text.splitlines() if line.startswith("inbox: ")), None)
