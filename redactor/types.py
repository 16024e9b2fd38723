"""Plain typed objects passed between the pipeline's stages.

Every stage takes and returns these frozen dataclasses, so each can be tested alone and
a document's work can be shipped to another process whole (they all pickle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# x0, y0, x1, y1 in PDF user space as PyMuPDF reports it (origin top-left, y down).
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageText:
    """The text of one page as detection sees it, with the geometry of every character.

    `boxes[i]` is the box of `text[i]`, or None for a separator the extractor added
    (a space between spans, a newline between lines). `lines[i]` identifies the text
    line a character sits on, so that a span running over a line break can be turned
    into one rectangle per line piece.
    """

    number: int  # 0-based page index
    text: str
    boxes: tuple[BBox | None, ...]
    lines: tuple[int, ...]
    width: float
    height: float
    has_images: bool = False
    ocr: bool = False  # the text was read from the page's pixels by OCR, not from a text layer
    ocr_confidence: float | None = None  # Tesseract's mean word confidence (0-100), None if no words

    def __post_init__(self) -> None:
        if not (len(self.text) == len(self.boxes) == len(self.lines)):
            raise ValueError("text, boxes and lines must have one entry per character")


@dataclass(frozen=True)
class Document:
    """An input PDF after ingestion."""

    relpath: str  # POSIX path relative to the inbox, e.g. "letters/a.pdf"
    sha256: str
    pages: tuple[PageText, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ocr_pages(self) -> tuple[tuple[int, float | None], ...]:
        """(1-based page number, OCR confidence) of every page read by OCR, for the log."""
        return tuple((p.number + 1, p.ocr_confidence) for p in self.pages if p.ocr)


@dataclass(frozen=True)
class Finding:
    """Something detection believes is personal data."""

    page: int
    start: int
    end: int
    entity_type: str
    text: str
    score: float
    recognizer: str
    explanation: str


class Action(StrEnum):
    REDACT = "redact"
    KEEP = "keep"


@dataclass(frozen=True)
class Decision:
    """What happens to a finding, and why: the raw material of the justification log."""

    id: str
    finding: Finding
    action: Action
    category: str
    reason: str
    exemption: str | None = None
    condition: str | None = None
    rects: tuple[BBox, ...] = ()
    # What a reviewer did with it: "proposed" (by the tool, not yet reviewed), "confirmed",
    # "changed" (released or withheld against the proposal) or "added" (missed by the tool).
    origin: str = "proposed"
    reviewer: str | None = None
    review_reason: str | None = None
    # Why a reviewer must confirm this proposal (a senior official's name proposed as released).
    flag: str | None = None


class Severity(StrEnum):
    FAIL = "fail"  # the document must not be released
    WARN = "warn"  # released, but the reviewer should look


@dataclass(frozen=True)
class CheckFinding:
    """One problem found by a pre-release check."""

    code: str
    severity: Severity
    message: str
    page: int | None = None  # 0-based, None for document-wide findings


class Status(StrEnum):
    RELEASED = "released"
    FAILED = "failed"
    CHECK_FAILED = "check_failed"
    NEEDS_REVIEW = "needs_review"
    SKIPPED = "skipped"  # a hidden file (".DS_Store") or an e-mail's signature: listed, never released
    WITHHELD = "withheld"  # withheld in full by a reviewer's decision, under an exemption: not released


@dataclass(frozen=True)
class DocumentResult:
    """The outcome of one document's run through the pipeline, before publication."""

    relpath: str
    status: Status
    reason: str = ""
    input_sha256: str = ""
    work_output: str | None = None  # redacted PDF in the work folder, if one was made
    output_relpath: str | None = None  # where it goes under the release folder
    pages: int = 0
    decisions: tuple[Decision, ...] = ()
    checks: tuple[CheckFinding, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)
    ocr_pages: tuple[tuple[int, float | None], ...] = ()  # (1-based page, OCR confidence)
    # An e-mail's attachments, each accounted for as a document of its own (published beside it).
    attachments: tuple[DocumentResult, ...] = ()
    attachment_name: str | None = None  # for an attachment: its file name as sent
    review_fingerprint: str = ""  # of the reviewer's decisions applied to it (redactor.review)
    redo_key: str = ""  # of everything its output depends on: a later run reuses it when unchanged
    withheld: dict[str, str] | None = None  # withheld in full: exemption, reason, reviewer, time


class Entity(StrEnum):
    """The entity types detection reports (the names models/redactor.yaml lists and logs show)."""

    PERSON = "PERSON"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    UK_NINO = "UK_NINO"
    UK_NHS = "UK_NHS"
    UK_POSTCODE = "UK_POSTCODE"
    STREET_ADDRESS = "STREET_ADDRESS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    UK_PASSPORT = "UK_PASSPORT"
    UK_DRIVING_LICENCE = "UK_DRIVING_LICENCE"
    UK_VEHICLE_REGISTRATION = "UK_VEHICLE_REGISTRATION"
    DENY_LIST = "DENY_LIST"
    ONLINE_IDENTIFIER = "ONLINE_IDENTIFIER"
