"""Residual-text detector: the values we redacted must be gone from what we wrote."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import pymupdf

from redactor.decide.propagation import case_compatible
from redactor.ingest.pdf import ZERO_WIDTH
from redactor.verify.codes import Code, LeakFinding, finding

# Redacted values shorter than this are not searched for: "Li" would match everywhere.
MIN_SEARCH_LEN = 3
# Content-stream search only for values long enough that a byte match is meaningful.
MIN_STREAM_LEN = 4


def _alternation(values: Iterable[str], separator: str) -> str:
    """One regex alternative per value (blanks matching `separator`), merged into a character trie.

    A long document redacts thousands of values; as a plain alternation each would be tried at
    every position of every page, as a trie each character is tried once. Longer values win,
    as the first of a longest-first alternation would.
    """
    trie: dict[str, Any] = {}
    for value in values:
        node = trie
        for ch in " ".join(value.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [(separator if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(trie)


@functools.lru_cache(maxsize=8)
def _expression(values: tuple[str, ...], separator: str, before: str, after: str, flags: int) -> re.Pattern[str]:
    """The values as one compiled trie. Kept: every range of a long document searches the same values."""
    return re.compile(before + "(?:" + _alternation(values, separator) + ")" + after, flags)


def check_residual(doc: pymupdf.Document, redacted: Iterable[str], kept: Iterable[str]) -> list[LeakFinding]:
    """Every redacted value must be gone from the text layer and from the content streams."""
    kept = [" ".join(k.split()) for k in kept]
    kept_keys = {k.casefold() for k in kept}
    values = {
        v.casefold(): v
        for v in (" ".join(r.split()) for r in redacted)
        if len(v) >= MIN_SEARCH_LEN and v.casefold() not in kept_keys
    }
    if not values:
        return []
    out: list[LeakFinding] = []
    in_text = _expression(tuple(sorted(values.values())), r"\s+", r"(?<!\w)", r"(?!\w)", re.IGNORECASE)
    # A redacted word inside a longer value the decisions keep is not a leak: "Jones" withheld for
    # one person, "Ellis-Jones" released for a senior official or "Jones Foundation" allow-listed.
    holders = tuple(sorted({k for k in kept if k.casefold() not in values and in_text.search(k)}))
    in_kept = _expression(holders, r"\s+", r"(?<!\w)", r"(?!\w)", re.IGNORECASE) if holders else None
    reported: set[str] = set()
    for page in doc:
        text = "".join(c for c in page.get_text("text") if c not in ZERO_WIDTH)  # no hiding in between
        kept_spans = [m.span() for m in in_kept.finditer(text)] if in_kept else []
        for m in in_text.finditer(text):
            if _inside(m, kept_spans):
                continue
            value = values.get(" ".join(m.group(0).split()).casefold())
            if value is not None and value not in reported and case_compatible(value, m.group(0)):
                reported.add(value)
                message = f"a redacted item ({len(value)} characters) is still in the text layer"
                out.append(finding(Code.RESIDUAL_TEXT, message, page.number))
    long_values = [v for v in values.values() if len(v) >= MIN_STREAM_LEN]
    if long_values:
        # Case-sensitive, and words may run together (TJ arrays space words by offsets), but a
        # match must not continue into a lower-case letter ("Jones" is not in "Jonesborough").
        in_stream = _expression(tuple(sorted(long_values)), r"\s*", r"(?<![a-z])", r"(?![a-z])", 0)
        kept_stream = _expression(holders, r"\s*", "", "", 0) if holders else None
        found: set[str] = set()
        for stream in _content_streams(doc):
            spans = [m.span() for m in kept_stream.finditer(stream)] if kept_stream else []
            found.update(m.group(0) for m in in_stream.finditer(stream) if not _inside(m, spans))
        for text in sorted(found):
            message = f"a redacted item ({len(text)} characters) is still in a content stream"
            out.append(finding(Code.RESIDUAL_STREAM, message))
    return out


def _inside(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """True if the match lies within a longer span (of a kept value)."""
    start, end = match.span()
    return any(s <= start and end <= e and e - s > end - start for s, e in spans)


_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>(?!>)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(m: re.Match[bytes]) -> bytes:
    code = m.group(1)
    if code[:1] in b"01234567":
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPES.get(code, code)


def _decode_string(token: bytes) -> bytes:
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    body = token[1:-1]
    return re.sub(rb"\\([0-7]{1,3}|.)", _unescape, body, flags=re.DOTALL)


def stream_strings(stream: bytes) -> str:
    """The string operands of a content stream, decoded as single-byte text and run together.

    This is what a byte-level reader sees of text drawn with simple fonts, including pieces of a
    word split across a TJ array. Two-byte (CID) fonts give glyph numbers here, which the
    text-layer check covers instead.
    """
    return "".join(_decode_string(m.group(0)).decode("latin-1") for m in _STRING.finditer(stream))


def _content_streams(doc: pymupdf.Document) -> list[str]:
    """The decoded strings of every stream that draws page content: pages and form XObjects."""
    xrefs = {x for page in doc for x in page.get_contents()}
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Form" and doc.xref_is_stream(xref):
            xrefs.add(xref)
    texts: list[str] = []
    for xref in sorted(xrefs):
        try:
            stream = doc.xref_stream(xref)
        except (RuntimeError, ValueError):  # a stream MuPDF cannot decode is not text we can read
            continue
        if stream:
            texts.append(stream_strings(stream))
    return texts
