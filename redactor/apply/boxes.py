"""Boxes: where each redacted item's box goes, and drawing it (with its label) after removal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pymupdf

from redactor.config import RedactionConfig
from redactor.ingest.pdf import TEXT_FLAGS, VERTICAL_TRIM
from redactor.types import BBox, Decision, PageText

LABEL_FONT = "helv"
MIN_LABEL_SIZE = 4.0


def label_size(rect: pymupdf.Rect, label: str) -> float | None:
    """The font size that fits the exemption label in the box, or None if it cannot fit legibly."""
    unit = _label_unit(label)
    size = min(rect.height * 0.8, (rect.width - 1.0) / unit if unit else 0.0)
    return size if size >= MIN_LABEL_SIZE else None


def redaction_rect(bbox: tuple[float, float, float, float], trim_share: float = VERTICAL_TRIM) -> pymupdf.Rect:
    rect = pymupdf.Rect(bbox)
    trim = rect.height * trim_share
    return pymupdf.Rect(rect.x0, rect.y0 + trim, rect.x1, rect.y1 - trim)


@dataclass(frozen=True)
class Piece:
    """One box: the part of a redacted item on one text line, and the kept text either side."""

    rect: pymupdf.Rect
    label: str | None
    before: tuple[str, BBox] | None  # the nearest kept non-space glyph to the left, same line
    after: tuple[str, BBox] | None  # and to the right
    drawn: pymupdf.Rect | None = None  # the box to draw, when it is known before removal


def pieces(page_text: PageText, decisions: Sequence[Decision], cfg: RedactionConfig) -> list[Piece]:
    redacted = {i for d in decisions for i in range(d.finding.start, d.finding.end)}
    text, boxes, lines = page_text.text, page_text.boxes, page_text.lines

    def neighbour(i: int, step: int, line: int) -> tuple[str, BBox] | None:
        while 0 <= i < len(text) and lines[i] == line and i not in redacted:
            box = boxes[i]
            if box is not None and not text[i].isspace():
                return text[i], box
            i += step
        return None

    out: list[Piece] = []
    for d in decisions:
        label = d.exemption if cfg.label and d.exemption else None
        if d.finding.start >= d.finding.end:
            # A rectangle a reviewer drew: remove exactly it, whatever is under it.
            out.extend(Piece(pymupdf.Rect(r), label, None, None, pymupdf.Rect(r)) for r in d.rects)
            continue
        spans: dict[int, list[int]] = {}
        for i in range(d.finding.start, d.finding.end):
            if boxes[i] is not None:
                spans.setdefault(lines[i], []).append(i)
        for line, indices in spans.items():
            first, last = min(indices), max(indices)
            bs = [b for i in indices if (b := boxes[i]) is not None]
            bbox = (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
            # OCR boxes are the line's ink plus a margin, not font boxes: nothing to trim.
            rect = redaction_rect(bbox, 0.0 if page_text.ocr else VERTICAL_TRIM)
            before, after = neighbour(first - 1, -1, line), neighbour(last + 1, 1, line)
            a, b = bs[0], bs[-1]
            if abs((b[1] + b[3]) - (a[1] + a[3])) > abs((b[0] + b[2]) - (a[0] + a[2])):
                # A vertical line: trim across it (left and right), never along it, and no fitting.
                trim = 0.0 if page_text.ocr else (bbox[2] - bbox[0]) * VERTICAL_TRIM
                vertical = pymupdf.Rect(bbox[0] + trim, bbox[1], bbox[2] - trim, bbox[3])
                for kept in (before, after):  # glyph boxes overlap along the line: stop short of them
                    if kept is not None and pymupdf.Rect(kept[1]).intersects(vertical):
                        if (kept[1][1] + kept[1][3]) / 2 < (vertical.y0 + vertical.y1) / 2:
                            vertical.y0 = max(vertical.y0, kept[1][3])
                        else:
                            vertical.y1 = min(vertical.y1, kept[1][1])
                drawn = pymupdf.Rect(vertical)
                if after is not None:
                    # MuPDF moves the kept text after a removed run back by the first removed
                    # glyph's advance (see draw_boxes); stop the box short by as much.
                    advance = a[3] - a[1]
                    if (b[1] + b[3]) < (a[1] + a[3]):  # read upwards: the kept text is above
                        drawn.y0 = min(drawn.y0 + advance, drawn.y1 - 1)
                    else:
                        drawn.y1 = max(drawn.y1 - advance, drawn.y0 + 1)
                out.append(Piece(vertical, label, None, None, drawn))
                continue
            if not page_text.ocr:
                # Glyph boxes of neighbours can overlap by a hair (kerning); keep the box off them.
                inset = min(0.4, 0.1 * (bbox[2] - bbox[0]) / max(len(bs), 1))
                rect = pymupdf.Rect(rect.x0 + inset, rect.y0, rect.x1 - inset, rect.y1)
            # Boxes are fitted along a horizontal line only; vertical or rotated lines keep theirs.
            if before is not None and before[1][2] > rect.x0 + 1:
                before = None
            if after is not None and after[1][0] < rect.x1 - 1:
                after = None
            out.append(Piece(rect, label, before, after))
    return out


Word = tuple[float, float, float, float, str]


def _moved(words: Sequence[Word], glyph: tuple[str, BBox], at_end: bool) -> float | None:
    """Where a kept glyph's edge is now: a word starting (ending) with it, at or left of its old place."""
    c, orig = glyph
    mid = (orig[1] + orig[3]) / 2
    old = orig[2] if at_end else orig[0]
    best: float | None = None
    for x0, y0, x1, y1, word in words:
        edge = x1 if at_end else x0
        if (word[-1] if at_end else word[0]) == c and y0 <= mid <= y1 and old - 40 <= edge <= old + 0.5:
            best = edge if best is None else max(best, edge)
    return best


