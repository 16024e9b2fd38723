"""Page-content detectors: text that is in the file but cannot be seen.

Under a box, a dark highlight, a picture or a cross-hatch; invisible render mode; white or
background-coloured; transparent; tiny; off the page; an OCR layer under a blacked-out scan.

Page findings are decided from paint order (texttrace spans and bboxlog entries share `seqno`,
so text painted over a box, like our labels, is never "under" it) and confirmed by rendering:
the page is drawn once as it is and once with all its text removed, and a character whose
pixels are the same in both cannot be seen. That oracle is what keeps complex vector art
(winding rules, clipping paths) from looking like a redaction, and what finds text hidden by a
transparency group whose opacity the text trace does not report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pymupdf

from redactor.types import BBox, Severity
from redactor.verify.codes import Code, LeakFinding, finding

# A character counts as covered when this share of its box lies under one later opaque shape.
COVER_SHARE = 0.55
# Rendering: pixels per point, and the largest 0-255 difference that still means "no change".
ZOOM = 2.0
INVISIBLE_DIFF = 12
FAINT_DIFF = 48
MIN_FONT_SIZE = 1.0  # points; smaller text is unreadable on paper and on screen
MIN_OPACITY = 0.05
MIN_CONTRAST = 0.08  # colour distance (0-1 per channel) below which text matches its background
UNIFORM_SPREAD = 24  # max-min of a rendered region that still counts as one colour
EXCERPT = 60
MATRIX_CELLS = 1_000_000  # characters x covers compared at once (a few arrays of this many floats)
MAX_GEOMETRY_BOXES = 2_000  # more boxes than this: the length warning is not worked out

# Span types in get_texttrace(): 0 fill, 1 stroke, 2 clip, 3 invisible, 4 clip+stroke.
INVISIBLE_MODE = 3
PAINTED_MODES = (0, 1)

# Words a redaction box is labelled with: text hidden under or on a box that says only these
# discloses nothing (x-ray's "ok words").
LABEL_WORDS = frozenset(
    {
        "privilege",
        "privileged",
        "redacted",
        "redaction",
        "confidential",
        "withheld",
        "exempt",
        "exemption",
        "removed",
        "section",
        "s40",
        "foi",
        "personal",
        "information",
        "data",
        "attorney",
        "client",
        "work",
        "product",
    }
)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _union(rects: Iterable[pymupdf.Rect]) -> pymupdf.Rect:
    out = pymupdf.Rect()
    for r in rects:
        out |= r
    return out


# ---------------------------------------------------------------------------------------------
# Page content


@dataclass
class _Char:
    c: str
    box: BBox
    span: int  # index into spans

    @cached_property
    def rect(self) -> pymupdf.Rect:
        # Built only when needed: a Rect per character costs more than the whole check.
        return pymupdf.Rect(self.box)


@dataclass
class _Span:
    seqno: int
    mode: int
    opacity: float
    color: tuple[float, ...]
    size: float
    chars: list[_Char] = field(default_factory=list)


@dataclass(frozen=True)
class _Cover:
    seqno: float  # annotations are painted after all content: +inf
    rect: pymupdf.Rect
    kind: str  # "box", "image", "highlight", "annotation", "redaction annotation"
    color: tuple[float, ...] | None


def _rgb(color: Any) -> tuple[float, ...] | None:
    if color is None:
        return None
    vals = tuple(float(v) for v in color)
    if len(vals) == 1:
        return (vals[0],) * 3
    if len(vals) == 4:  # CMYK to RGB, roughly: enough to compare a colour with its background
        c, m, y, k = vals
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return vals[:3]


def _read_spans(page: pymupdf.Page) -> tuple[list[_Span], list[_Char]]:
    spans: list[_Span] = []
    chars: list[_Char] = []
    for raw in page.get_texttrace():
        span = _Span(
            seqno=int(raw["seqno"]),
            mode=int(raw["type"]),
            opacity=float(raw.get("opacity", 1.0)),
            color=_rgb(raw.get("color")) or (0.0, 0.0, 0.0),
            size=float(raw.get("size", 0.0)),
        )
        index = len(spans)
        spans.append(span)
        for code, _, _, box in raw["chars"]:
            c = chr(code) if code >= 0 else "\ufffd"
            x0, y0, x1, y1 = box
            if x1 <= x0 or y1 <= y0 or c.isspace():
                continue
            item = _Char(c, (x0, y0, x1, y1), index)
            span.chars.append(item)
        chars.extend(span.chars)
    return spans, chars


def _covers(page: pymupdf.Page, log: list[tuple[str, Any]]) -> list[_Cover]:
    """Every opaque thing painted on the page that could hide what was painted before it."""
    out: list[_Cover] = []
    for seqno, (kind, bbox) in enumerate(log):
        if kind in ("fill-image", "fill-imagemask", "fill-shade"):
            out.append(_Cover(seqno, pymupdf.Rect(bbox), "image" if "image" in kind else "shading", None))
    if any(kind == "fill-path" for kind, _ in log):
        for d in page.get_drawings():
            fill = d.get("fill")
            if fill is None or (d.get("fill_opacity") or 0.0) < 0.99:
                continue
            rects = [item[1] for item in d["items"] if item[0] == "re"]
            rects += [item[1].rect for item in d["items"] if item[0] == "qu"]
            if (not rects and d.get("closePath", False)) or (not rects and len(d["items"]) >= 3):
                rects = [d["rect"]]
            for r in rects:
                r = pymupdf.Rect(r).normalize()
                if r.width > 2 and r.height > 2:
                    out.append(_Cover(int(d["seqno"]), r, "box", _rgb(fill)))
    for annot in page.annots():
        name = annot.type[1]
        fill = _rgb(annot.colors.get("fill")) if annot.colors else None
        stroke = _rgb(annot.colors.get("stroke")) if annot.colors else None
        opacity = annot.opacity if annot.opacity is not None and annot.opacity >= 0 else 1.0
        if name == "Redact":
            out.append(_Cover(float("inf"), annot.rect, "redaction annotation", fill))
        elif name == "Highlight" and stroke is not None and sum(stroke) / 3 < 0.5 and opacity >= 0.5:
            for quad_rect in _annot_rects(annot):
                out.append(_Cover(float("inf"), quad_rect, "dark highlight", stroke))
        elif (
            name in ("Square", "Polygon", "Circle", "Ink", "Stamp", "FreeText")
            and opacity >= 0.99
            and (fill is not None or name in ("Stamp", "Ink"))
        ):
            out.append(_Cover(float("inf"), annot.rect, f"{name} annotation", fill))
    return out


def _annot_rects(annot: pymupdf.Annot) -> list[pymupdf.Rect]:
    vertices = annot.vertices or []
    rects = [pymupdf.Quad(vertices[i : i + 4]).rect for i in range(0, len(vertices) - 3, 4)]
    return rects or [annot.rect]


class _Renderer:
    """The page drawn as it is and with every text object removed, compared per character."""

    def __init__(self, page: pymupdf.Page, data: bytes) -> None:
        self.page = page
        self.data = data
        self._with: np.ndarray | None = None
        self._without: np.ndarray | None = None
        self._kept: list[pymupdf.Rect] = []

    @staticmethod
    def _array(pix: pymupdf.Pixmap) -> np.ndarray:
        return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, :3]

    def _render(self) -> None:
        matrix = pymupdf.Matrix(ZOOM, ZOOM)
        self._with = self._array(self.page.get_pixmap(matrix=matrix, alpha=False, colorspace=pymupdf.csRGB))
        copy = pymupdf.open(stream=self.data, filetype="pdf")
        try:
            other = copy[self.page.number or 0]
            for annot in list(other.annots(types=[pymupdf.PDF_ANNOT_REDACT])):
                other.delete_annot(annot)
            other.add_redact_annot(pymupdf.Rect(other.rect) + pymupdf.Rect(-1, -1, 1, 1), fill=False, cross_out=False)
            other.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_NONE,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
            pix = other.get_pixmap(matrix=matrix, alpha=False, colorspace=pymupdf.csRGB)
            self._without = self._array(pix)
            # Text the removal could not reach (some form XObjects) must not read as "unseen".
            self._kept = [pymupdf.Rect(s["bbox"]) for s in other.get_texttrace() if s["type"] != INVISIBLE_MODE]
        finally:
            copy.close()

    def _slice(self, image: np.ndarray, rect: pymupdf.Rect) -> np.ndarray:
        # Geometry is in unrotated page space; the pixmap is the page as displayed.
        shown = rect * self.page.rotation_matrix
        r = (shown & self.page.rect) - (self.page.rect.x0, self.page.rect.y0, self.page.rect.x0, self.page.rect.y0)
        x0, y0 = int(r.x0 * ZOOM), int(r.y0 * ZOOM)
        x1, y1 = max(int(np.ceil(r.x1 * ZOOM)), x0 + 1), max(int(np.ceil(r.y1 * ZOOM)), y0 + 1)
        return image[y0:y1, x0:x1]

    def difference(self, rect: pymupdf.Rect) -> int:
        """How much the pixels in `rect` change when the text is removed (0: the text is not seen)."""
        if self._with is None:
            self._render()
        assert self._with is not None and self._without is not None
        if any(abs(k & rect) > 0.3 * abs(rect) for k in self._kept):
            return 255
        # One pixel in from each edge: anti-aliased box edges and a glyph's sliver beyond the
        # box are not what is asked about.
        inset = 1.0 / ZOOM
        if rect.width > 3 * inset and rect.height > 3 * inset:
            rect = pymupdf.Rect(rect.x0 + inset, rect.y0 + inset, rect.x1 - inset, rect.y1 - inset)
        a, b = self._slice(self._with, rect), self._slice(self._without, rect)
        if a.size == 0 or a.shape != b.shape:
            return 255
        return int(np.abs(a.astype(np.int16) - b.astype(np.int16)).max())

    def spread(self, rect: pymupdf.Rect) -> int:
        """How far from a single colour the rendered region is, text included."""
        if self._with is None:
            self._render()
        assert self._with is not None
        a = self._slice(self._with, rect)
        if a.size == 0:
            return 0
        return int((a.max(axis=(0, 1)).astype(np.int16) - a.min(axis=(0, 1))).max())


def _distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return max(abs(x - y) for x, y in zip(a, b, strict=False))


@dataclass(frozen=True)
class _Layers:
    """For every character, what lies behind and over it: computed for a whole page at once.

    A page has a thousand characters and, once redacted, dozens of boxes; comparing them one
    pair at a time in Python costs more than redacting the page, so it is done with arrays.
    """

    covering: np.ndarray  # index of the topmost cover hiding the character, or -1
    behind: np.ndarray  # index of the last opaque fill under the character's centre, or -1
    over_image: np.ndarray  # bool: a picture painted before it lies under most of it

    @classmethod
    def of(cls, cb: np.ndarray, char_seq: np.ndarray, covers: Sequence[_Cover]) -> _Layers:
        """`cb`: the characters' boxes (n x 4); `char_seq`: when each was painted (n)."""
        n = len(cb)
        if not covers:
            none = np.full(n, -1)
            return cls(none, none, np.zeros(n, dtype=bool))
        kb = np.array([[k.rect.x0, k.rect.y0, k.rect.x1, k.rect.y1] for k in covers], dtype=float)
        char_seq = char_seq.astype(float)[:, None]
        cover_seq = np.array([k.seqno for k in covers], dtype=float)[None, :]
        images = np.array([k.kind == "image" for k in covers])[None, :]
        # Characters are taken in blocks so that memory stays bounded (a page of 30,000 small
        # rectangles and a few thousand characters would otherwise need gigabytes).
        step = max(1, MATRIX_CELLS // len(covers))
        blocks = [_block(cb[i : i + step], char_seq[i : i + step], kb, cover_seq, images) for i in range(0, n, step)]
        return cls(*(np.concatenate([b[j] for b in blocks]) for j in range(3)))

    def cover(self, i: int, covers: Sequence[_Cover]) -> _Cover | None:
        k = int(self.covering[i])
        return covers[k] if k >= 0 else None

    def background(self, i: int, covers: Sequence[_Cover]) -> tuple[float, ...] | None:
        """The colour behind a character: the last opaque fill painted before it, or white paper.

        None when a picture or shading is behind it: its colour there is not in the content stream.
        """
        k = int(self.behind[i])
        return covers[k].color if k >= 0 else (1.0, 1.0, 1.0)


def _block(
    cb: np.ndarray, char_seq: np.ndarray, kb: np.ndarray, cover_seq: np.ndarray, images: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_Layers for a block of characters against every cover."""
    width = np.clip(np.minimum(cb[:, None, 2], kb[None, :, 2]) - np.maximum(cb[:, None, 0], kb[None, :, 0]), 0, None)
    height = np.clip(np.minimum(cb[:, None, 3], kb[None, :, 3]) - np.maximum(cb[:, None, 1], kb[None, :, 1]), 0, None)
    area = np.maximum((cb[:, 2] - cb[:, 0]) * (cb[:, 3] - cb[:, 1]), 1e-9)[:, None]
    share = width * height / area
    del width, height
    after, before = cover_seq > char_seq, cover_seq < char_seq
    hides = after & (share >= COVER_SHARE)
    covering = np.where(hides.any(1), np.where(hides, cover_seq, -np.inf).argmax(1), -1)
    cx, cy = ((cb[:, 0] + cb[:, 2]) / 2)[:, None], ((cb[:, 1] + cb[:, 3]) / 2)[:, None]
    inside = (kb[None, :, 0] <= cx) & (cx <= kb[None, :, 2]) & (kb[None, :, 1] <= cy) & (cy <= kb[None, :, 3])
    under = inside & before
    behind = np.where(under.any(1), np.where(under, cover_seq, -np.inf).argmax(1), -1)
    over_image = (before & images & (share >= 0.5)).any(1)
    return covering, behind, over_image


@dataclass
class _Group:
    code: Code
    severity: Severity
    what: str
    chars: list[_Char] = field(default_factory=list)


class _PageScan:
    """One page's characters judged one by one against what lies over and behind them."""

    def __init__(self, page: pymupdf.Page, data: bytes, full: bool, spans: list[_Span], chars: list[_Char]) -> None:
        self.full = full
        self.spans = spans
        self.chars = chars
        self.covers = _covers(page, page.get_bboxlog())
        self.renderer = _Renderer(page, data)
        self.visible_area = page.rect * page.derotation_matrix  # text and drawings are in unrotated space
        n = len(chars)
        self.boxes = np.array([c.box for c in chars], dtype=float).reshape(n, 4)
        self.span_of = np.fromiter((c.span for c in chars), dtype=np.intp, count=n)
        seqnos = np.array([s.seqno for s in spans], dtype=float)
        self.layers = _Layers.of(self.boxes, seqnos[self.span_of], self.covers)
        self.groups: dict[tuple[Code, int, int], _Group] = {}
        self.visible_chars: list[_Char] = []
        # A page has thousands of characters but few (span colour, background) pairs: compare each once.
        self._low: dict[tuple[int, int], bool] = {}

    def add(self, code: Code, what: str, char: _Char, key: int) -> None:
        group = self.groups.setdefault((code, key, char.span), _Group(code, code.severity, what))
        group.chars.append(char)

    def low_contrast(self, i: int) -> bool:
        key = (self.chars[i].span, int(self.layers.behind[i]))
        if key not in self._low:
            background = self.layers.background(i, self.covers)
            self._low[key] = background is not None and _distance(self.spans[key[0]].color, background) < MIN_CONTRAST
        return self._low[key]

    def suspects(self) -> Iterable[int]:
        """The characters `judge` may have something to say about; on a clean page, almost none.

        The others are painted legibly on the page, under no cover and in contrast with their
        background: judging them one by one would conclude nothing, at a few microseconds each.
        """
        n = len(self.chars)
        if self.full or n == 0:
            return range(n)
        mode = np.array([s.mode for s in self.spans])
        size = np.array([s.size for s in self.spans], dtype=float)
        opacity = np.array([s.opacity for s in self.spans], dtype=float)
        plain = np.isin(mode, PAINTED_MODES) & ~((size != 0) & (size < MIN_FONT_SIZE)) & (opacity > MIN_OPACITY)
        span, box, area = self.span_of, self.boxes, self.visible_area
        on_page = (box[:, 2] > area.x0) & (box[:, 0] < area.x1) & (box[:, 3] > area.y0) & (box[:, 1] < area.y1)
        quiet = plain[span] & on_page & (self.layers.covering < 0)
        # Contrast depends only on the span's colour and the fill behind: judged once per pair.
        pair = span * (len(self.covers) + 1) + (self.layers.behind + 1)
        _, first = np.unique(pair[quiet], return_index=True)
        low = [pair[i] for i in np.flatnonzero(quiet)[first] if self.low_contrast(int(i))]
        if low:
            quiet &= ~np.isin(pair, low)
        return (int(i) for i in np.flatnonzero(~quiet))

    def judge(self, i: int) -> None:
        """Put character `i` in the group of what hides it, if anything does."""
        char = self.chars[i]
        span = self.spans[char.span]
        x0, y0, x1, y1 = char.box
        area = self.visible_area
        if not (x1 > area.x0 and x0 < area.x1 and y1 > area.y0 and y0 < area.y1):
            self.add(Code.OFF_PAGE_TEXT, "text outside the visible page", char, 0)
        elif span.mode == INVISIBLE_MODE:
            self._invisible(i, char, span)
        elif span.mode not in PAINTED_MODES:
            return  # text used as a clipping path paints nothing of its own
        elif span.size and span.size < MIN_FONT_SIZE:
            self.add(Code.TINY_TEXT, f"tiny text ({span.size:.2f} pt)", char, 0)
        elif span.opacity <= MIN_OPACITY:
            self.add(Code.TRANSPARENT_TEXT, "text painted at zero opacity", char, 0)
        else:
            self._painted(i, char)

    def _invisible(self, i: int, char: _Char, span: _Span) -> None:
        if not self.layers.over_image[i]:
            self.add(Code.INVISIBLE_TEXT, "invisible text (render mode 3)", char, 0)
            return
        # Judged over the whole word: an OCR box a little off the printed word can leave one
        # glyph over blank paper, which says nothing about a blacked-out area.
        word = _union(c.rect for c in span.chars)
        if self.layers.cover(i, self.covers) is not None or self.renderer.spread(word) <= UNIFORM_SPREAD:
            self.add(Code.OCR_UNDER_REDACTION, "an OCR text layer under a blacked-out area", char, 0)
        else:
            self.add(Code.OCR_LAYER, "an OCR text layer (invisible text over a scanned image)", char, 0)

    def _painted(self, i: int, char: _Char) -> None:
        """Painted text: confirmed by rendering where something may hide it (or everywhere, `full`)."""
        cover = self.layers.cover(i, self.covers)
        low_contrast = self.low_contrast(i)
        if cover is None and not low_contrast and not self.full:
            return
        clip = char.rect & cover.rect if cover is not None else char.rect
        diff = self.renderer.difference(clip)
        if diff > FAINT_DIFF:
            self.visible_chars.append(char)
            return
        if diff > INVISIBLE_DIFF:
            self.visible_chars.append(char)
            if cover is None:
                self.add(Code.FAINT_TEXT, "text so faint it can hardly be seen", char, 0)
            return
        if cover is not None:
            if cover.kind == "image" and self.renderer.spread(clip) > UNIFORM_SPREAD:
                self.add(Code.TEXT_UNDER_IMAGE, "text under a picture (a scan's text layer?)", char, id(cover))
            else:
                self.add(Code.COVERED_TEXT, f"text under a {cover.kind}", char, id(cover))
        elif low_contrast:
            self.add(Code.LOW_CONTRAST_TEXT, "text in the colour of its background", char, 0)
        else:
            self.add(Code.HIDDEN_TEXT, "text that does not show when the page is drawn", char, 0)

    def findings(self, n: int) -> list[LeakFinding]:
        """The groups as findings: box labels dropped, overflowing lines lowered to warnings."""
        visible_by_span: dict[int, int] = defaultdict(int)
        for char in self.visible_chars:
            visible_by_span[char.span] += 1
        merged: dict[tuple[Code, Severity, int], list[_Group]] = defaultdict(list)
        for (code, key, span_index), group in self.groups.items():
            words = re.findall(r"[^\W_]+", "".join(c.c for c in group.chars).casefold())
            span_words = re.findall(r"[^\W_]+", "".join(c.c for c in self.spans[span_index].chars).casefold())
            if not words or (code in (Code.LOW_CONTRAST_TEXT, Code.COVERED_TEXT) and set(span_words) <= LABEL_WORDS):
                continue  # rules, leaders and box labels disclose nothing
            severity = group.severity
            if code in (Code.HIDDEN_TEXT, Code.OFF_PAGE_TEXT) and visible_by_span.get(span_index):
                # Part of a line shows: a word running past its cell or column, not a hidden line.
                severity = Severity.WARN
                what = group.what + " (the rest of the line is visible: overflow?)"
                group = _Group(code, severity, what, group.chars)
            merged[(code, severity, key)].append(group)
        return [_merged_finding(groups, n) for groups in merged.values()]


def _merged_finding(groups: list[_Group], n: int) -> LeakFinding:
    first = groups[0]
    cs = [c for g in groups for c in g.chars]
    text = "".join(c.c for c in sorted(cs, key=lambda c: (round(c.rect.y1), c.rect.x0)))
    message = f"{first.what}: {len(cs)} character(s), '{_excerpt(text)}'"
    return finding(first.code, message, n, _union(c.rect for c in cs), first.severity)


def page_findings(page: pymupdf.Page, data: bytes, full: bool, geometry: bool = True) -> list[LeakFinding]:
    """Hidden or covered text on one page.

    `full` confirms every character by rendering (for documents from elsewhere); otherwise only
    characters that geometry makes suspect are rendered, which on a clean page means none.
    `geometry` adds the length-revealing warning (our own boxes are fitted to the gap by design).
    """
    spans, chars = _read_spans(page)
    if not chars:
        return []
    scan = _PageScan(page, data, full, spans, chars)
    for i in scan.suspects():
        scan.judge(i)
    n = page.number or 0
    return scan.findings(n) + (_geometry_warnings(page, n, spans, scan.covers) if geometry else [])


def _geometry_warnings(page: pymupdf.Page, n: int, spans: list[_Span], covers: list[_Cover]) -> list[LeakFinding]:
    """Boxes fitted exactly into a gap between words on a text line reveal the removed length."""
    boxes = [c for c in covers if c.kind == "box" and c.color is not None and sum(c.color) / 3 < 0.5]
    if not boxes or len(boxes) > MAX_GEOMETRY_BOXES:
        return []
    chars = [(c, spans[c.span]) for s in spans for c in s.chars if s.mode in PAINTED_MODES]
    fitted: list[pymupdf.Rect] = []
    for box in boxes:
        if box.rect.height > 40 or box.rect.width < 3:
            continue
        line = [
            c
            for c, s in chars
            if s.seqno < box.seqno
            and min(c.rect.y1, box.rect.y1) - max(c.rect.y0, box.rect.y0) >= 0.5 * min(c.rect.height, box.rect.height)
            and not (c.rect & box.rect).get_area() > 0.2 * abs(c.rect)
        ]
        if not line:
            continue
        height = max(c.rect.height for c in line)
        left = [box.rect.x0 - c.rect.x1 for c in line if c.rect.x1 <= box.rect.x0 + 0.5]
        right = [c.rect.x0 - box.rect.x1 for c in line if c.rect.x0 >= box.rect.x1 - 0.5]
        near_left = left and min(left) <= 0.6 * height
        near_right = right and min(right) <= 0.6 * height
        if near_left or near_right:
            fitted.append(box.rect)
    if not fitted:
        return []
    message = (
        f"{len(fitted)} redaction box(es) fitted to the gap in a line of text: the box width, and the "
        "unchanged positions of the words around it, reveal the length of what was removed"
    )
    return [finding(Code.LENGTH_REVEALING, message, n, _union(fitted))]
