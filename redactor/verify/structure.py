"""Structure detectors: what a PDF carries besides its drawn pages.

Metadata, XMP, comments, form values, attachments, scripts, hidden layers, mailto links,
bookmarks, page labels and earlier revisions. Each detector takes `strict`: on our own outputs
(strict) anything of the kind that survived sanitising is reported, since nothing of it should
be there; on anyone's PDF only what can disclose is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pymupdf

from redactor.types import Severity
from redactor.verify import carriers
from redactor.verify.codes import Code, LeakFinding, finding

EXCERPT = 60
# Annotations whose text is drawn on the page itself: what a reader sees is what a parser gets.
DRAWN_ANNOTS = frozenset({"FreeText", "Watermark", "Stamp", "Popup", "Link", "Widget", "Redact", "PrinterMark"})
# Info keys that are about the producing software or dates, not about people or content.
TOOL_INFO_KEYS = frozenset({"format", "encryption", "creator", "producer", "creationDate", "modDate", "trapped"})
PERSON_INFO_KEYS = frozenset({"author"})
XMP_PERSON = re.compile(r"<(dc:creator|pdf:Author|xmp:Author|photoshop:AuthorsPosition)\b[^>]*>(.*?)</\1>", re.S)
XMP_CONTENT = re.compile(
    r"<(dc:title|dc:description|dc:subject|pdf:Keywords|pdf:Title|pdf:Subject)\b[^>]*>(.*?)</\1>", re.S
)
XMP_ATTR = re.compile(r"\b(dc:creator|pdf:Author|pdf:Title|pdf:Keywords|pdf:Subject)=\"([^\"]+)\"")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
SCRIPT_KEYS = re.compile(r"/(JavaScript|JS|Launch|SubmitForm|ImportData|RichMedia)\b")

Detector = Callable[[pymupdf.Document, bytes, bool], list[LeakFinding]]


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _strip_xml(value: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


def metadata_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    meta = {k: v for k, v in (doc.metadata or {}).items() if v and v.strip()}
    for key, value in sorted(meta.items()):
        if key in PERSON_INFO_KEYS:
            out.append(finding(Code.METADATA, f"document information names a person: {key}={value!r}"))
        elif key not in TOOL_INFO_KEYS or (strict and key not in ("format", "encryption")):
            message = f"document information field {key}={_excerpt(value)!r}: review it"
            out.append(finding(Code.METADATA, message, severity=Severity.WARN))
    xmp = doc.get_xml_metadata() or ""
    if xmp.strip():
        out.extend(_xmp_findings(xmp, meta))
        if strict and not out:
            out.append(finding(Code.XMP, "the document carries XMP metadata"))
    if strict:
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "Type") == ("name", "/Metadata") and doc.xref_is_stream(xref):
                out.append(finding(Code.XMP, f"an XMP metadata stream survives in object {xref}"))
                break
    return out


def _xmp_findings(xmp: str, meta: dict[str, str]) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    people = [v for _, v in XMP_PERSON.findall(xmp)] + [v for k, v in XMP_ATTR.findall(xmp) if k != "pdf:Title"]
    people = [_strip_xml(v) for v in people if _strip_xml(v)]
    info_values = " ".join(meta.values()).casefold()
    for value in people:
        if value.casefold() in info_values and "author" in meta:
            continue  # already reported from the Info dictionary
        out.append(finding(Code.XMP, f"the XMP metadata names a person: {value!r}"))
    for email in sorted(set(EMAIL.findall(xmp))):
        out.append(finding(Code.XMP, f"the XMP metadata holds an e-mail address: {email}"))
    for tag, value in XMP_CONTENT.findall(xmp):
        text = _strip_xml(value)
        if text and text.casefold() not in info_values:
            message = f"the XMP metadata disagrees with the document information: {tag}={_excerpt(text)!r}"
            out.append(finding(Code.XMP, message))
    return out


def annotation_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    for page in doc:
        n = page.number or 0
        for annot in page.annots():
            name = annot.type[1]
            info = annot.info or {}
            content = (info.get("content") or "").strip()
            if name == "Redact":
                message = "a redaction annotation was never applied: what it marks is still in the file"
                out.append(finding(Code.UNAPPLIED_REDACTION, message, n, annot.rect))
            elif name == "FileAttachment":
                out.append(finding(Code.EMBEDDED_FILES, "a file attached to the page", n, annot.rect))
            elif name not in DRAWN_ANNOTS and content:
                who = f" by {info['title']!r}" if info.get("title") else ""
                message = f"a {name} comment{who} that is not part of the page: '{_excerpt(content)}'"
                out.append(finding(Code.COMMENTS, message, n, annot.rect))
            elif strict and name not in ("Link", "Widget"):
                out.append(finding(Code.ANNOTATIONS, f"a {name} annotation survives", n, annot.rect))
        for widget in page.widgets():
            value = widget.field_value
            if value not in (None, "", "Off", False) and str(value).strip():
                message = f"form field {widget.field_name!r} holds a value: '{_excerpt(str(value))}'"
                out.append(finding(Code.FORM_FIELDS, message, n, widget.rect))
            elif strict:
                out.append(finding(Code.FORM_FIELDS, f"form field {widget.field_name!r} survives", n, widget.rect))
        out.extend(_link_findings(page, n, strict))
    return out


def _link_findings(page: pymupdf.Page, n: int, strict: bool) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    for link in page.get_links():
        uri = str(link.get("uri") or "")
        if uri.lower().startswith("mailto:"):
            message = f"a link to an e-mail address: {uri[7:].split('?')[0]}"
            out.append(finding(Code.LINKS, message, n, link.get("from")))
        elif link.get("kind") == pymupdf.LINK_LAUNCH:
            out.append(finding(Code.ACTIONS, "a link that launches a file", n, link.get("from")))
        elif strict:
            out.append(finding(Code.LINKS, "a link survives (its target can hold an address)", n, link.get("from")))
    return out


def attachment_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    names = doc.embfile_names()
    if not names:
        return []
    return [finding(Code.EMBEDDED_FILES, f"{len(names)} embedded file(s): {', '.join(names)}")]


def script_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    kinds: set[str] = set()
    mailto: set[str] = set()
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=True)
        except (RuntimeError, ValueError):
            continue
        for m in SCRIPT_KEYS.finditer(source):
            kinds.add("JavaScript" if m.group(1) in ("JavaScript", "JS") else m.group(1))
        mailto.update(re.findall(r"mailto:([^)\s>]+)", source, re.I))
    out = [finding(Code.JAVASCRIPT, f"the document carries {k} actions") for k in sorted(kinds)]
    for address in sorted(mailto):
        out.append(finding(Code.LINKS, f"an action or link targets an e-mail address: {address}"))
    return out


def layer_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    for xref, ocg in (doc.get_ocgs() or {}).items():
        if not ocg.get("on", True):
            message = f"optional-content layer {ocg.get('name')!r} is switched off: its content is hidden"
            out.append(finding(Code.LAYERS, message + f" (object {xref})"))
        elif strict:
            message = f"optional-content layer {ocg.get('name')!r} survives (content can be hidden in it)"
            out.append(finding(Code.LAYERS, message + f" (object {xref})"))
    return out


def navigation_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    out: list[LeakFinding] = []
    toc = doc.get_toc(simple=True)
    if toc:
        titles = ", ".join(repr(_excerpt(str(t[1]))) for t in toc[:5])
        out.append(finding(Code.OUTLINE, f"{len(toc)} bookmark(s) (titles can hold names): {titles}"))
    labels = [label for label in (doc.get_page_labels() or []) if label.get("prefix")]
    if labels:
        prefixes = ", ".join(repr(label["prefix"]) for label in labels[:5])
        out.append(finding(Code.PAGE_LABELS, f"page labels with text: {prefixes}"))
    return out


def revision_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    """Incremental updates keep every earlier revision; one that had content the last lacks is a leak."""
    ends = [m.end() for m in re.finditer(rb"%%EOF[ \t]*\r?\n?", data)]
    ends = [e for e in ends if e < len(data.rstrip()) or e == ends[-1]]
    if len(ends) < 2 and len(re.findall(rb"startxref\s", data)) < 2:
        return []
    final_words = _words(doc)
    final_meta = {v for v in (doc.metadata or {}).values() if v}
    lost_words: set[str] = set()
    lost_meta: set[str] = set()
    unreadable = 0
    for end in ends[:-1]:
        try:
            earlier = pymupdf.open(stream=data[:end], filetype="pdf")
        except (RuntimeError, ValueError):
            unreadable += 1
            continue
        try:
            lost_words |= _words(earlier) - final_words
            lost_meta |= {
                f"{k}={v!r}"
                for k, v in (earlier.metadata or {}).items()
                if v and k not in TOOL_INFO_KEYS and v not in final_meta
            }
        finally:
            earlier.close()
    if lost_words or lost_meta:
        sample = ", ".join(sorted(lost_words)[:8])
        parts = [f"{len(lost_words)} word(s) no longer on any page" + (f" ({sample}...)" if sample else "")]
        if lost_meta:
            parts.append("metadata since removed: " + ", ".join(sorted(lost_meta)))
        message = "an earlier revision kept by an incremental update holds content the last one lacks: "
        return [finding(Code.EARLIER_REVISION, message + "; ".join(parts))]
    note = f" ({unreadable} could not be read back)" if unreadable else ""
    count = max(len(ends), 2)
    message = f"the file has {count} revisions (incremental updates){note}; none shows content the last one lacks"
    return [finding(Code.REVISIONS, message)]


def _words(doc: pymupdf.Document) -> set[str]:
    return {w for page in doc for w in re.findall(r"\w{3,}", page.get_text("text"))}


DETECTORS: tuple[Detector, ...] = (
    metadata_findings,
    annotation_findings,
    attachment_findings,
    script_findings,
    layer_findings,
    navigation_findings,
    revision_findings,
    carriers.associated_file_findings,
    carriers.object_metadata_findings,
    carriers.alt_text_findings,
    carriers.private_key_findings,
    carriers.destination_findings,
)


def structure_findings(doc: pymupdf.Document, data: bytes, strict: bool) -> list[LeakFinding]:
    """Every structure finding for an open document."""
    return [f for detector in DETECTORS for f in detector(doc, data, strict)]
