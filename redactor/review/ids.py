"""Redaction ids that stay the same across runs.

An id is derived from what it names, never from a counter: the document's input sha256,
the page, the text (blanks normalised) and which occurrence of that text on the page it is.
Re-running on the same input gives the same ids, so a reviewer's decision still finds its
item; a changed input gives new ids, and the decision is reported as orphaned.
"""

from __future__ import annotations

import functools
import hashlib
import re

from redactor.types import Document, Finding

ID_DIGITS = 10


def normalise(text: str) -> str:
    """The text as ids and scopes compare it: blanks collapsed, case folded."""
    return " ".join(text.split()).casefold()


def redaction_id(sha256: str, page: int, text: str, occurrence: int) -> str:
    """`p<page>-<hash>`: page (1-based) for people, the hash for stability."""
    key = "\x00".join((sha256, str(page), normalise(text), str(occurrence)))
    return f"p{page + 1}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:ID_DIGITS]}"


def occurrence(page_text: str, text: str, start: int) -> int:
    """How many times `text` occurs on the page before `start` (case-insensitive, any blanks)."""
    words = tuple(text.split())
    if not words:
        return 0
    pattern = _words(words)
    return sum(1 for m in pattern.finditer(page_text, 0, start + len(text)) if m.start() < start)


@functools.lru_cache(maxsize=4096)
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    # A document names the same people over and over: one expression per text, not per finding.
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def finding_id(document: Document, finding: Finding) -> str:
    """The stable id of a finding in its document."""
    page = document.pages[finding.page]
    return redaction_id(document.sha256, finding.page, finding.text, occurrence(page.text, finding.text, finding.start))
