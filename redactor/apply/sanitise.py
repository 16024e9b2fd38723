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


_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
_REF = re.compile(r"(\d+) 0 R")


def _descriptor(doc: pymupdf.Document, font: int) -> int | None:
    """The xref of a font's descriptor (a composite font's: its descendant's)."""
    kind, value = doc.xref_get_key(font, "FontDescriptor")
    if kind == "xref":
        return int(value.split()[0])
    kind, value = doc.xref_get_key(font, "DescendantFonts")
    refs = _REF.findall(value) if kind in ("array", "xref") else []
    if kind == "xref" and refs:  # the array is an object of its own
        refs = _REF.findall(doc.xref_object(int(refs[0]), compressed=True))
    return _descriptor(doc, int(refs[0])) if refs else None


def _neutral_font_names(doc: pymupdf.Document, fonts: list[int]) -> None:
    """Rename embedded fonts: a font's name can be anything, a person's name included.

    Only fonts whose program is embedded are renamed, since a viewer draws those from the
    program; a font that is not embedded keeps the name the viewer needs to substitute it.
    """
    for xref in fonts:
        descriptor = _descriptor(doc, xref)
        if descriptor is None or not any(doc.xref_get_key(descriptor, k)[0] == "xref" for k in _FONT_FILES):
            continue
        doc.xref_set_key(xref, "BaseFont", f"/Font{xref}")
        doc.xref_set_key(descriptor, "FontName", f"/Font{descriptor}")
        kind, value = doc.xref_get_key(xref, "DescendantFonts")
        for ref in _REF.findall(value) if kind == "array" else ():
            doc.xref_set_key(int(ref), "BaseFont", f"/Font{ref}")


_FONT_ENTRY = re.compile(r"/([^\s/<>\[\]()]+)\s+(\d+ 0 R)")


def _font_dict(doc: pymupdf.Document, holder: int) -> tuple[tuple[str, int], str] | None:
    """Where a page's or form's font resources are written, as (identity, the dict's text)."""
    kind, value = doc.xref_get_key(holder, "Resources/Font")
    if kind == "xref":
        xref = int(value.split()[0])
        return ("object", xref), doc.xref_object(xref, compressed=True)
    if kind != "dict":
        return None
    res_kind, res_value = doc.xref_get_key(holder, "Resources")
    if res_kind == "xref":
        return ("resources", int(res_value.split()[0])), value
    return ("holder", holder), value


def _neutral_font_resources(doc: pymupdf.Document, forms: list[int]) -> None:
    """Rename font resources (`/EleanorPritchard 11 Tf` becomes `/F1 11 Tf`) in dicts and streams."""
    holders = [(page.xref, list(page.get_contents())) for page in doc]
    holders += [(x, [x]) for x in forms]
    mappings: dict[tuple[str, int], dict[str, str]] = {}
    for holder, streams in holders:
        found = _font_dict(doc, holder)
        if found is None:
            continue
        identity, text = found
        if identity not in mappings:
            names = sorted(dict.fromkeys(m.group(1) for m in _FONT_ENTRY.finditer(text)))
            mappings[identity] = {old: f"F{n}" for n, old in enumerate(names, 1)}
            renamed = (
                "<<"
                + "".join(f"/{mappings[identity][m.group(1)]} {m.group(2)}" for m in _FONT_ENTRY.finditer(text))
                + ">>"
            )
            where, xref = identity
            if where == "object":
                doc.update_object(xref, renamed)
            elif where == "resources":
                doc.xref_set_key(xref, "Font", renamed)
            else:
                doc.xref_set_key(xref, "Resources/Font", renamed)
        for stream in streams:
            _rename_in_stream(doc, stream, mappings[identity])


_FONT_OPERATOR = re.compile(rb"/([^\s/<>\[\]()%]+)(\s+[-+.\d]+\s+Tf)")


def _rename_in_stream(doc: pymupdf.Document, xref: int, mapping: dict[str, str]) -> None:
    try:
        data = doc.xref_stream(xref) or b""
    except (RuntimeError, ValueError):
        return
    pattern = _FONT_OPERATOR
    encoded = {old.encode("latin-1"): new.encode("latin-1") for old, new in mapping.items()}
    cleaned = pattern.sub(lambda m: b"/" + encoded.get(m.group(1), m.group(1)) + m.group(2), data)
    if cleaned != data:
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
    fonts: list[int] = []
    forms: list[int] = []
    # One read of each object's keys, then only the values needed (this loop visits every object).
    for xref in range(1, doc.xref_length()):
        keys = set(doc.xref_get_keys(xref))
        if not keys:
            continue  # arrays, numbers, free objects, empty dictionaries: nothing to remove
        kind = doc.xref_get_key(xref, "Type")[1] if "Type" in keys else "null"
        subtype = doc.xref_get_key(xref, "Subtype")[1] if "Subtype" in keys else "null"
        if kind == "/Font":
            fonts.append(xref)
        if kind == "/Page":
            _keep_only(doc, xref, PAGE_KEYS)
        elif kind == "/Pages":
            _keep_only(doc, xref, PAGE_TREE_KEYS)
        elif subtype == "/Image":
            _keep_only(doc, xref, IMAGE_KEYS)
        elif subtype == "/Form":
            _keep_only(doc, xref, FORM_KEYS)
            streams.add(xref)
            forms.append(xref)
        else:
            for key in keys.intersection(DATA_KEYS):
                if doc.xref_get_key(xref, key)[0] != "null":
                    doc.xref_set_key(xref, key, "null")
        # Marked-content property lists: after the layers, they only hold names and text.
        if "Resources" in keys and doc.xref_get_key(xref, "Resources/Properties")[0] != "null":
            doc.xref_set_key(xref, "Resources/Properties", "null")
        own = "Properties" in keys and kind not in ("/Page", "/Pages")
        if own and doc.xref_get_key(xref, "Properties")[0] != "null":
            doc.xref_set_key(xref, "Properties", "null")
    _clean_streams(doc, streams)
    _neutral_font_names(doc, fonts)
    _neutral_font_resources(doc, forms)
