"""Whether a page's text layer can be trusted to say what the page shows.

Detection reads the text layer, a reader sees the drawing; the two can disagree: a font whose
Unicode map is shifted ("Kbof" where the page shows "Jane"), glyphs drawn in an order other than
reading order (at random, right to left), text drawn as vector outlines (no text at all where
words are seen), Type 3 fonts without Unicode, a font whose map contradicts its encoding. A
cheap test looks at every page's text layer (`suspicion`); only a suspect page is rendered and
read by OCR, and its words are compared with the text layer's (`compare`). Where they
disagree, the page is read like a scan (ingest).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pymupdf

from redactor.config import TextCheckConfig, models_dir, read_word_list
from redactor.types import PageText

WORD = re.compile(r"[^\W\d_]+")
# Addresses, links and domain names are not prose: their parts are left out of the language test
# (a page of signature blocks and mailing-list footers has few common words and is sound).
NOT_PROSE = re.compile(r"\S*(?:@|://|www\.)\S*|\b[\w-]+(?:\.[a-z][\w-]*)+\b")
# A vector path this tall (points) or less, on which no text lies, may be a glyph drawn as a path.
GLYPH_MAX_HEIGHT = 40.0
GLYPH_MIN_HEIGHT = 1.5
MATRIX_CELLS = 1_000_000


@dataclass(frozen=True)
class Signals:
    """What the cheap test measured on one page's text layer."""

    words: int  # word-like tokens
    common_share: float  # share of them that are common words
    disorder_share: float  # share of character steps that go backwards along a line
    odd_share: float  # share of characters that cannot be text (unmapped, private use, controls)
    outline_paths: int  # glyph-sized filled paths with no text on them


@lru_cache(maxsize=4)
def common_words(name: str) -> frozenset[str]:
    path = Path(name)
    if not path.is_absolute():
        path = models_dir() / path
    return frozenset(w.casefold() for w in read_word_list(path))


def words_of(text: str) -> list[str]:
    """Word-like tokens (letters only), case-folded."""
    return [w.casefold() for w in WORD.findall(text)]


def _odd(c: str) -> bool:
    return c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc", "Cn")


def _disorder(page_text: PageText) -> float:
    """Share of steps between neighbouring glyphs that go back along the same baseline.

    Text extracted in reading order moves right along a line and then down; glyphs drawn at
    random or right to left come out in drawing order, stepping back over their neighbours.
    """
    glyphs = [
        box for c, box in zip(page_text.text, page_text.boxes, strict=True) if box is not None and not c.isspace()
    ]
    if len(glyphs) < 2:
        return 0.0
    b = np.array(glyphs, dtype=float)
    prev, box = b[:-1], b[1:]
    height = np.maximum(np.maximum(box[:, 3] - box[:, 1], prev[:, 3] - prev[:, 1]), 0.1)
    same_line = np.abs(box[:, 3] - prev[:, 3]) < 0.3 * height
    back = same_line & (box[:, 0] < prev[:, 0] - 0.3 * np.maximum(prev[:, 2] - prev[:, 0], 0.1))
    steps = int(same_line.sum())
    return int(back.sum()) / steps if steps else 0.0


def _outline_paths(page: pymupdf.Page, page_text: PageText) -> int:
    """Glyph-sized filled paths that no text lies on: what text drawn as outlines leaves."""
    paths = np.array(
        [bbox for kind, bbox in page.get_bboxlog() if kind == "fill-path"],
        dtype=float,
    ).reshape(-1, 4)
    if not len(paths):
        return 0
    heights = paths[:, 3] - paths[:, 1]
    paths = paths[(heights >= GLYPH_MIN_HEIGHT) & (heights <= GLYPH_MAX_HEIGHT)]
    lines: dict[int, list[float]] = {}
    for line, box in zip(page_text.lines, page_text.boxes, strict=True):
        if box is None or line < 0:
            continue
        b = lines.setdefault(line, list(box))
        b[0], b[1], b[2], b[3] = min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3])
    if not lines or not len(paths):
        return len(paths)
    text = np.array(list(lines.values()), dtype=float)
    step = max(1, MATRIX_CELLS // len(text))  # paths x lines compared a block at a time: memory stays bounded
    bare = 0
    for i in range(0, len(paths), step):
        block = paths[i : i + step]
        overlap = (
            (block[:, None, 0] < text[None, :, 2])
            & (block[:, None, 2] > text[None, :, 0])
            & (block[:, None, 1] < text[None, :, 3])
            & (block[:, None, 3] > text[None, :, 1])
        )
        bare += int((~overlap.any(axis=1)).sum())
    return bare


def signals(page: pymupdf.Page, page_text: PageText, cfg: TextCheckConfig) -> Signals:
    # Counted per distinct character: a page has thousands of characters but few distinct ones.
    counts = Counter(page_text.text)
    visible = sum(n for c, n in counts.items() if not c.isspace())
    odd = sum(n for c, n in counts.items() if not c.isspace() and _odd(c))
    common = common_words(cfg.common_words)
    tokens = [w for w in words_of(NOT_PROSE.sub(" ", page_text.text)) if len(w) > 1 or w in common]
    return Signals(
        words=len(tokens),
        common_share=sum(1 for w in tokens if w in common) / len(tokens) if tokens else 1.0,
        disorder_share=_disorder(page_text),
        odd_share=odd / visible if visible else 0.0,
        outline_paths=_outline_paths(page, page_text),
    )


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[[^\]]*\])")
_DIFFERENCES = re.compile(r"(\d+)|/([^\s/\[\]]+)")
_LETTERS = frozenset([*range(0x41, 0x5B), *range(0x61, 0x7B)])
# Encodings in which every ASCII letter's code is the letter itself.
_LATIN_ENCODINGS = frozenset(["/WinAnsiEncoding", "/StandardEncoding", "/MacRomanEncoding", "/PDFDocEncoding"])
# A font whose map gives this many letters another letter is remapped, not carelessly made.
REMAPPED_LETTERS = 2


