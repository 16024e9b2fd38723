"""OCR of scanned pages with Tesseract: page text with the geometry of every word, and a confidence.

Only pages that ingest finds to be scans come here, so text PDFs never pay for OCR. The page
is rendered as it is displayed and piped to the system `tesseract` (TSV output). One run gives
the words, their boxes, their line structure and a confidence per word; PyMuPDF's OCR text page
gives no confidence and splits each word into equal-width characters anyway, and calling the
program directly lets us pin it to one thread (its OpenMP threads make it about four times
slower in a process pool) and give it a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pymupdf

from redactor.config import OcrConfig
from redactor.errors import DocumentError, ExitCode
from redactor.types import BBox, PageText

INSTALL_HINT = "sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-cym"
# Tesseract's word boxes are tight around the ink. The redaction box of a character takes the
# whole height of its line plus this share of it above and below (anti-aliased edges and
# accents), and a word's outer characters reach this share of the line height sideways.
LINE_PAD = 0.12
WORD_PAD = 0.12
# A page on which OCR reads nothing is blank (not a problem) when its commonest colour covers
# this share of it; otherwise it has marks OCR cannot read (handwriting, a picture).
BLANK_SHARE = 0.999
HYPHENS = frozenset("-\u00ad\u2010")


class OcrUnavailableError(DocumentError):
    """A page needs OCR and Tesseract (or its language data) is not installed.

    It is a DocumentError so that the scanned document fails with this reason while the text
    PDFs in the batch are still redacted; its exit code says the environment is at fault.
    """

    exit_code = ExitCode.ENVIRONMENT


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: BBox  # in rendered pixels: the page as displayed, at the OCR resolution
    line_box: BBox  # the box of its text line, same space
    confidence: float  # 0-100, Tesseract's
    block: int
    line: tuple[int, int, int]  # (block, paragraph, line)


@dataclass(frozen=True)
class OcrResult:
    page: PageText
    words: int
    confidence: float | None  # mean word confidence weighted by length; None when nothing was read
    blank: bool  # nothing on the page to read
    seconds: float


@lru_cache(maxsize=8)
def _installed(command: str) -> tuple[str, frozenset[str]]:
    """The Tesseract version line and installed languages, or raise with how to install them."""
    path = shutil.which(command)
    if path is None:
        raise OcrUnavailableError(f"Tesseract ({command}) is not installed; install it with: {INSTALL_HINT}")
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60, check=False)
        langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailableError(
            f"Tesseract ({path}) does not run ({exc}); reinstall it with: {INSTALL_HINT}"
        ) from exc
    first = (version.stdout or version.stderr).strip().splitlines()
    names = frozenset(line.strip() for line in langs.stdout.splitlines()[1:] if line.strip())
    return (first[0] if first else "tesseract"), names


def check_available(cfg: OcrConfig) -> str:
    """Make sure Tesseract and the configured languages are installed; returns its version."""
    version, langs = _installed(cfg.tesseract)
    missing = [lang for lang in cfg.languages.split("+") if lang not in langs]
    if missing:
        raise OcrUnavailableError(
            f"Tesseract has no language data for {', '.join(missing)}; install it with: {INSTALL_HINT}"
        )
    return version


def _run_tesseract(image: bytes, cfg: OcrConfig) -> str:
    # One thread: pages are already spread over worker processes, and OpenMP threads contend.
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    cmd = [cfg.tesseract, "stdin", "stdout", "-l", cfg.languages, "--dpi", str(cfg.dpi), "--psm", "3", "tsv"]
    try:
        done = subprocess.run(cmd, input=image, capture_output=True, env=env, timeout=cfg.timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"OCR took longer than {cfg.timeout:g} s on a page") from exc
    except OSError as exc:
        raise OcrUnavailableError(f"Tesseract cannot be started ({exc}); install it with: {INSTALL_HINT}") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise DocumentError(f"Tesseract failed (exit {done.returncode}): {err}")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Words of Tesseract's TSV output, in reading order, with their line boxes."""
    lines: dict[tuple[int, int, int], BBox] = {}
    words: list[OcrWord] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t", 11)
        if len(cols) < 11:
            continue
        level, block, par, line = (int(c) for c in (cols[0], cols[2], cols[3], cols[4]))
        left, top, width, height = (float(c) for c in cols[6:10])
        box = (left, top, left + width, top + height)
        if level == 4:
            lines[(block, par, line)] = box
        elif level == 5:
            text = unicodedata.normalize("NFC", cols[11].strip()) if len(cols) > 11 else ""
            conf = float(cols[10])
            if text and conf >= 0:
                key = (block, par, line)
                words.append(OcrWord(text, box, lines.get(key, box), conf, block, key))
    return words


