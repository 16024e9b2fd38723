"""Ingest: open a PDF and turn each page into text plus the geometry of every character."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pymupdf

from redactor.config import OcrConfig
from redactor.errors import DocumentError
from redactor.ingest import ocr, trust
from redactor.types import BBox, Document, PageText

# Ligatures are expanded (detection must see "Griffiths", not "Gri\ufb03ths"); whitespace is kept
# so that character indices map one-to-one onto glyphs.
TEXT_FLAGS = (pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP) & ~pymupdf.TEXT_PRESERVE_LIGATURES

HYPHENS = frozenset("-\u00ad\u2010")
# Invisible characters are left out of the text detection reads: a zero-width space inside a
# name or an e-mail address (a wrap point, or an attempt to dodge detection) must not hide it.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# A page whose images cover this much of it, with little text, is probably a scan.
SCAN_IMAGE_COVER = 0.5
SCAN_MAX_CHARS = 40
# A picture on which OCR reads at least this many words with low confidence needs a person;
# fewer are a logo's lettering or the stray "words" OCR finds in a photograph (still detected).
REGION_REVIEW_WORDS = 20
# Character boxes are font boxes, which overlap the neighbouring lines a little; redaction trims
# this share off their top and bottom (apply.boxes). OCR boxes joined to a text layer are
# grown by as much beforehand, so the trim gives back the whole OCR box.
VERTICAL_TRIM = 0.12
# Share of unmappable characters above which extracted text cannot be trusted.
GARBLED_SHARE = 0.1


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_pdf(data: bytes, name: str, max_pages: int | None = None) -> pymupdf.Document:
    """Open PDF bytes, raising DocumentError with a reason a person can act on.

    More pages than `max_pages` (`OcrConfig.max_pages`) is refused; None checks no count (a
    later stage reopening a document that ingest has already accepted).
    """
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError, ValueError) as exc:
        raise DocumentError(
            f"{name}: cannot be opened as a PDF ({exc}); check that the file is a complete PDF"
        ) from exc
    if doc.needs_pass:
        doc.close()
        raise DocumentError(f"{name}: the PDF is password-protected; save an unencrypted copy and run again")
    try:
        count = doc.page_count
    except (RuntimeError, ValueError) as exc:  # a page tree claiming more pages than it holds
        doc.close()
        raise DocumentError(f"{name}: the PDF's page tree is broken ({exc}); the document was not released") from exc
    if count == 0:
        doc.close()
        raise DocumentError(f"{name}: the PDF has no pages")
    if max_pages is not None and count > max_pages:
        doc.close()
        raise DocumentError(f"{name}: the PDF has {count} pages, more than {max_pages}; split it and run again")
    return doc


def prepare(doc: pymupdf.Document) -> None:
    """Make everything a reader could see part of the page content, identically for every stage.

    Optional content is made unconditional by removing `/OCProperties`: without it every layer,
    and every membership expression over layers, is shown, so what is hidden in a layer that is
    switched off is read by detection and removed by redaction, and the released file shows
    exactly what was checked. (Switching layers on in the viewer configuration is not enough:
    MuPDF keeps the loaded configuration, and /OCMD policies can still hide content.) Form-field
    values and annotation appearances are then baked into the page.
    """
    catalog = doc.pdf_catalog()
    if doc.xref_get_key(catalog, "OCProperties")[0] != "null":
        doc.xref_set_key(catalog, "OCProperties", "null")
    doc.bake(annots=True, widgets=True)


def page_text_of(page: pymupdf.Page) -> PageText:
    """The text layer of one page with the geometry of every character (no OCR)."""
    chars: list[str] = []
    boxes: list[BBox | None] = []
    lines: list[int] = []
    line_id = 0

    def sep(text: str) -> None:
        for c in text:
            chars.append(c)
            boxes.append(None)
            lines.append(-1)

    raw = page.get_text("rawdict", flags=TEXT_FLAGS)
    first_block = True
    for block in raw["blocks"]:
        if block.get("type") != 0:
            continue
        if not first_block and chars:
            sep("\n\n")
        first_block = False
        first_line = True
        for line in block["lines"]:
            line_spans = [span for span in line["spans"] if span.get("chars")]
            if not line_spans:
                continue
            if not first_line:
                if _ends_hyphenated(chars, _first_char(line_spans[0])):
                    # Re-join a word hyphenated at the line end: drop the hyphen and the break,
                    # and let the preceding glyph's box cover the hyphen so it is redacted too.
                    hyphen_box = boxes.pop()
                    chars.pop()
                    lines.pop()
                    prev = boxes[-1]
                    if prev is not None and hyphen_box is not None:
                        boxes[-1] = _union(prev, hyphen_box)
                else:
                    sep("\n")
            first_line = False
            line_id += 1
            prev_x1: float | None = None
            for span in line_spans:
                # A visual gap between glyphs with no space character is a word break.
                min_gap = 0.15 * float(span.get("size", 10.0))
                for ch in span["chars"]:
                    c = ch["c"]
                    if len(c) != 1 or not c.isascii():  # most glyphs are one ASCII character
                        c = _glyph(c)
                        if c in ZERO_WIDTH:
                            continue
                    bbox = ch["bbox"]  # a tuple of four floats
                    if prev_x1 is not None and bbox[0] - prev_x1 > min_gap and c != " " and chars[-1] not in " \n":
                        sep(" ")
                    chars.append(c)
                    boxes.append(bbox)
                    lines.append(line_id)
                    prev_x1 = bbox[2]
    rect = page.rect
    return PageText(
        number=page.number or 0,
        text="".join(chars),
        boxes=tuple(boxes),
        lines=tuple(lines),
        width=rect.width,
        height=rect.height,
        has_images=bool(page.get_images(full=False)),
    )


def _glyph(c: str) -> str:
    """One character per glyph, composed, so that indices stay aligned with boxes."""
    if not c.isascii():
        c = unicodedata.normalize("NFC", c)
    if len(c) != 1:
        c = c[:1] or " "
    return c


def _first_char(span: dict[str, Any]) -> str:
    return _glyph(span["chars"][0]["c"])


def _ends_hyphenated(chars: list[str], next_first: str) -> bool:
    if len(chars) < 2 or chars[-1] not in HYPHENS or not chars[-2].isalpha():
        return False
    return next_first.isalpha() and next_first.islower()


def _grown(b: BBox, dy: float) -> BBox:
    return (b[0], b[1] - dy, b[2], b[3] + dy)


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def is_scan(page: pymupdf.Page, page_text: PageText) -> bool:
    """An image covering most of the page and (almost) no text layer: the text is in the pixels."""
    if page_text.ocr or not page_text.has_images:
        return False
    if sum(1 for c in page_text.text if not c.isspace()) >= SCAN_MAX_CHARS:
        return False
    area = abs(page.rect) or 1.0
    covered = sum(abs(pymupdf.Rect(info["bbox"]) & page.rect) for info in page.get_image_info())
    return bool(covered / area >= SCAN_IMAGE_COVER)


def page_problems(doc: pymupdf.Document, pages: tuple[PageText, ...], garbled: bool = True) -> list[str]:
    """Pages whose text detection cannot be trusted: scans without text, garbled fonts.

    `garbled` off: undecodable text is left to the text-layer check (`_check_text_layer`), which
    reads such a page by OCR or reports it.
    """
    problems: list[str] = []
    for page_text in pages:
        if page_text.ocr:
            continue
        if is_scan(doc[page_text.number], page_text):
            problems.append(f"page {page_text.number + 1} is an image with no text layer (a scan?): it needs OCR")
            continue
        visible = [c for c in page_text.text if not c.isspace()]
        if visible and garbled:
            bad = sum(1 for c in visible if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc"))
            if bad / len(visible) > GARBLED_SHARE:
                problems.append(
                    f"page {page_text.number + 1} has text that cannot be decoded (font without a Unicode map)"
                )
    return problems


def read_scans(doc: pymupdf.Document, pages: list[PageText], cfg: OcrConfig) -> tuple[list[str], list[str]]:
    """OCR the scanned pages, and the pictures on other pages, in place; returns (problems, log notes).

    A page found to be a scan is OCR'd whole. A page whose text layer may not say what the page
    shows (`trust.suspicion`) is OCR'd whole and compared with it (`_check_text_layer`). On any
    other page each picture large enough to
    hold text is OCR'd on its own and its words are added to the page's text, so that a scanned
    letter with a typed footer, or a screenshot pasted on a typed page, is read and redacted
    like a scan. A page whose OCR is not confident enough, or on which OCR reads nothing
    although something is drawn, is a problem: a person must check it rather than it being
    released as if checked.
    """
    problems: list[str] = []
    notes: list[str] = []
    for i, page_text in enumerate(pages):
        page = doc[page_text.number]
        if not is_scan(page, page_text):
            checked = _check_text_layer(page, page_text, cfg, problems, notes) if cfg.text_check.enabled else None
            if checked is not None:
                pages[i] = checked
            elif page_text.has_images:
                pages[i] = _read_pictures(page, page_text, cfg, problems, notes)
            continue
        if not cfg.enabled:
            continue
        result = ocr.ocr_page(page, cfg)
        pages[i] = result.page
        n = page_text.number + 1
        if result.blank:
            notes.append(f"page {n} is a scanned blank page (OCR: nothing to read)")
        elif result.confidence is None:
            problems.append(f"page {n} is a scan on which OCR read no text (handwriting or a picture?): review it")
        else:
            notes.append(f"page {n} was read by OCR: {result.words} words, mean confidence {result.confidence:.1f}")
            if result.confidence < cfg.min_confidence:
                problems.append(
                    f"page {n} is a scan whose OCR confidence ({result.confidence:.1f}) is below "
                    f"{cfg.min_confidence:g}: it needs manual review"
                )
    return problems, notes


def _check_text_layer(
    page: pymupdf.Page, page_text: PageText, cfg: OcrConfig, problems: list[str], notes: list[str]
) -> PageText | None:
    """A suspect page's text layer compared with OCR of the drawn page; None when it is sound.

    When OCR reads words the text layer does not hold, the page is read like a scan: its OCR
    text (with boxes) joins the text layer, so detection sees what a reader sees and redaction
    removes what lies under those words. When OCR cannot be trusted either, a person must look.
    """
    why = trust.suspicion(page, page_text, cfg.text_check)
    if why is None:
        return None
    n = page_text.number + 1
    if not cfg.enabled:
        problems.append(f"page {n}: its text layer may not match what is drawn ({why}); OCR is off: review it")
        return page_text
    result = ocr.ocr_page(page, cfg)
    seen = trust.compare(page_text, result.page)
    if not trust.disagrees(seen, cfg.text_check, why):
        notes.append(
            f"page {n}: its text layer looked suspect ({why}), but OCR of the page agrees with it "
            f"({seen.ocr_words} words compared)"
        )
        return None
    mismatch = (
        f"page {n}: its text layer does not match what is drawn (suspect: {why}; OCR reads {len(seen.missing)} of "
        f"{seen.ocr_words} words that are not in it)"
    )
    if result.confidence is None or result.confidence < cfg.min_confidence:
        conf = "nothing" if result.confidence is None else f"confidence {result.confidence:.1f}"
        problems.append(f"{mismatch}, and OCR is not confident enough ({conf}) to read it instead: review it")
        return page_text
    notes.append(f"{mismatch}: it was read by OCR, {result.words} words, mean confidence {result.confidence:.1f}")
    return _join(page_text, result.page)


def picture_regions(page: pymupdf.Page, cfg: OcrConfig) -> list[pymupdf.Rect]:
    """Where pictures large enough to hold text are drawn on the page (overlaps merged)."""
    rects: list[pymupdf.Rect] = []
    for info in page.get_image_info():
        r = pymupdf.Rect(info["bbox"]) & page.rect
        if r.width >= cfg.region_min_width and r.height >= cfg.region_min_height:
            rects.append(r)
    merged: list[pymupdf.Rect] = []
    for r in sorted(rects, key=lambda r: -abs(r)):
        if not any(abs(m & r) >= 0.9 * abs(r) for m in merged):
            merged.append(r)
    return merged


def _read_pictures(
    page: pymupdf.Page, page_text: PageText, cfg: OcrConfig, problems: list[str], notes: list[str]
) -> PageText:
    regions = picture_regions(page, cfg)
    if not regions:
        return page_text
    n = page_text.number + 1
    if not cfg.enabled:
        problems.append(f"page {n} has {len(regions)} picture(s) that may hold text, and OCR is off: review them")
        return page_text
    words = 0
    for rect in regions:
        result = ocr.ocr_region(page, rect, cfg)
        if not result.words:
            continue
        words += result.words
        page_text = _join(page_text, result.page)
        low = result.confidence is not None and result.confidence < cfg.min_confidence
        if low and result.words >= REGION_REVIEW_WORDS:
            problems.append(
                f"page {n} has a picture whose OCR confidence ({result.confidence:.1f}) is below "
                f"{cfg.min_confidence:g}: it needs manual review"
            )
    notes.append(f"page {n}: {len(regions)} picture(s) read by OCR, {words} words")
    return page_text


def _join(base: PageText, extra: PageText) -> PageText:
    """The text layer of a page followed by the OCR text of a picture on it, as one page text."""
    offset = max(base.lines, default=0) + 1
    grow = VERTICAL_TRIM / (1 - 2 * VERTICAL_TRIM)
    boxes = tuple(None if b is None else _grown(b, (b[3] - b[1]) * grow) for b in extra.boxes)
    sep = "\n\n" if base.text else ""
    return replace(
        base,
        text=base.text + sep + extra.text,
        boxes=base.boxes + (None,) * len(sep) + boxes,
        lines=base.lines + (-1,) * len(sep) + tuple(-1 if x < 0 else x + offset for x in extra.lines),
    )


def load(path: Path, relpath: str, ocr_cfg: OcrConfig | None = None) -> tuple[Document, list[str]]:
    """Read and extract a PDF; returns the document and pages that need a person's attention.

    Scanned pages are OCR'd (`ocr_cfg`, the shipped defaults when None); OcrUnavailableError
    (a DocumentError) is raised when one needs OCR and Tesseract is not installed.
    """
    cfg = ocr_cfg or OcrConfig()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{relpath}: cannot be read ({exc.strerror})") from exc
    doc = open_pdf(data, relpath, cfg.max_pages)
    try:
        prepare(doc)
        pages = [page_text_of(page) for page in doc]
        try:
            ocr_problems, notes = read_scans(doc, pages, cfg)
        except DocumentError as exc:
            raise type(exc)(f"{relpath}: {exc}; the document was not released") from exc
        problems = ocr_problems + page_problems(doc, tuple(pages), garbled=not cfg.text_check.enabled)
        warnings = ("the file was damaged and has been repaired by the PDF library",) if doc.is_repaired else ()
    except (RuntimeError, ValueError) as exc:
        raise DocumentError(f"{relpath}: the PDF breaks while its text is read ({exc})") from exc
    finally:
        doc.close()
    document = Document(
        relpath=relpath, sha256=sha256_bytes(data), pages=tuple(pages), warnings=warnings + tuple(notes)
    )
    return document, problems
