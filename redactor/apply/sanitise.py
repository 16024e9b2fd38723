"""Sanitise: remove every carrier of data other than the visible page content."""

from __future__ import annotations

import pymupdf

# Catalog entries that can carry data or behaviour a released document must not have.
CATALOG_KEYS = (
    "AcroForm",
    "OCProperties",
    "OpenAction",
    "AA",
    "Names",
    "Outlines",
    "PageLabels",
    "StructTreeRoot",
    "MarkInfo",
    "PieceInfo",
    "Threads",
    "SpiderInfo",
    "Collection",
    "Perms",
)
PAGE_KEYS = ("AA", "PieceInfo", "Thumb", "B", "Annots", "Metadata")


def sanitise(doc: pymupdf.Document) -> None:
    """Remove every carrier of data other than the visible page content.

    Annotations (comments, attachments, links and their actions) and form fields go; so do the
    document information, XMP, embedded files, and catalog entries that hold scripts, layers,
    bookmarks, page labels or private application data. The full rewrite on saving then drops
    every object nothing refers to any more.
    """
    for page in doc:
        for widget in list(page.widgets()):
            page.delete_widget(widget)
        for annot in list(page.annots()):
            page.delete_annot(annot)
        for key in PAGE_KEYS:
            doc.xref_set_key(page.xref, key, "null")
    for name in doc.embfile_names():
        doc.embfile_del(name)
    catalog = doc.pdf_catalog()
    for key in CATALOG_KEYS:
        doc.xref_set_key(catalog, key, "null")
    doc.set_metadata({})
    doc.del_xml_metadata()
