"""Structure detectors for data carried outside the drawn page that viewers do not show.

PDF 2.0 associated files, metadata streams on objects other than the catalog, alternate
text of marked content and structure elements, keys the standard does not define (private
application data) and named destinations. On our own outputs (strict) any catalog or page
key outside the sanitising allow-list is reported as well.
"""

from __future__ import annotations

import re

import pymupdf

from redactor.apply.sanitise import CATALOG_KEYS, PAGE_KEYS, string_end
from redactor.verify.codes import Code, LeakFinding, finding

EXCERPT = 60
STANDARD_CATALOG_KEYS = frozenset(
    {"Type", "Version", "Extensions", "Pages", "PageLabels", "Names", "Dests", "ViewerPreferences"}
    | {"PageLayout", "PageMode", "Outlines", "Threads", "OpenAction", "AA", "URI", "AcroForm", "Metadata"}
    | {"StructTreeRoot", "MarkInfo", "Lang", "SpiderInfo", "OutputIntents", "OCProperties", "Perms"}
    | {"Legal", "Requirements", "Collection", "NeedsRendering", "DSS", "AF", "DPartRoot", "Info"}
)
STANDARD_PAGE_KEYS = frozenset(
    {"Type", "Parent", "LastModified", "Resources", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox"}
    | {"BoxColorInfo", "Contents", "Rotate", "Group", "Thumb", "B", "Dur", "Trans", "Annots", "AA", "Metadata"}
    | {"StructParents", "ID", "PZ", "SeparationInfo", "Tabs", "TemplateInstantiated", "PresSteps", "UserUnit"}
    | {"VP", "AF", "OutputIntents", "DPart"}
)
TOOL_INFO_KEYS = frozenset({"Producer", "Creator", "CreationDate", "ModDate"})
_MARKED_TEXT = re.compile(rb"/(Alt|ActualText|E)(?![A-Za-z0-9#_.-])\s*(?=\(|<(?!<))")
_OBJECT_TEXT = re.compile(r"/(Alt|ActualText|E)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]+>)")


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _dict_xrefs(doc: pymupdf.Document) -> list[int]:
    out = []
    for xref in range(1, doc.xref_length()):
        try:
            if doc.xref_object(xref, compressed=True).startswith("<<"):
                out.append(xref)
        except (RuntimeError, ValueError):
            continue
    return out


def _has(doc: pymupdf.Document, xref: int, key: str) -> bool:
    return str(doc.xref_get_key(xref, key)[0]) not in ("null", "")


def associated_file_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    holders = [x for x in _dict_xrefs(doc) if _has(doc, x, "AF")]
    if _has(doc, doc.pdf_catalog(), "AF") and doc.pdf_catalog() not in holders:
        holders.append(doc.pdf_catalog())
    if not holders:
        return []
    message = f"{len(holders)} object(s) carry associated files (/AF): objects {', '.join(map(str, holders[:8]))}"
    return [finding(Code.ASSOCIATED_FILES, message)]


def object_metadata_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    catalog_xmp = doc.xref_get_key(doc.pdf_catalog(), "Metadata")
    own = int(catalog_xmp[1].split()[0]) if catalog_xmp[0] == "xref" else 0
    out: list[LeakFinding] = []
    for xref in range(1, doc.xref_length()):
        if xref == own or not doc.xref_is_stream(xref):
            continue
        is_xml = doc.xref_get_key(xref, "Subtype")[1] == "/XML" or doc.xref_get_key(xref, "Type")[1] == "/Metadata"
        if not is_xml:
            continue
        try:
            text = re.sub(r"<[^>]*>", " ", doc.xref_stream(xref).decode("utf-8", "replace"))
        except (RuntimeError, ValueError):
            text = ""
        message = f"a metadata stream (object {xref}) on an object other than the document: '{_excerpt(text)}'"
        out.append(finding(Code.OBJECT_METADATA, message))
    return out


def _decode(token: bytes) -> str:
    if token.startswith(b"<"):
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", token)
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    else:
        raw = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8) & 0xFF]), token[1:-1])
        raw = re.sub(rb"\\(.)", rb"\1", raw)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


def marked_texts(stream: bytes) -> list[str]:
    """The /Alt, /ActualText and /E strings of the marked content in a content stream."""
    out: list[str] = []
    for m in _MARKED_TEXT.finditer(stream):
        end = string_end(stream, m.end())
        if end > 0:
            out.append(_decode(stream[m.end() : end]))
    return out


def alt_text_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    texts: list[str] = []
    streams = {x for page in doc for x in page.get_contents()}
    streams |= {x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1] == "/Form"}
    for xref in sorted(streams):
        try:
            texts.extend(marked_texts(doc.xref_stream(xref) or b""))
        except (RuntimeError, ValueError):
            continue
    for xref in _dict_xrefs(doc):
        source = doc.xref_object(xref, compressed=True)
        texts.extend(_decode(m.group(2).encode("latin-1", "replace")) for m in _OBJECT_TEXT.finditer(source))
    texts = [t for t in texts if t.strip()]
    if not texts:
        return []
    sample = ", ".join(repr(_excerpt(t)) for t in texts[:5])
    message = f"{len(texts)} alternate text(s) of marked content or structure, not drawn on the page: {sample}"
    return [finding(Code.ALT_TEXT, message)]


def private_key_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    catalog = doc.pdf_catalog()
    allowed = CATALOG_KEYS if strict else STANDARD_CATALOG_KEYS - {"PieceInfo"}
    for key in doc.xref_get_keys(catalog):
        if key not in allowed and _has(doc, catalog, key):
            value = doc.xref_get_key(catalog, key)[1]
            if key == "Info" and set(re.findall(r"/(\w+)", value)) <= TOOL_INFO_KEYS:
                continue  # MuPDF writes its name here when it saves
            out.append(finding(Code.PRIVATE_DATA, f"the catalog holds /{key} {_excerpt(value)}"))
    allowed = PAGE_KEYS if strict else STANDARD_PAGE_KEYS
    for page in doc:
        for key in doc.xref_get_keys(page.xref):
            if (key not in allowed or key == "PieceInfo") and _has(doc, page.xref, key):
                value = _excerpt(doc.xref_get_key(page.xref, key)[1])
                out.append(finding(Code.PRIVATE_DATA, f"the page holds /{key} {value}", page.number))
    return out


def destination_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    catalog = doc.pdf_catalog()
    if not (_has(doc, catalog, "Dests") or _has(doc, catalog, "Names/Dests")):
        return []
    try:
        names = sorted(doc.resolve_names())
    except (RuntimeError, ValueError, AttributeError):
        names = []
    sample = ", ".join(repr(_excerpt(n)) for n in names[:5])
    return [finding(Code.NAMED_DESTINATIONS, f"{len(names)} named destination(s): {sample}")]