def draw_boxes(page: pymupdf.Page, placed: Sequence[Piece], cfg: RedactionConfig) -> None:
    """Draw the filled boxes, and their labels, over the gaps the removed text left.

    MuPDF can move the text that follows a removed run (it drops the advance of the first
    removed glyph when the run starts inside a string), so each box is fitted to where the
    kept text either side now is, keeping the original spacing, rather than drawn at the old
    place over a letter of the next word.
    """
    if not placed:
        return
    band = pymupdf.Rect(-1e4, min(p.rect.y0 for p in placed) - 2, 1e4, max(p.rect.y1 for p in placed) + 2)
    words: list[Word] = [w[:5] for w in page.get_text("words", flags=TEXT_FLAGS, clip=band)]
    shape = page.new_shape()
    writer = pymupdf.TextWriter(page.rect)
    font = _label_font()
    for piece in placed:
        rect = pymupdf.Rect(piece.drawn or piece.rect)
        left = _moved(words, piece.before, at_end=True) if piece.before else None
        right = _moved(words, piece.after, at_end=False) if piece.after else None
        shift = piece.before[1][2] - left if piece.before and left is not None else 0.0
        x0 = rect.x0 - shift
        x1 = right - (piece.after[1][0] - rect.x1) if piece.after and right is not None else rect.x1 - shift
        if x1 - x0 >= 1.0:
            rect.x0, rect.x1 = x0, x1
        shape.draw_rect(rect)
        size = label_size(rect, piece.label) if piece.label else None
        if piece.label and size:
            width = _label_unit(piece.label) * size
            origin = pymupdf.Point(rect.x0 + (rect.width - width) / 2, rect.y1 - (rect.height - size * 0.7) / 2)
            writer.append(origin, piece.label, font=font, fontsize=size)
    shape.finish(fill=cfg.fill, color=None, width=0)
    shape.commit()
    writer.write_text(page, color=cfg.label_color)


@lru_cache(maxsize=1)
def _label_font() -> pymupdf.Font:
    return pymupdf.Font(LABEL_FONT)


@lru_cache(maxsize=16)
def _label_unit(label: str) -> float:
    """The label's width at font size 1."""
    return float(_label_font().text_length(label, fontsize=1))
