"""Apply: remove the decided items from the PDF for real, then strip everything else that leaks.

Text under a box is deleted from the content stream, image pixels under it are blanked and
vector art wholly under it is removed (PyMuPDF's `apply_redactions`). Metadata, XMP,
annotations, links, form fields, embedded files, JavaScript, bookmarks, page labels and
optional-content layers are removed, and the file is written as a full rewrite so that no
earlier revision survives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pymupdf

from redactor.config import RedactionConfig
from redactor.errors import DocumentError
from redactor.ingest import open_pdf, prepare
from redactor.model import Action, Decision

LABEL_FONT = "helv"
MIN_LABEL_SIZE = 4.0
# Character boxes are font boxes, which overlap the neighbouring lines a little; trimming the
# redaction box vertically keeps it from catching glyphs of the lines above and below.
VERTICAL_TRIM = 0.12

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
PAGE_KEYS = ("AA", "PieceInfo", "Thumb", "B", "Annots")


def label_size(rect: pymupdf.Rect, label: str) -> float | None:
    """The font size that fits the exemption label in the box, or None if it cannot fit legibly."""
    unit = pymupdf.get_text_length(label, fontname=LABEL_FONT, fontsize=1)
    size = min(rect.height * 0.8, (rect.width - 1.0) / unit if unit else 0.0)
    return size if size >= MIN_LABEL_SIZE else None


def redaction_rect(bbox: tuple[float, float, float, float]) -> pymupdf.Rect:
    rect = pymupdf.Rect(bbox)
    trim = rect.height * VERTICAL_TRIM
    return pymupdf.Rect(rect.x0, rect.y0 + trim, rect.x1, rect.y1 - trim)


def mark_page(page: pymupdf.Page, decisions: Sequence[Decision], cfg: RedactionConfig) -> None:
    for d in decisions:
        label = d.exemption if cfg.label and d.exemption else None
        for bbox in d.rects:
            rect = redaction_rect(bbox)
            size = label_size(rect, label) if label else None
            page.add_redact_annot(
                rect,
                text=label if size else None,
                fontname=LABEL_FONT,
                fontsize=size or 11,
                align=pymupdf.TEXT_ALIGN_CENTER,
                fill=cfg.fill,
                text_color=cfg.label_color,
                cross_out=False,
            )


def sanitise(doc: pymupdf.Document) -> None:
    """Remove every carrier of data other than the visible page content."""
    doc.scrub(
        attached_files=True,
        clean_pages=True,
        embedded_files=True,
        hidden_text=True,
        javascript=True,
        metadata=True,
        redactions=False,  # already applied, page by page
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    for page in doc:
        for widget in list(page.widgets()):
            page.delete_widget(widget)
        for annot in list(page.annots()):
            page.delete_annot(annot)
        for key in PAGE_KEYS:
            doc.xref_set_key(page.xref, key, "null")
    catalog = doc.pdf_catalog()
    for key in CATALOG_KEYS:
        doc.xref_set_key(catalog, key, "null")
    doc.set_metadata({})
    doc.del_xml_metadata()


def redact_pdf(source: Path, relpath: str, decisions: Sequence[Decision], out_path: Path, cfg: RedactionConfig) -> None:
    """Write the redacted, sanitised copy of `source` to `out_path` (a work-folder path)."""
    data = source.read_bytes()
    doc = open_pdf(data, relpath)
    try:
        prepare(doc)
        by_page: dict[int, list[Decision]] = defaultdict(list)
        for d in decisions:
            if d.action is Action.REDACT:
                by_page[d.finding.page].append(d)
        for page in doc:
            page_decisions = by_page.get(page.number or 0)
            if page_decisions:
                mark_page(page, page_decisions, cfg)
                page.apply_redactions(
                    images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                    graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                    text=pymupdf.PDF_REDACT_TEXT_REMOVE,
                )
        try:
            sanitise(doc)
        except RuntimeError:
            # MuPDF's scrub walks every object and stops at a dangling reference; a rewrite
            # (which drops unreachable and missing objects) lets it run to the end.
            rewritten = pymupdf.open(stream=doc.tobytes(garbage=4, clean=True), filetype="pdf")
            doc.close()
            doc = rewritten
            sanitise(doc)
        doc.save(
            out_path,
            garbage=4,
            deflate=True,
            clean=True,
            incremental=False,
            encryption=pymupdf.PDF_ENCRYPT_NONE,
        )
    except (RuntimeError, ValueError) as exc:
        raise DocumentError(f"{relpath}: redaction failed ({exc})") from exc
    finally:
        doc.close()