def confidence(words: Sequence[OcrWord]) -> float | None:
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else None


@lru_cache(maxsize=1)
def _metrics_font() -> pymupdf.Font:
    return pymupdf.Font("helv")


def _char_edges(word: str, x0: float, x1: float) -> list[float]:
    """Split a word's box among its characters in proportion to their typical widths."""
    widths = [max(w, 0.2) for w in _metrics_font().char_lengths(word, fontsize=1)]
    total = sum(widths)
    edges = [x0]
    for w in widths:
        edges.append(edges[-1] + (x1 - x0) * w / total)
    return edges


@dataclass
class _Chars:
    """The page text under construction: a character, its box and its line id, in step."""

    to_page: pymupdf.Matrix
    chars: list[str] = field(default_factory=list)
    boxes: list[BBox | None] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> BBox:
        r = pymupdf.Rect(x0, y0, x1, y1) * self.to_page
        return (r.x0, r.y0, r.x1, r.y1)

    def add(self, c: str, box: BBox | None, line: int) -> None:
        self.chars.append(c)
        self.boxes.append(box)
        self.lines.append(line)

    def sep(self, text: str) -> None:
        for c in text:
            self.add(c, None, -1)

    def drop_hyphen(self) -> None:
        """Remove a line-end hyphen; its box stays under the word's last letter, so it is redacted too."""
        hyphen_box = self.boxes.pop()
        self.chars.pop()
        self.lines.pop()
        last = self.boxes[-1]
        if last is not None and hyphen_box is not None:
            self.boxes[-1] = (
                min(last[0], hyphen_box[0]),
                min(last[1], hyphen_box[1]),
                max(last[2], hyphen_box[2]),
                max(last[3], hyphen_box[3]),
            )


def _hyphenated(prev: OcrWord, word: OcrWord) -> bool:
    """A word broken at the end of `prev`'s line and continued by `word` in the same block."""
    return (
        len(prev.text) > 1
        and prev.text[-1] in HYPHENS
        and prev.text[-2].isalpha()
        and word.text[0].isalpha()
        and word.text[0].islower()
        and prev.block == word.block
    )


def _add_word(out: _Chars, word: OcrWord, line_id: int) -> float:
    """Each character of `word` with its share of the word's box; returns the word's right edge."""
    ly0, ly1 = word.line_box[1], word.line_box[3]
    pad_y = (ly1 - ly0) * LINE_PAD
    pad_x = (ly1 - ly0) * WORD_PAD
    top, bottom = ly0 - pad_y, ly1 + pad_y
    edges = _char_edges(word.text, word.box[0], word.box[2])
    edges[0] -= pad_x
    edges[-1] += pad_x
    for i, c in enumerate(word.text):
        out.add(c, out.box(edges[i], top, edges[i + 1], bottom), line_id)
    return edges[-1]


def build_page_text(
    number: int, words: Sequence[OcrWord], to_page: pymupdf.Matrix, rect: pymupdf.Rect, conf: float | None
) -> PageText:
    """The page's OCR text as detection sees it, with a box (in page space) for every character.

    Spaces between words get the box of the gap, so a finding running over several words on a
    line is one box, as with a text layer; words hyphenated at a line end are re-joined.
    """
    out = _Chars(to_page)
    prev: OcrWord | None = None
    line_id = 0
    prev_x1 = 0.0
    for word in words:
        if prev is None or prev.line != word.line:
            if prev is not None and _hyphenated(prev, word):
                out.drop_hyphen()
            elif prev is not None:
                out.sep("\n\n" if prev.block != word.block else "\n")
            line_id += 1
        else:
            ly0, ly1 = word.line_box[1], word.line_box[3]
            pad_y = (ly1 - ly0) * LINE_PAD
            out.add(" ", out.box(prev_x1, ly0 - pad_y, word.box[0], ly1 + pad_y), line_id)
        prev, prev_x1 = word, _add_word(out, word, line_id)
    return PageText(
        number=number,
        text="".join(out.chars),
        boxes=tuple(out.boxes),
        lines=tuple(out.lines),
        width=rect.width,
        height=rect.height,
        has_images=True,
        ocr=True,
        ocr_confidence=None if conf is None else round(conf, 1),
    )