def _unicode_map(doc: pymupdf.Document, xref: int) -> dict[int, str]:
    """A simple font's ToUnicode map for one-byte codes (bfchar and bfrange, not array ranges)."""
    kind, ref = doc.xref_get_key(xref, "ToUnicode")
    if kind != "xref":
        return {}
    try:
        stream = doc.xref_stream(int(ref.split()[0])) or b""
    except (RuntimeError, ValueError):
        return {}
    out: dict[int, str] = {}
    for block in _BFCHAR.findall(stream):
        hexes = _HEX.findall(block)
        for src, dst in zip(hexes[::2], hexes[1::2], strict=False):
            if len(src) == 2 and dst and len(dst) % 4 == 0:
                out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in _BFRANGE.findall(stream):
        for low_hex, high_hex, first_hex in _RANGE.findall(block):
            if len(low_hex) != 2 or len(first_hex) != 4:
                continue  # an array of targets, or codes longer than a byte
            low, high, first = int(low_hex, 16), int(high_hex, 16), int(first_hex, 16)
            for code in range(low, min(high, 0xFF) + 1):
                out[code] = chr(first + code - low)
    return out


def _encoded_letters(doc: pymupdf.Document, xref: int) -> dict[int, str] | None:
    """The letter each ASCII letter code draws by the font's encoding, or None if not known."""
    kind, value = doc.xref_get_key(xref, "Encoding")
    if kind == "name":
        return {c: chr(c) for c in _LETTERS} if value in _LATIN_ENCODINGS else None
    if kind not in ("dict", "xref"):
        return None
    base = doc.xref_get_key(xref, "Encoding/BaseEncoding")[1]
    letters = {c: chr(c) for c in _LETTERS} if base in (*_LATIN_ENCODINGS, "null") else {}
    code = 0
    for number, name in _DIFFERENCES.findall(doc.xref_get_key(xref, "Encoding/Differences")[1]):
        if number:
            code = int(number)
            continue
        if code in _LETTERS:
            if len(name) == 1 and name.isascii() and name.isalpha():
                letters[code] = name
            elif name.startswith("uni") and len(name) == 7:
                letters[code] = chr(int(name[3:], 16))
            else:
                letters.pop(code, None)
        code += 1
    return letters


def remapped_fonts(page: pymupdf.Page) -> list[str]:
    """Simple fonts on the page whose Unicode map gives letters other than their encoding draws.

    A font's encoding says which glyph a code draws ("J" in WinAnsi); its ToUnicode map says
    what text extraction reads for it. A map that reads "K" there hides what is drawn from every
    text check and search, even for a single word on an otherwise sound page.
    """
    doc = page.parent
    out: list[str] = []
    for xref, _ext, kind, basefont, *_ in page.get_fonts():
        if kind not in ("Type1", "TrueType", "MMType1") or not xref:
            continue
        unicode_map = _unicode_map(doc, xref)
        letters = _encoded_letters(doc, xref) if unicode_map else None
        if not letters:
            continue
        wrong = sum(1 for c, drawn in letters.items() if c in unicode_map and unicode_map[c] not in (drawn, ""))
        if wrong >= REMAPPED_LETTERS:
            out.append(basefont or f"font {xref}")
    return out


REMAPPED = "a font whose Unicode map reads other letters than it draws"


def suspicion(page: pymupdf.Page, page_text: PageText, cfg: TextCheckConfig) -> str | None:
    """Why this page's text layer may not say what the page shows, or None when it looks sound."""
    s = signals(page, page_text, cfg)
    if s.odd_share > cfg.max_odd_share:
        return "text that cannot be decoded: a font without a Unicode map"
    if s.words >= cfg.min_words and s.disorder_share > cfg.max_disorder_share:
        return "characters stored out of reading order"
    if s.words >= cfg.min_words and s.common_share < cfg.min_common_share:
        return "text that does not read as words: a wrong Unicode map?"
    if s.outline_paths >= cfg.max_outline_paths:
        return "shapes drawn like letters with no text on them: text as outlines?"
    if fonts := remapped_fonts(page):
        return f"{REMAPPED} ({', '.join(sorted(set(fonts)))})"
    return None


@dataclass(frozen=True)
class Comparison:
    ocr_words: int  # word-like OCR tokens compared
    missing: tuple[str, ...]  # those the text layer does not hold

    @property
    def share(self) -> float:
        return len(self.missing) / self.ocr_words if self.ocr_words else 0.0


def compare(layer: PageText, seen: PageText) -> Comparison:
    """The words OCR reads on the page that the text layer does not hold."""
    held = set(words_of(layer.text))
    read = [w for w in words_of(seen.text) if len(w) > 1]
    return Comparison(len(read), tuple(w for w in read if w not in held))


def disagrees(comparison: Comparison, cfg: TextCheckConfig, why: str = "") -> bool:
    """Whether OCR reads enough words the text layer lacks (`why`: the suspicion).

    A remapped font may draw a single name on a sound page: then one word OCR reads that the
    layer lacks is enough.
    """
    if why.startswith(REMAPPED):
        return bool(comparison.missing)
    return len(comparison.missing) >= cfg.mismatch_min_words and comparison.share > cfg.mismatch_share
