"""Reading a personal name token by token: shared by the name recognizers."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from redactor.config.lexicon import fold
from redactor.detect.recognizers.base import NAME_WORD


@dataclass(frozen=True)
class NameScanner:
    """Reads a personal name starting at a given offset, token by token, on one line.

    A name is initials ("D.", "D.R.", "D"), capitalised words and lower-case particles;
    it stops at a non-name word, a postnominal or anything else, must contain one full
    word, and loses trailing particles, initials and a possessive "'s".
    """

    particles: frozenset[str]
    stop_words: frozenset[str]
    postnominals: frozenset[str]
    max_tokens: int = 6

    _TOKEN = regex.compile(
        r"[ \t]*(?P<tok>(?:\p{Lu}\.){2,}|\p{Lu}\.|" + NAME_WORD + r"|\p{Ll}[\p{Ll}\p{M}]*)"
        r"(?![\p{L}\p{M}\d@])"
    )
    _CAMEL = regex.compile(r"\p{Ll}\p{Lu}.*\p{Ll}\p{Lu}")
    _INITIAL = regex.compile(r"(?:\p{Lu}\p{M}*\.?)+")

    def scan(self, text: str, pos: int, endpos: int | None = None) -> tuple[int, int] | None:
        """Return the (start, end) of the name beginning at `pos`, or None."""
        endpos = len(text) if endpos is None else endpos
        tokens: list[tuple[str, int, int]] = []
        i = pos
        while len(tokens) < self.max_tokens:
            m = self._TOKEN.match(text, i, endpos)
            if m is None:
                break
            if tokens and m.start("tok") == i and text[i - 1 : i] != ".":
                break  # tokens must be separated by blanks (or follow an initial's dot)
            tok = m.group("tok")
            if fold(tok) in self.stop_words or tok in self.postnominals or self._CAMEL.search(tok):
                break  # "WhatDoTheyKnow": a product or site, not a name (McDonald has one hump)
            if tok[0].islower():
                if fold(tok) not in self.particles:
                    break
                kind = "particle"
            elif self._INITIAL.fullmatch(tok) and sum(c.isalpha() for c in tok) <= 3 and ("." in tok or len(tok) == 1):
                kind = "initial"
            else:
                kind = "word"
            tokens.append((kind, m.start("tok"), m.end("tok")))
            i = m.end()
        while tokens and tokens[-1][0] != "word":
            tokens.pop()
        if not tokens or (tokens[0][0] == "particle" and tokens[0][2] - tokens[0][1] <= 1):
            return None
        start, end = tokens[0][1], tokens[-1][2]
        if text[end - 2 : end] in ("'s", "’s") and end - 2 > start + 1:
            end -= 2
        return start, end
