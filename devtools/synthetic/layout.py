"""Page layout: wrapping lines, keeping labelled items whole, cutting pages."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any

import pymupdf

from devtools.synthetic.text import NON_PERSONAL_CATEGORIES, PERSONAL_CATEGORIES
from devtools.synthetic.values import name_tokens
from redactor.evaluate.labels import LabelledItem

# PyMuPDF ships py.typed but leaves most functions unannotated: call it through Any.
_mu: Any = pymupdf

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 62.0, 64.0, 56.0
FONT_SIZE, LEADING = 10.5, 14.0
LINES_PER_PAGE = 50
_TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X - 6.0  # a little slack for the helv metrics
_NBSP = "\u00a0"  # joins the words of a labelled item so wrapping never splits it
FOOTER = re.compile(r"^Page \d+ of \d+$")


@lru_cache(maxsize=1)
def unicode_font() -> Any:
    """Return MuPDF's built-in Nimbus Sans: Helvetica metrics, covers Welsh, Gaelic and Polish."""
    return _mu.Font("helv")


@lru_cache(maxsize=4096)
def _advance(ch: str) -> float:
    return float(unicode_font().text_length(ch, fontsize=FONT_SIZE))


def _width(text: str) -> float:
    return sum(_advance(" " if ch == _NBSP else ch) for ch in text)


def _wrap(text: str) -> list[str]:
    words = [w for w in text.split(" ") if w]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and _width(candidate) > _TEXT_WIDTH:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


class Builder:
    """Accumulates a document's lines and the labels of what it writes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[tuple[str, bool]] = []  # (text, keep with next line)
        self.items: dict[tuple[str, str], LabelledItem] = {}
        self.officials: list[set[str]] = []  # the name words of each senior official written beside their role

    def lab(self, text: str, category: str) -> str:
        """Record `text` as a labelled item; personal text comes back protected from wrapping."""
        personal = category in PERSONAL_CATEGORIES
        if not personal and category not in NON_PERSONAL_CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        self.items.setdefault((text, category), LabelledItem(text, category, personal))
        return text.replace(" ", _NBSP) if personal else text

    def labelled(self) -> list[LabelledItem]:
        """The labels, every mention of a senior official relabelled OFFICIAL (released).

        A mention is a name labelled PERSON whose words (those longer than two letters) are all
        words of the official's name: "Sarah Robinson", "Robinson", "S. W. Robinson", "Sarah".
        """

        def official(text: str) -> bool:
            words = name_tokens(text)
            return bool(words) and any(words <= tokens for tokens in self.officials)

        out: dict[tuple[str, str], LabelledItem] = {}
        for (text, category), item in self.items.items():
            if category == "PERSON" and official(text):
                item = LabelledItem(text, "OFFICIAL", False)
            out.setdefault((item.text, item.category), item)
        return list(out.values())

    def split(self, text: str, category: str = "PERSON") -> str:
        """Label `text` but force a line break at its first space (a name over two lines)."""
        return self.lab(text, category).replace(_NBSP, "\n", 1).replace(" ", "\n", 1)

    def line(self, text: str = "") -> None:
        for piece in _wrap(text):
            self.lines.append((piece.replace(_NBSP, " "), False))

    def blank(self) -> None:
        if self.lines and self.lines[-1][0]:
            self.lines.append(("", False))

    def para(self, text: str) -> None:
        segments = text.split("\n")
        for index, segment in enumerate(segments):
            wrapped = _wrap(segment)
            for j, piece in enumerate(wrapped):
                keep = index < len(segments) - 1 and j == len(wrapped) - 1
                self.lines.append((piece.replace(_NBSP, " "), keep))
        self.lines.append(("", False))

    def quoted(self, text: str = "", mark: str = "> ") -> None:
        """A paragraph of a quoted e-mail: every wrapped line starts with the quote mark."""
        if not text:
            self.lines.append((mark.rstrip(), False))
            return
        for piece in _wrap(text):
            self.lines.append((mark + piece.replace(_NBSP, " "), False))

    def pages(self) -> list[list[str]]:
        lines = list(self.lines)
        while lines and not lines[-1][0]:
            lines.pop()
        pages: list[list[str]] = [[]]
        i = 0
        while i < len(lines):
            text, keep = lines[i]
            page = pages[-1]
            room = LINES_PER_PAGE - len(page)
            if room <= 0 or (keep and room == 1):
                pages.append([])
                continue
            if not page and not text:
                i += 1  # no blank line at the top of a page
                continue
            page.append(text)
            i += 1
        if len(pages) > 1:
            for number, page in enumerate(pages, start=1):
                page.append(f"Page {number} of {len(pages)}")
        return pages
