"""Verify: pre-release checks on a redacted PDF. A document that fails one is not released.

Each check is a small function that returns CheckFindings; `verify_output` runs them all on
one of our own outputs, with the values that were redacted so it can prove they are gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pymupdf

from redactor.model import Action, CheckFinding, Decision, Severity
from redactor.propagate import case_compatible

# Redacted values shorter than this are not searched for: "Li" would match everywhere.
MIN_SEARCH_LEN = 3
# Content-stream search only for values long enough that a byte match is meaningful.
MIN_STREAM_LEN = 4

Check = Callable[[pymupdf.Document, bytes], list[CheckFinding]]


def _fail(code: str, message: str, page: int | None = None) -> CheckFinding:
    return CheckFinding(code=code, severity=Severity.FAIL, message=message, page=page)


def check_metadata(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    meta = doc.metadata or {}
    filled = sorted(k for k, v in meta.items() if v and k not in ("format", "encryption"))
    out = [_fail("metadata", f"document information fields are not empty: {', '.join(filled)}")] if filled else []
    if doc.get_xml_metadata().strip():
        out.append(_fail("xmp", "the document carries XMP metadata"))
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Type") == ("name", "/Metadata") and doc.xref_is_stream(xref):
            out.append(_fail("xmp", f"an XMP metadata stream survives in object {xref}"))
            break
    return out


def check_annotations(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    out: list[CheckFinding] = []
    for page in doc:
        n = page.number or 0
        if page.first_annot is not None:
            out.append(_fail("annotations", "the page has annotations (comments, unapplied redactions...)", n))
        if page.first_widget is not None:
            out.append(_fail("form-fields", "the page has form fields", n))
        if page.get_links():
            out.append(_fail("links", "the page has links (their targets can hold e-mail addresses)", n))
    return out


def check_attachments(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    count = doc.embfile_count()
    return [_fail("embedded-files", f"{count} embedded file(s)")] if count else []


def check_scripts_and_layers(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    out: list[CheckFinding] = []
    for xref in range(1, doc.xref_length()):
        source = doc.xref_object(xref, compressed=True)
        if "/JavaScript" in source or "/JS" in source.split():
            out.append(_fail("javascript", f"JavaScript in object {xref}"))
            break
    if doc.get_ocgs():
        out.append(_fail("layers", "optional-content layers survive (content can be hidden in them)"))
    if doc.get_toc(simple=True):
        out.append(_fail("outline", "bookmarks survive (they can hold names)"))
    return out


def check_revisions(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    count = len(re.findall(rb"startxref\s", data))
    if count > 1:
        return [_fail("revisions", f"the file has {count} revisions: earlier versions survive an incremental save")]
    return []


STRUCTURE_CHECKS: tuple[Check, ...] = (
    check_metadata,
    check_annotations,
    check_attachments,
    check_scripts_and_layers,
    check_revisions,
)


def _alternation(values: Iterable[str], separator: str) -> str:
    return "|".join(separator.join(map(re.escape, v.split())) for v in sorted(values, key=len, reverse=True))


def check_residual(doc: pymupdf.Document, redacted: Iterable[str], kept: Iterable[str]) -> list[CheckFinding]:
    """Every redacted value must be gone from the text layer and from the content streams."""
    kept_keys = {" ".join(k.split()).casefold() for k in kept}
    values = {
        v.casefold(): v
        for v in (" ".join(r.split()) for r in redacted)
        if len(v) >= MIN_SEARCH_LEN and v.casefold() not in kept_keys
    }
    if not values:
        return []
    out: list[CheckFinding] = []
    in_text = re.compile(r"(?<!\w)(?:" + _alternation(values.values(), r"\s+") + r")(?!\w)", re.IGNORECASE)
    reported: set[str] = set()
    for page in doc:
        for m in in_text.finditer(page.get_text("text")):
            value = values.get(" ".join(m.group(0).split()).casefold())
            if value is not None and value not in reported and case_compatible(value, m.group(0)):
                reported.add(value)
                message = f"a redacted item ({len(value)} characters) is still in the text layer"
                out.append(_fail("residual-text", message, page.number))
    long_values = [v for v in values.values() if len(v) >= MIN_STREAM_LEN]
    if long_values:
        # Case-sensitive, and words may run together (TJ arrays space words by offsets), but a
        # match must not continue into a lower-case letter ("Jones" is not in "Jonesborough").
        in_stream = re.compile(r"(?<![a-z])(?:" + _alternation(long_values, r"\s*") + r")(?![a-z])")
        found = {m.group(0) for s in _content_streams(doc) for m in in_stream.finditer(s)}
        for text in sorted(found):
            message = f"a redacted item ({len(text)} characters) is still in a content stream"
            out.append(_fail("residual-stream", message))
    return out


_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>(?!>)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(m: re.Match[bytes]) -> bytes:
    code = m.group(1)
    if code[:1] in b"01234567":
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPES.get(code, code)


def _decode_string(token: bytes) -> bytes:
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    body = token[1:-1]
    return re.sub(rb"\\([0-7]{1,3}|.)", _unescape, body, flags=re.DOTALL)


def stream_strings(stream: bytes) -> str:
    """The string operands of a content stream, decoded as single-byte text and run together.

    This is what a byte-level reader sees of text drawn with simple fonts, including pieces of a
    word split across a TJ array. Two-byte (CID) fonts give glyph numbers here, which the
    text-layer check covers instead.
    """
    return "".join(_decode_string(m.group(0)).decode("latin-1") for m in _STRING.finditer(stream))


def _content_streams(doc: pymupdf.Document) -> list[str]:
    """The decoded strings of every stream that draws page content: pages and form XObjects."""
    xrefs = {x for page in doc for x in page.get_contents()}
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Form" and doc.xref_is_stream(xref):
            xrefs.add(xref)
    texts: list[str] = []
    for xref in sorted(xrefs):
        try:
            stream = doc.xref_stream(xref)
        except (RuntimeError, ValueError):  # a stream MuPDF cannot decode is not text we can read
            continue
        if stream:
            texts.append(stream_strings(stream))
    return texts


def verify_output(path: Path, decisions: Sequence[Decision]) -> list[CheckFinding]:
    """Run every pre-release check on one of our redacted outputs."""
    data = path.read_bytes()
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        findings: list[CheckFinding] = []
        for check in STRUCTURE_CHECKS:
            findings.extend(check(doc, data))
        findings.extend(
            check_residual(
                doc,
                (d.finding.text for d in decisions if d.action is Action.REDACT),
                (d.finding.text for d in decisions if d.action is Action.KEEP),
            )
        )
        return findings
    finally:
        doc.close()
