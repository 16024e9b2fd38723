"""People named beside their e-mail addresses, in headers and in quoted replies.

E-mail printouts write people as display names: "Bohn, Shawn J <shawn@example.org>",
"'Ann Other' <ann@example.org>", "bjarne.example <b@example.org>", and a From: line may hold
a name in lower case with no address at all ("From: alec example"). The display name is the
text between the previous address (or the line's start, or the header label) and "<"; it is
a person's when every word of it is name-like (capitalised words, initials, particles, a
nickname in brackets; one comma for "Surname, Forename") and the address beside it is not a
role mailbox, a list's or a tracker's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold
from redactor.detect.recognizers.base import NAME_WORD, RecognizerOptions, RuleRecognizer, alternation, end_of_line
from redactor.detect.recognizers.contact.email import PersonalEmailRecognizer
from redactor.detect.recognizers.names.titled import TitledNameRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_ADDRESS = regex.compile(r"<(?P<addr>[^<>\s@]+@[^<>\s]+)>")
_ANY_ADDRESS = regex.compile(r"(?<![\w.+-])(?P<local>[\w.+-]+)@[\w-]+(?:\.[\w-]+)+")
_INITIALS = regex.compile(r"(?:\p{Lu}\p{M}*\.?){1,4}")
_WORD = regex.compile(NAME_WORD)
_NICKNAME = regex.compile(r"\(" + NAME_WORD + r"\)")
_LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}\p{M}'’\-]+")
_DOTTED = regex.compile(r"\p{L}[\p{L}\p{M}]+[._]\p{L}[\p{L}\p{M}]+")
_TRIM = " \t\n\"'“”‘’,;"
MAX_DISPLAY = 80  # characters between two addresses that can hold one display name


class EmailDisplayNameRecognizer(RuleRecognizer):
    """Display names beside e-mail addresses, and names alone in From/To/Cc header values."""

    ENTITY = Entity.PERSON
    CONTEXT: ClassVar[list[str]] = []
    HEADERS: tuple[str, ...] = ("From", "To", "Cc", "Bcc", "Sender", "Reply-To", "Sent by")

    class Options(RecognizerOptions):
        headers: tuple[str, ...] | None = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)
        lower_case_score: float = Field(default=0.6, ge=0.0, le=1.0)  # "alec example": no capitals
        max_words: int = Field(default=5, ge=1)

    options: Options

    def setup(self) -> None:
        o = self.options
        self._names = self.peers.get(TitledNameRecognizer)
        self._mailboxes = self.peers.get(PersonalEmailRecognizer)
        self.stop_words = self._names.scanner.stop_words
        self.particles = self._names.scanner.particles
        headers = o.headers if o.headers is not None else self.HEADERS
        self._header = regex.compile(r"(?m:^)[ \t>]*(?P<cue>(?i:" + alternation(headers) + r"))[ \t]*:[ \t]*")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report display names beside personal addresses, and lower-case names in headers."""
        if not self._wanted(entities):
            return []
        results: list[RecognizerResult] = []
        header_ends = {m.end() for m in self._header.finditer(text)}
        header_ends |= {e + 1 for e in header_ends if text[e : e + 1] == "\n"}
        for m in _ADDRESS.finditer(text) if "@" in text else ():
            if self._mailboxes.organisational(m["addr"]) is not None:
                continue
            start = self._display_start(text, m.start(), header_ends)
            span = self._display_name(text, start, m.start())
            if span is not None:
                why = "Display name beside a personal e-mail address."
                results.append(self._result(self.ENTITY, span[0], span[1], self.options.score, "display name", why))
        for h in self._header.finditer(text):
            start = h.end()
            if start == end_of_line(text, start) and start < len(text):
                start += 1  # the label alone on its line, as printed header tables put it
            end = end_of_line(text, start)
            value = text[start:end]
            if "@" in value or "<" in value:
                continue
            span = self._display_name(text, start, end, lower_case=True)
            if span is not None:
                score = self.options.score if text[span[0]].isupper() else self.options.lower_case_score
                why = f'Name alone in a "{h["cue"]}:" header line.'
                results.append(self._result(self.ENTITY, span[0], span[1], score, "header name", why))
        results += self._header_people_in_body(text, [(r.start, r.end) for r in results])
        return self._dedupe(results)

    def _header_people_in_body(self, text: str, names: list[tuple[int, int]]) -> list[RecognizerResult]:
        """The people of the headers, named again in the body.

        The pieces of a personal address in a header block ("nick.example@...") are first
        names and surnames: written capitalised in the body ("unless you are Nick") they are
        that person. A header person's name or address written alone on a line, in any case,
        is a sign-off ("metze", "-dave").
        """
        blocks = self._header_blocks(text)
        if not blocks:
            return []
        capitalised: set[str] = set()
        sign_offs: set[str] = set()
        for start, end in blocks:
            for m in _ANY_ADDRESS.finditer(text, start, end):
                if self._mailboxes.organisational(m.group()) is not None:
                    continue
                local = m["local"]
                pieces = [p for p in regex.split(r"[._\-]", local) if self._name_piece(p)]
                if len(pieces) > 1:
                    capitalised.update(p.capitalize() for p in pieces)
                if self._name_piece(local):
                    sign_offs.add(local.casefold())
        for s, e in names:
            if any(bs <= s < be for bs, be in blocks):
                sign_offs.update(w.casefold() for w in _WORD.findall(text[s:e]) if self._name_piece(w))
        out: list[RecognizerResult] = []
        if capitalised:
            pattern = regex.compile(r"(?<![\w@.\-])(?:" + "|".join(map(regex.escape, capitalised)) + r")(?![\w@\-])")
            for m in pattern.finditer(text):
                if not any(bs <= m.start() < be for bs, be in blocks):
                    why = "A name from a personal address in the e-mail's headers."
                    out.append(self._result(self.ENTITY, m.start(), m.end(), 0.7, "header person", why))
        if sign_offs:
            words = "|".join(map(regex.escape, sign_offs))
            pattern = regex.compile(r"(?m)^[ \t>]*(?:--?|—|~)?[ \t]*(?P<name>(?i:" + words + r"))[ \t]*$")
            for m in pattern.finditer(text):
                why = "A sign-off: the name or address of a person in the e-mail's headers, alone on its line."
                out.append(self._result(self.ENTITY, m.start("name"), m.end("name"), 0.7, "sign-off", why))
        return out

    def _name_piece(self, word: str) -> bool:
        """A word that can be a name: letters only, three or more, not a function or role word."""
        return (
            len(word) >= 3
            and word.isalpha()
            and fold(word) not in self.stop_words
            and word not in self._mailboxes.role_words
        )

    def _header_blocks(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each run of header lines: from a header label to the next blank line."""
        blocks: list[tuple[int, int]] = []
        for m in self._header.finditer(text):
            if blocks and m.start() <= blocks[-1][1]:
                continue
            blank = regex.search(r"\n[ \t>]*\n", text, pos=m.end())
            blocks.append((m.start(), blank.start() if blank else len(text)))
        return blocks

    @staticmethod
    def _display_start(text: str, bracket: int, header_ends: set[int]) -> int:
        """Where the display name before the "<" at `bracket` begins.

        That is after the previous address, the header label or the line's start; when the
        "<" starts its line, the name was wrapped onto the line above ("Haack, Jereme N" /
        "<j@example.org>") and it begins there.
        """
        line_start = text.rfind("\n", 0, bracket) + 1
        if not text[line_start:bracket].strip() and line_start > 0:
            line_start = text.rfind("\n", 0, line_start - 1) + 1
        previous = text.rfind(">", 0, bracket)
        start = max(line_start, previous + 1)
        if previous >= 0 and bracket - previous <= MAX_DISPLAY and "\n" in text[previous:bracket]:
            start = previous + 1  # a display name wrapped over a line break ("Curtis, Laura" / "M <...>")
        for end in header_ends:
            if start <= end <= bracket:
                start = end
        return start

    def _display_name(self, text: str, start: int, end: int, *, lower_case: bool = False) -> tuple[int, int] | None:
        """The span of the display name in text[start:end], if it is a person's name."""
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        value = text[start:end]
        via = value.find(" via ")  # "Ann Other via Example-users": the list relays her post
        if via > 0:
            end = start + via
            value = value[:via]
        if not value or value.count(",") > 1:
            return None
        if _DOTTED.fullmatch(value):
            pieces = regex.split(r"[._]", value)
            ok = all(fold(p) not in self.stop_words for p in pieces)
            return (start, end) if ok else None
        tokens = value.replace(",", " ").split()
        if not tokens or len(tokens) > self.options.max_words:
            return None
        if lower_case and all(_LOWER_WORD.fullmatch(t) for t in tokens):
            # A From: name typed in lower case ("jay", "alec example"): up to three words, none
            # a function word or a role ("admin", "webmaster").
            ok = len(tokens) <= 3 and not any(
                fold(t) in self.stop_words or t in self._mailboxes.role_words for t in tokens
            )
            return (start, end) if ok else None
        words = 0
        for t in tokens:
            if fold(t) in self.stop_words or t in self._names.scanner.postnominals:
                return None
            if _WORD.fullmatch(t) and not _INITIALS.fullmatch(t):
                words += 1
            elif not (_INITIALS.fullmatch(t) or _NICKNAME.fullmatch(t) or fold(t) in self.particles):
                return None
        return (start, end) if words else None
