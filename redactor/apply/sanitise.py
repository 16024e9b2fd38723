"""Sanitise: keep only what a released PDF needs to draw its pages, by allow-list.

A list of things to remove misses whatever it does not name (a private key on a page, XMP on
an image, PDF 2.0 associated files, alternate text in marked content). So the catalog, the
page tree, the pages and the image and form XObjects keep only the keys listed here; every
other object loses the keys that carry data rather than drawing (metadata, associated files,
private application data, structure and layer membership); the marked-content property lists
are dropped and the text properties of marked content (/Alt, /ActualText, /E) are cut out of
the content streams. The full rewrite on saving then drops every object nothing refers to.
"""

from __future__ import annotations

import re

import pymupdf

CATALOG_KEYS = frozenset({"Type", "Pages"})
PAGE_TREE_KEYS = frozenset({"Type", "Kids", "Count", "Parent", "Resources", "MediaBox", "CropBox", "Rotate"})
PAGE_KEYS = frozenset(
    {"Type", "Parent", "Resources", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox", "Rotate", "Contents"}
    | {"Group", "UserUnit"}
)
IMAGE_KEYS = frozenset(
    {"Type", "Subtype", "Width", "Height", "ColorSpace", "BitsPerComponent", "Intent", "ImageMask", "Mask"}
    | {"Decode", "Interpolate", "SMask", "SMaskInData", "Matte", "Filter", "DecodeParms", "Length", "Name"}
)
FORM_KEYS = frozenset(
    {"Type", "Subtype", "FormType", "BBox", "Matrix", "Resources", "Group", "Filter", "DecodeParms", "Length"}
)
# Keys that never draw anything, removed from every other object (fonts, graphics states...).
DATA_KEYS = ("Metadata", "AF", "PieceInfo", "StructParent", "StructParents", "OC", "LastModified", "OPI")
_MARKED_TEXT = re.compile(rb"/(?:Alt|ActualText|E)(?![A-Za-z0-9#_.-])\s*(?=[(<])")


def _keep_only(doc: pymupdf.Document, xref: int, allowed: frozenset[str]) -> None:
    for key in doc.xref_get_keys(xref):
        if key not in allowed:
            doc.xref_set_key(xref, key, "null")


def string_end(data: bytes, i: int) -> int:
    """The end of the PDF string starting at data[i] ('(' or '<'), or -1 when it never ends."""
    if data[i : i + 1] == b"<":
        end = data.find(b">", i)
        return -1 if end < 0 else end + 1
    depth = 0
    while i < len(data):
        c = data[i : i + 1]
        if c == b"\\":
            i += 2
            continue
        if c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def strip_marked_text(stream: bytes) -> bytes:
    """A content stream without the /Alt, /ActualText and /E strings of its marked content."""
    out: list[bytes] = []
    pos = 0
    for m in _MARKED_TEXT.finditer(stream):
        if m.start() < pos or stream[m.end() : m.end() + 2] == b"<<":
            continue
        end = string_end(stream, m.end())
        if end < 0:
            break
        out.append(stream[pos : m.start()])
        pos = end
    out.append(stream[pos:])
    return b"".join(out)


def _clean_streams(doc: pymupdf.Document, xrefs: set[int]) -> None:
    for xref in sorted(xrefs):
        try:
            data = doc.xref_stream(xref)
        except (RuntimeError, ValueError):
            continue  # not decodable: MuPDF cannot draw it either
        if data and (cleaned := strip_marked_text(data)) != data:
            doc.update_stream(xref, cleaned)


def sanitise(doc: pymupdf.Document) -> None:
    """Remove every carrier of data other than the visible page content.

    Annotations (comments, attachments, links and their actions) and form fields are deleted
    first, the document information and XMP emptied, then the allow-lists applied.
    """
    streams: set[int] = set()
    for page in doc:
        for widget in list(page.widgets()):
            page.delete_widget(widget)
        for annot in list(page.annots()):
            page.delete_annot(annot)
        streams.update(page.get_contents())
    for name in doc.embfile_names():
        doc.embfile_del(name)
    doc.set_metadata({})
    doc.del_xml_metadata()
    _keep_only(doc, doc.pdf_catalog(), CATALOG_KEYS)
    for xref in range(1, doc.xref_length()):
        if not doc.xref_is_stream(xref) and not doc.xref_object(xref, compressed=True).startswith("<<"):
            continue  # arrays, numbers, free objects: no keys
        kind, subtype = doc.xref_get_key(xref, "Type")[1], doc.xref_get_key(xref, "Subtype")[1]
        if kind == "/Page":
            _keep_only(doc, xref, PAGE_KEYS)
        elif kind == "/Pages":
            _keep_only(doc, xref, PAGE_TREE_KEYS)
        elif subtype == "/Image":
            _keep_only(doc, xref, IMAGE_KEYS)
        elif subtype == "/Form":
            _keep_only(doc, xref, FORM_KEYS)
            streams.add(xref)
        else:
            for key in DATA_KEYS:
                if doc.xref_get_key(xref, key)[0] != "null":
                    doc.xref_set_key(xref, key, "null")
        # Marked-content property lists: after the layers, they only hold names and text.
        if doc.xref_get_key(xref, "Resources/Properties")[0] != "null":
            doc.xref_set_key(xref, "Resources/Properties", "null")
        if doc.xref_get_key(xref, "Properties")[0] != "null" and kind not in ("/Page", "/Pages"):
            doc.xref_set_key(xref, "Properties", "null")
    _clean_streams(doc, streams)
