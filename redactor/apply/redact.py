"""Apply: remove the decided items from the PDF for real, then strip everything else that leaks.

Text under a box is deleted from the content stream, image pixels under it are blanked and
vector art wholly under it is removed (PyMuPDF's `apply_redactions`), with letters drawn as
outlines that stick out of it (`glyph_paths_astride`); the boxes are drawn
afterwards (`boxes`), the document is sanitised (`sanitise`), and the file is written as a full
rewrite so that no earlier revision survives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pymupdf

from redactor.apply.boxes import draw_boxes, pieces
from redactor.apply.sanitise import sanitise
from redactor.config import OcrConfig, RedactionConfig
from redactor.errors import DocumentError
from redactor.ingest.ocr import kept_words, write_text_layer
from redactor.ingest.pdf import open_pdf, prepare
from redactor.types import Action, Decision, Document

__all__ = ["glyph_paths_astride", "redact_pdf"]


def glyph_paths_astride(page: pymupdf.Page, boxes: Sequence[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """The whole areas of letter-sized vector paths that a box covers only in part.

    Text turned into outlines is drawn one path per letter; MuPDF removes a path only when a
    box covers all of it, so a letter whose descender or edge sticks out of its box would stay
    in the file, readable once the box is lifted. A path no taller than its box's line (and no
    wider than the box plus a letter) whose centre lies in the box is a letter of the redacted
    word: its own area is removed too (the drawn box keeps its size). Rules and table borders
    are longer than that and stay.
    """
    out: list[pymupdf.Rect] = []
    for drawing in page.get_cdrawings() if boxes else ():  # the C-level listing: no Python objects per item
        r = pymupdf.Rect(drawing["rect"])
        centre = pymupdf.Point((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2)
        for box in boxes:
            if (
                box.contains(centre)
                and not box.contains(r)
                and r.height <= 2 * box.height
                and r.width <= box.width + box.height
            ):
                out.append(pymupdf.Rect(r.x0 - 0.5, r.y0 - 0.5, r.x1 + 0.5, r.y1 + 0.5))
                break
    return out


def redact_pdf(
    source: Path,
    document: Document,
    decisions: Sequence[Decision],
    out_path: Path,
    cfg: RedactionConfig,
    ocr_cfg: OcrConfig | None = None,
) -> None:
    """Write the redacted, sanitised copy of `source` to `out_path` (a work-folder path).

    On pages read by OCR the boxes remove the image pixels under them, and the page gets an
    invisible text layer of the OCR words that carry nothing redacted (or none, by configuration).
    """
    text_layer = (ocr_cfg or OcrConfig()).text_layer
    data = source.read_bytes()
    relpath = document.relpath
    doc = open_pdf(data, relpath)
    try:
        prepare(doc)
        by_page: dict[int, list[Decision]] = defaultdict(list)
        for d in decisions:
            if d.action is Action.REDACT:
                by_page[d.finding.page].append(d)
        for page in doc:
            page_text = document.pages[page.number or 0]
            page_decisions = by_page.get(page.number or 0, [])
            placed = pieces(page_text, page_decisions, cfg) if page_decisions else []
            if placed:
                for piece in placed:
                    # The box is drawn afterwards (draw_boxes); MuPDF only removes what lies under it.
                    page.add_redact_annot(piece.rect, fill=False, cross_out=False)
                astride = glyph_paths_astride(page, [p.rect for p in placed])
                page.apply_redactions(
                    images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                    graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                    text=pymupdf.PDF_REDACT_TEXT_REMOVE,
                )
                # A second pass: MuPDF leaves a path that one box covers when another overlaps it.
                for rect in astride:
                    page.add_redact_annot(rect, fill=False, cross_out=False)
                if astride:
                    page.apply_redactions(
                        images=pymupdf.PDF_REDACT_IMAGE_NONE,
                        graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                        text=pymupdf.PDF_REDACT_TEXT_NONE,
                    )
                draw_boxes(page, placed, cfg)
            if page_text.ocr and text_layer == "kept":
                redacted = {i for d in page_decisions for i in range(d.finding.start, d.finding.end)}
                write_text_layer(page, kept_words(page_text, redacted, [p.rect for p in placed]))
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