def ocr_page(page: pymupdf.Page, cfg: OcrConfig) -> OcrResult:
    """OCR one page as it is displayed, returning its text in page (unrotated) coordinates."""
    check_available(cfg)
    started = time.perf_counter()
    zoom = cfg.dpi / 72.0
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY, alpha=False)
    # Rendered pixels -> the displayed page -> the unrotated page that text extraction and
    # redaction annotations use.
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * pymupdf.Matrix(1 / zoom, 1 / zoom) * page.derotation_matrix
    words = parse_tsv(_run_tesseract(pix.tobytes("pnm"), cfg))
    # Even one short name is a tiny share of a page, so every page is OCR'd; "blank" only
    # explains why nothing was read (a page with marks but no words needs a person).
    blank = not words and pix.color_topusage()[0] >= BLANK_SHARE
    conf = confidence(words)
    text = build_page_text(page.number or 0, words, to_page, page.rect, conf)
    return OcrResult(text, len(words), conf, blank, time.perf_counter() - started)


def ocr_region(page: pymupdf.Page, rect: pymupdf.Rect, cfg: OcrConfig) -> OcrResult:
    """OCR one area of a page (a picture on a page that also has a text layer), in page space."""
    check_available(cfg)
    started = time.perf_counter()
    zoom = cfg.dpi / 72.0
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=rect, colorspace=pymupdf.csGRAY, alpha=False)
    to_page = pymupdf.Matrix(1, 0, 0, 1, pix.x, pix.y) * pymupdf.Matrix(1 / zoom, 1 / zoom) * page.derotation_matrix
    words = parse_tsv(_run_tesseract(pix.tobytes("pnm"), cfg))
    conf = confidence(words)
    text = build_page_text(page.number or 0, words, to_page, page.rect, conf)
    return OcrResult(text, len(words), conf, not words, time.perf_counter() - started)


# --------------------------------------------------------------------------- the released text layer

Word = tuple[str, BBox]


def kept_words(page_text: PageText, redacted: set[int], removed: Sequence[pymupdf.Rect]) -> list[Word]:
    """The OCR words that carry nothing redacted: no redacted character, not under any box."""
    out: list[Word] = []
    text, boxes, lines = page_text.text, page_text.boxes, page_text.lines
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace() or boxes[i] is None:
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace() and boxes[j] is not None and lines[j] == lines[i]:
            j += 1
        bs = [b for b in boxes[i:j] if b is not None]
        box = (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
        # The written glyphs are taller than the OCR box (font ascent and descent): keep a margin
        # so that no kept word's text reaches into a box, where the checks would refuse it.
        margin = 0.35 * (box[3] - box[1])
        rect = pymupdf.Rect(box[0] - 1, box[1] - margin, box[2] + 1, box[3] + margin)
        if not any(k in redacted for k in range(i, j)) and not any(rect.intersects(r) for r in removed):
            out.append((text[i:j], box))
        i = j
    return out


def write_text_layer(page: pymupdf.Page, words: Sequence[Word]) -> None:
    """Write `words` as invisible text (render mode 3) over where they are seen, for searching.

    Each word is sized to its box as displayed and turned with the page, so that on a rotated
    page it runs the same way as the image. Base-14 Helvetica: no font is embedded.
    """
    if not words:
        return
    font = _metrics_font()
    shape = page.new_shape()
    for word, box in words:
        shown = pymupdf.Rect(box) * page.rotation_matrix
        unit = font.text_length(word, fontsize=1) or 1.0
        size = max(min(shown.height * 0.7, shown.width / unit), 1.0)
        origin = pymupdf.Point(shown.x0, shown.y1 - shown.height * 0.25) * page.derotation_matrix
        shape.insert_text(origin, word, fontname="helv", fontsize=size, render_mode=3, rotate=page.rotation)
    shape.commit()
