"""The one catalogue of check findings: every code, its kind, its severity and what it means.

Detectors report findings only by these codes, and the help of `redact check` is generated
from this table, so a new check is documented where it is declared. A code's severity is the
one it has on anyone's PDF; `warn_when` names the case in which a detector lowers it to a
warning. On our own outputs every structure finding fails (see `checks.OWN_OUTPUT`):
sanitising should have removed whatever it reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

import pymupdf

from redactor.types import BBox, CheckFinding, Severity


class Kind(StrEnum):
    """What a detector looks at."""

    STRUCTURE = "structure"  # the file's objects: metadata, annotations, attachments, revisions...
    PAGE = "page content"  # what is drawn and what is hidden on a page
    RESIDUAL = "residual text"  # the values we redacted, searched for in what we wrote
    PERSONAL = "personal data"  # the detection of `redact`, run again on the result
    FILE = "file"  # the file as a whole: can it be read at all


@dataclass(frozen=True, eq=False)  # compared by identity: two codes never merge into aliases
class Entry:
    kind: Kind
    severity: Severity
    help: str
    warn_when: str | None = None  # when a detector reports it as a warning instead


_F, _W = Severity.FAIL, Severity.WARN
_S, _P, _R, _D, _X = Kind.STRUCTURE, Kind.PAGE, Kind.RESIDUAL, Kind.PERSONAL, Kind.FILE


class Code(Enum):
    """Finding codes. The value of each member is its catalogue entry; `str(code)` is the code."""

    # Page content
    COVERED_TEXT = Entry(
        _P,
        _F,
        "text still in the file under a filled box, a dark highlight, a black picture, a "
        "cross-hatch or an opaque annotation",
    )
    INVISIBLE_TEXT = Entry(_P, _F, "render mode 3 text that is not a scan's OCR layer")
    OCR_UNDER_REDACTION = Entry(_P, _F, "an OCR text layer under a blacked-out area of a scan")
    LOW_CONTRAST_TEXT = Entry(_P, _F, "white or background-coloured text")
    TRANSPARENT_TEXT = Entry(_P, _F, "text painted at zero opacity")
    HIDDEN_TEXT = Entry(
        _P,
        _F,
        "text that does not show when the page is drawn (clipped...)",
        "part of a line only (a word overflowing its cell)",
    )
    OFF_PAGE_TEXT = Entry(_P, _F, "text outside the visible page", "part of a line only")
    TINY_TEXT = Entry(_P, _F, "text smaller than 1 pt")
    FAINT_TEXT = Entry(_P, _W, "text so faint it can hardly be seen")
    TEXT_UNDER_IMAGE = Entry(_P, _W, "text under a picture that shows something (a scan's text layer?)")
    OCR_LAYER = Entry(_P, _W, "an OCR text layer over a scan (check it matches the picture)")
    TEXT_MISMATCH = Entry(
        _P,
        _F,
        "a text layer that does not say what is drawn (a wrong Unicode map, glyphs out of order, text "
        "as outlines): OCR of the page reads words it lacks",
        "on a file `redact` wrote (it redacted what OCR read), or when OCR could not compare",
    )
    LENGTH_REVEALING = Entry(
        _P,
        _W,
        "boxes fitted to the gap in a line: the width, and the words left where they were, "
        "reveal the length of what was removed",
    )
    # Structure
    UNAPPLIED_REDACTION = Entry(_S, _F, "a redaction annotation that was never applied")
    ANNOTATIONS = Entry(_S, _W, "annotations drawn on the page (our outputs must have none)")
    COMMENTS = Entry(_S, _F, "comments and other annotation text that is not on the page")
    FORM_FIELDS = Entry(_S, _F, "form fields holding values")
    LINKS = Entry(_S, _F, "mailto: links and actions (e-mail addresses)")
    ACTIONS = Entry(_S, _F, "links or actions that launch a file")
    EMBEDDED_FILES = Entry(_S, _F, "attachments: embedded files, file attachment annotations")
    ASSOCIATED_FILES = Entry(_S, _F, "PDF 2.0 associated files (/AF) on the catalog, a page or any object")
    OBJECT_METADATA = Entry(_S, _F, "XMP or other metadata streams on images, pages or other objects")
    ALT_TEXT = Entry(_S, _F, "alternate, actual or expansion text of marked content (/Alt, /ActualText, /E)")
    PRIVATE_DATA = Entry(_S, _F, "catalog or page keys that are not in the PDF standard (private data)")
    NAMED_DESTINATIONS = Entry(_S, _W, "named destinations (their names can hold names)")
    JAVASCRIPT = Entry(_S, _F, "JavaScript, launch, submit-form or import actions")
    LAYERS = Entry(_S, _F, "an optional-content layer switched off (its content is hidden)")
    METADATA = Entry(
        _S,
        _F,
        "an author in the document information",
        "title, subject or keywords in the document information",
    )
    XMP = Entry(_S, _F, "XMP naming a person, holding an e-mail address, or disagreeing with the information")
    OUTLINE = Entry(_S, _W, "bookmarks (their titles can hold names)")
    PAGE_LABELS = Entry(_S, _W, "page labels with text")
    EARLIER_REVISION = Entry(_S, _F, "an incremental update whose earlier revision had content the last one lacks")
    REVISIONS = Entry(_S, _W, "incremental updates with nothing lost")
    # Residual text (our outputs only)
    RESIDUAL_TEXT = Entry(_R, _F, "a redacted value still in the text layer")
    RESIDUAL_STREAM = Entry(_R, _F, "a redacted value still in a content stream")
    # Personal data
    PERSONAL_DATA = Entry(
        _D,
        _F,
        "personal data `redact` would remove, still readable (skip with --no-detect; items a "
        "reviewer released in the log are not findings)",
        "on a file `redact` wrote (its log was found): a pointer, not a verdict",
    )
    NOT_CHECKED = Entry(_D, _F, "personal data not checked (the text could not be read)", "a page that needs OCR")
    # The file
    UNREADABLE = Entry(_X, _F, "the file cannot be opened or read")

    @property
    def kind(self) -> Kind:
        return self.value.kind

    @property
    def severity(self) -> Severity:
        return self.value.severity

    @property
    def help(self) -> str:
        return self.value.help

    @property
    def warn_when(self) -> str | None:
        return self.value.warn_when

    def __str__(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class LeakFinding(CheckFinding):
    """A check finding with the place on the page it concerns (PDF points, origin top-left)."""

    rect: BBox | None = None


def finding(
    code: Code, message: str, page: int | None = None, rect: Any = None, severity: Severity | None = None
) -> LeakFinding:
    """A finding with its catalogue severity unless the detector gives another one."""
    box = None if rect is None else tuple(round(float(v), 1) for v in pymupdf.Rect(rect))
    return LeakFinding(
        code=str(code),
        severity=severity or code.severity,
        message=message,
        page=page,
        rect=box,  # type: ignore[arg-type]
    )


def kind_of(code: str) -> Kind | None:
    for member in Code:
        if str(member) == code:
            return member.kind
    return None
