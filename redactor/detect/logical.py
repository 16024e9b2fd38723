"""Logical text: running text reflowed, so that an item wrapped over a line break is one span.

Extraction gives visual lines; a street number at the end of one line and the street on the
next ("living at 11⏎Cathedral Road"), or a wrapped phone number ("029 2087⏎8903"), is then two
fragments no recognizer matches. Detection therefore also reads each page with the line
breaks *inside a paragraph of running text* replaced by spaces. The replacement keeps the
length, so every offset still points at the same character box. Short lines (address blocks,
signatures, headers) are never joined: their line structure is what the block rules read.

Across a page break, the last line of running text on one page and the first on the next are
read together; a finding over the join is cut into one finding per page.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from redactor.config import LogicalTextConfig

# What makes a line running text: configured under detection.logical_text (models/redactor.yaml).
DEFAULT_RULES = LogicalTextConfig()
# A next line that starts a new block: a header or label ("From:", "Tel:"), a bullet, a
# numbered point, a quoted reply.
_BLOCK_START = re.compile(r"^\s*(?:[\w][\w .'-]{0,24}:\s|[-*•>▪◦]|\(?\d{1,2}[.)]\s)")
# A line ending that closes a block rather than wrapping it.
_BLOCK_END = re.compile(r"[:;]\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # exclusive, before the newline

    def text(self, page_text: str) -> str:
        return page_text[self.start : self.end]


def lines_of(text: str) -> list[Line]:
    out: list[Line] = []
    start = 0
    for piece in text.split("\n"):
        out.append(Line(start, start + len(piece)))
        start += len(piece) + 1
    return out


def _is_running(line: str, longest: int, rules: LogicalTextConfig) -> bool:
    stripped = line.strip()
    return len(stripped) >= rules.min_line_chars and len(stripped) >= rules.min_share_of_longest * longest


def joinable_breaks(text: str, rules: LogicalTextConfig = DEFAULT_RULES) -> list[int]:
    """Offsets of the newlines that wrap running text (the next line continues the paragraph)."""
    lines = lines_of(text)
    longest = max((len(line.text(text).strip()) for line in lines), default=0)
    breaks: list[int] = []
    for here, after in itertools.pairwise(lines):
        current, following = here.text(text), after.text(text)
        if not following.strip() or not _is_running(current, longest, rules):
            continue
        if _BLOCK_END.search(current) or _BLOCK_START.match(following):
            continue
        breaks.append(here.end)
    return breaks


def reflow(text: str, breaks: list[int]) -> str:
    """The text with the given newlines as spaces: same length, same offsets."""
    chars = list(text)
    for offset in breaks:
        chars[offset] = " "
    return "".join(chars)


def crosses(start: int, end: int, breaks: list[int], text: str, entity: str) -> bool:
    """True when a span runs over one of the joined line breaks.

    A name read over a break must start each line's piece with a capital: the statistical
    model also finds runs of foreign prose, which a capital on both lines rules out.
    """
    inside = [b for b in breaks if start < b < end]
    if not inside:
        return False
    if entity != "PERSON":
        return True
    starts = [start] + [b + 1 for b in inside]
    return all(text[s:end].lstrip()[:1].isupper() for s in starts)


def last_running_line(text: str, rules: LogicalTextConfig = DEFAULT_RULES) -> Line | None:
    """The last non-blank line of a page when it is running text (a paragraph going on)."""
    lines = [line for line in lines_of(text) if line.text(text).strip()]
    if len(lines) < 2:
        return None
    longest = max(len(line.text(text).strip()) for line in lines)
    last = lines[-1]
    if not _is_running(last.text(text), longest, rules) or re.search(r"[.!?:;]\s*$", last.text(text)):
        return None
    return last


def first_line(text: str) -> Line | None:
    """The first non-blank line of a page, unless it starts a new block."""
    for line in lines_of(text):
        content = line.text(text)
        if content.strip():
            return None if _BLOCK_START.match(content) else line
    return None
