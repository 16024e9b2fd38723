"""The review page: `OUT/review/index.html`, one self-contained file.

Each document's pages are rendered from the originals in the inbox (e-mails printed again as
the run printed them), embedded as images, with the words of the text layer laid over them
(invisible, selectable) and the proposals and kept items from the logs. No network: the
script and the style are inlined. From file:// the page exports a decisions file; served by
`redact review --serve` it saves each decision as it is made.
"""

from __future__ import annotations

import base64
import json
import tempfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import Any

import pymupdf

from redactor.config import LoadedConfig
from redactor.errors import DocumentError, RedactorError
from redactor.ingest import emails
from redactor.ingest.pdf import TEXT_FLAGS, sha256_bytes
from redactor.publish.outputs import write_atomic
from redactor.respond.facts import read_facts
from redactor.respond.library import library_for
from redactor.respond.public_interest import PARTS, read_public_interest
from redactor.review.schedule import recorded_inbox
from redactor.review.status import FULL_PAGE_EDGE, LoggedDocument, exemption_codes, logged_documents
from redactor.review.store import ReviewBook, ReviewError, read_records

PAGE_FILE = "index.html"
ZOOM = 1.5  # 108 dpi: small print stays legible, a 500-page bundle stays a manageable file
JPEG_QUALITY = 70


@dataclass(frozen=True)
class Source:
    """The PDF a document's pages are rendered from, or why there is none."""

    data: bytes | None
    note: str = ""


def _email_notes(log: dict[str, Any]) -> list[str]:
    """What the run's printout said about each attachment (the pipeline's wording)."""
    notes = []
    for att in log.get("attachments", []):
        if att.get("status") == "released" and att.get("output"):
            notes.append(f"redacted and released separately as {PurePosixPath(att['output']).name}")
        elif att.get("status") == "withheld":
            notes.append("withheld in full")
        elif att.get("status") == "needs_review":
            notes.append("not processed: withheld for manual review")
        else:
            notes.append("could not be processed: withheld")
    return notes


def _source(doc: LoggedDocument, inbox: Path | None) -> Source:
    if "#" in doc.relpath:
        return Source(None, "an attachment: its pages are not shown here; open the released copy or the e-mail")
    if inbox is None:
        return Source(None, "the inbox is unknown: run `redact review OUT --inbox INBOX`")
    path = inbox if inbox.is_file() else inbox.joinpath(*PurePosixPath(doc.relpath).parts)
    try:
        data = path.read_bytes()
    except OSError:
        return Source(None, f"the original is not at {path}")
    if doc.sha256 and sha256_bytes(data) != doc.sha256:
        return Source(None, "the original has changed since the last run: run `redact INBOX OUT` again")
    if not emails.is_email_path(path):
        return Source(data)
    try:
        message = emails.load_email(data, doc.relpath)
        with tempfile.TemporaryDirectory() as tmp:
            printed = Path(tmp) / "printed.pdf"
            emails.render_pdf(message, printed, _email_notes(doc.log), doc.relpath)
            return Source(printed.read_bytes())
    except DocumentError as exc:
        return Source(None, f"the e-mail could not be printed again ({exc})")


def _pages(data: bytes) -> list[dict[str, Any]]:
    """Each page as an embedded image, with its words (PDF coordinates) for selecting text."""
    out: list[dict[str, Any]] = []
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        for page in doc:
            pix = page.get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
            image = base64.b64encode(pix.tobytes("jpg", jpg_quality=JPEG_QUALITY)).decode("ascii")
            words = [[round(w[0], 1), round(w[1], 1), round(w[2], 1), round(w[3], 1), w[4]]
                     for w in page.get_text("words", flags=TEXT_FLAGS)]  # fmt: skip
            out.append(
                {
                    "width": round(page.rect.width, 2),
                    "height": round(page.rect.height, 2),
                    "image": "data:image/jpeg;base64," + image,
                    "words": words,
                }
            )
    finally:
        doc.close()
    return out


def _item(item: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "page", "rects", "entity_type", "text", "score", "recognizer", "explanation", "decision",
            "exemption", "category", "reason", "origin", "reviewer")  # fmt: skip
    return {k: item.get(k) for k in keys}


def page_data(out: Path, inbox: Path | None, loaded: LoadedConfig, reviewer: str) -> dict[str, Any]:
    records = read_records(out)
    book = ReviewBook.of(records)
    documents = []
    for doc in logged_documents(out):
        source = _source(doc, inbox)
        try:
            pages = _pages(source.data) if source.data is not None else []
            note = source.note
        except (RuntimeError, ValueError) as exc:
            pages, note = [], f"the pages could not be rendered ({exc})"
        view = book.view(doc.relpath, doc.sha256)
        documents.append(
            {
                "relpath": doc.relpath,
                "sha256": doc.sha256,
                "status": doc.status,
                "reason": doc.log.get("reason"),
                "reviewed": view.reviewed,
                "note": note,
                "pages": pages,
                "page_count": int(doc.log.get("document", {}).get("pages") or len(pages)),
                "items": sorted((_item(i) for i in doc.items), key=lambda i: (i.get("score") or 0, i.get("page") or 0)),
            }
        )
    return {
        "documents": documents,
        "records": [r.as_json() for r in records],
        "exemptions": list(exemption_codes(loaded.config.policy, out)),
        "full_page_edge": FULL_PAGE_EDGE,
        **public_interest_data(out),
        "default_exemption": loaded.config.policy.exemption,
        "reviewer": reviewer,
    }


def public_interest_data(out: Path) -> dict[str, Any]:
    """What the page needs to write the public interest tests.

    Each qualified exemption's name and neutral prompts, the test already recorded (to edit),
    and the exemptions the last run relied on.
    """
    library = library_for(out)
    recorded = read_public_interest(out, library)
    qualified: dict[str, Any] = {}
    for code, exemption in library.exemptions.items():
        if not exemption.qualified:
            continue
        prompts = library.prompts_for(code)
        record = recorded.get(code)
        qualified[code] = {
            "title": f"{exemption.reference}: {exemption.name}",
            "qualified_person": exemption.qualified_person,
            "prompts": {part: list(getattr(prompts, part)) for part in PARTS},
            "record": None
            if record is None
            else {
                **{part: getattr(record, part) for part in PARTS},
                "qualified_person": record.opinion.person if record.opinion else "",
                "opinion_date": record.opinion.given_on.isoformat() if record.opinion else "",
            },
        }
    try:
        used = list(read_facts(out).exemptions)
    except RedactorError:
        used = []  # the summary cannot be read: the page still opens, decisions add the codes
    return {"qualified": qualified, "used_exemptions": used}


def _asset(name: str) -> str:
    return files("redactor.review").joinpath("assets", name).read_text(encoding="utf-8")


def render_page(data: dict[str, Any]) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")  # no early end of the script
    template = _asset("review.html")
    return (
        template.replace("/*STYLE*/", _asset("review.css"))
        .replace("/*DATA*/", payload)
        .replace("/*SCRIPT*/", _asset("review.js"))
    )


def write_page(out: Path, inbox: Path | None, loaded: LoadedConfig, reviewer: str) -> Path:
    """Write OUT/review/index.html for the last run in OUT; returns its path.

    One page for both uses: it finds out in the browser whether it is served.
    """
    inbox = inbox or recorded_inbox(out)
    if inbox is not None and not inbox.exists():
        raise ReviewError(f"the inbox {inbox} is not there: give it with --inbox")
    path = out / "review" / PAGE_FILE
    write_atomic(path, render_page(page_data(out, inbox, loaded, reviewer)))
    return path
