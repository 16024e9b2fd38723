"""Matching: whether a labelled string is still readable in a document's text.

The rule the shared labelled sets are scored with: a string is readable when it occurs as a
whole word (not inside a longer word, e-mail address or dotted name), ignoring case, runs of
whitespace, soft hyphens, ligatures and a hyphenated line break. One label therefore covers
every occurrence of its string in the document.
"""

from __future__ import annotations

import re
import unicodedata

_SOFT_HYPHEN = "\u00ad"
_BROKEN_HYPHEN = re.compile(r"-\s*\n\s*")  # "Smith-\nJones" reads as "Smith-Jones"
_SPACES = re.compile(r"\s+")
# Characters that continue a word, an address or a dotted name on either side of a match.
_BEFORE = r"(?<![\w@.])"
_AFTER = r"(?![\w@])"


def fold(text: str) -> str:
    """Text as a reader's search sees it: NFKC (ligatures, full-width forms), one space, lower case."""
    text = unicodedata.normalize("NFKC", text.replace(_SOFT_HYPHEN, ""))
    text = _BROKEN_HYPHEN.sub("-", text)
    return _SPACES.sub(" ", text).strip().lower()


def readable(needle: str, folded_text: str) -> bool:
    """Whether `needle` occurs as a whole word in `folded_text` (already passed through `fold`)."""
    wanted = fold(needle)
    if not wanted:
        return False
    return re.search(_BEFORE + re.escape(wanted) + _AFTER, folded_text) is not None


def overlaps(box_text: str, label: str) -> bool:
    """Whether a redaction box's text and a labelled string cover the same words.

    True when either contains the other as whole words: a box on "Rodgers" covers the label
    "John Rodgers", and a box on "Mr John Rodgers" covers it too.
    """
    box, wanted = fold(box_text), fold(label)
    return bool(box and wanted) and (readable(wanted, box) or readable(box, wanted))
