"""Writing PDFs: embedded Unicode font or base-14 Helvetica, and image-only scans."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pymupdf

from devtools.synthetic.layout import (
    FONT_SIZE,
    FOOTER,
    LEADING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    unicode_font,
)
from devtools.synthetic.text import FONTS, SyntheticDocument, fold_document

# PyMuPDF ships py.typed but leaves most functions unannotated: call it through Any.
_mu: Any = pymupdf

_FIXED_DATE = "D:20260101000000Z"
_HEX_TJ = re.compile(rb"\[<([0-9A-Fa-f]*)>\]\s*TJ")


def _pdf_literal(raw: bytes) -> bytes:
    """Escape bytes for a PDF literal string, leaving balanced parentheses as they are."""
    unmatched: set[int] = set()
    stack: list[int] = []
    for i, ch in enumerate(raw):
        if ch == 0x28:
            stack.append(i)
        elif ch == 0x29:
            if stack:
                stack.pop()
            else:
                unmatched.add(i)
    unmatched.update(stack)
    out = bytearray()
    for i, ch in enumerate(raw):
        if ch == 0x5C or i in unmatched:
            out.append(0x5C)
        out.append(ch)
    return bytes(out)


def _hex_to_literal(match: re.Match[bytes]) -> bytes:
    return b"(" + _pdf_literal(bytes.fromhex(match.group(1).decode("ascii"))) + b") Tj"


def write_scan(src: Path, dst: Path, dpi: int, rotate: int = 0) -> Path:
    """An image-only copy of `src` at `dpi`, as a scanner makes: no text layer at all.

    With `rotate`, each image is stored turned and shown upright through the page's /Rotate.
    """
    with _mu.open(src) as doc, _mu.open() as out:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=_mu.csGRAY)
            w, h = page.rect.width, page.rect.height
            new = out.new_page(width=h, height=w) if rotate in (90, 270) else out.new_page(width=w, height=h)
            new.insert_image(new.rect, pixmap=pix, rotate=rotate)
            new.set_rotation(rotate)
        dst.parent.mkdir(parents=True, exist_ok=True)
        out.save(dst, garbage=4, deflate=True)
    return dst


def write_pdf(doc: SyntheticDocument, path: Path, font: str = "unicode") -> None:
    """Write `doc` as a PDF at `path`.

    font="unicode" embeds a subset of Nimbus Sans and keeps every diacritic; font="helv" uses
    base-14 Helvetica with ASCII-folded text, written as literal strings in uncompressed
    content streams.
    """
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    helv = font == "helv"
    if helv:
        doc = fold_document(doc)
    else:
        face = unicode_font()
        missing = sorted({ch for page in doc.pages for line in page for ch in line if not face.has_glyph(ord(ch))})
        if missing:
            raise ValueError(f"no glyph for {''.join(missing)!r}")
    fontname = "helv" if helv else "FUni"
    pdf = _mu.open()
    try:
        for lines in doc.pages:
            page = pdf.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
            if not helv:
                page.insert_font(fontname=fontname, fontbuffer=unicode_font().buffer)
            for i, line in enumerate(lines):
                if not line:
                    continue
                footer = len(doc.pages) > 1 and i == len(lines) - 1 and FOOTER.match(line)
                y = PAGE_HEIGHT - MARGIN_BOTTOM + 20 if footer else MARGIN_TOP + FONT_SIZE + i * LEADING
                page.insert_text((MARGIN_X, y), line, fontname=fontname, fontsize=FONT_SIZE)
            if helv:
                for xref in page.get_contents():
                    stream = _HEX_TJ.sub(_hex_to_literal, pdf.xref_stream(xref))
                    pdf.update_stream(xref, stream, compress=0)
        pdf.set_metadata(
            {
                "title": doc.title,
                "author": doc.metadata_personal[0] if doc.metadata_personal else "",
                "subject": "Synthetic correspondence",
                "keywords": "",
                "creator": "redactor.synthetic",
                "producer": "PyMuPDF",
                "creationDate": _FIXED_DATE,
                "modDate": _FIXED_DATE,
            }
        )
        if not helv:
            pdf.subset_fonts()
        path.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(str(path), garbage=4, deflate=not helv, no_new_id=True)
    finally:
        pdf.close()
