"""UK street addresses: the house number or name and the street of a home address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import (
    NAME_WORD,
    UK_POSTCODE,
    RecognizerOptions,
    RuleRecognizer,
    alternation,
    end_of_line,
    fill,
    pick,
)
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


@dataclass(frozen=True)
class Street:
    start: int
    end: int
    pattern: str
    lower_case_follows: bool


class UkStreetAddressRecognizer(RuleRecognizer):
    """The house number or name and street of a UK home address.

    English street types follow the name ("27 Maple Close"); Welsh types precede it
    ("14 Heol y Deri", "115 Ffordd yr Eglwys"). A house name needs a street after a comma
    at the start of a line ("Ty Gwyn, Lon Isaf"). Town and postcode are never part of the
    span. The base score rises when a postcode follows within three lines or an address cue
    ("lives at", "home address") precedes; it falls below threshold when the street runs
    on into a lower-case word, which is what prose ("2 Planning Court hearings") does.
    """

    ENTITY = Entity.STREET_ADDRESS
    ABBREVIATED_TYPES: tuple[str, ...] = (
        "St", "Rd", "Ln", "Ave", "Av", "Cl", "Ct", "Cres", "Dr", "Pl", "Terr", "Tce",
        "Gdns", "Gr", "Sq", "Pde",
    )  # fmt: skip
    WELSH_TYPES: tuple[str, ...] = (
        "Heol", "Ffordd", "Stryd", "Lôn", "Lon", "Rhodfa", "Cilgant", "Clos", "Maes", "Ffos", "Tan", "Pen",
        "Glan", "Bron", "Cefn", "Coed", "Min", "Tŷ", "Ty", "Gwaun", "Erw", "Penrhiw", "Pentre", "Bro",
        "Bryn", "Teras", "Cwrt", "Llwyn", "Pant", "Rhes", "Cae", "Parc", "Allt", "Ael",
        "Llys", "Gerddi", "Plas", "Dôl", "Dol", "Nant", "Cwm", "Tai", "Rhodfa'r", "Heol-y",
    )  # fmt: skip
    # Lower-case words inside Welsh street names: Heol y Deri, Ffordd yr Eglwys.
    STREET_PARTICLES: tuple[str, ...] = ("y", "yr", "'r", "’r", "the", "ap", "ab", "a'r", "de", "of", "upon", "on")
    FLAT_WORDS: tuple[str, ...] = ("Flat", "Fflat", "Apartment", "Apt", "Unit", "Suite", "Room", "Maisonette")
    # A number after one of these words is a reference, not a house: "Section 40 ...".
    NUMBER_PRECEDERS: tuple[str, ...] = (
        "section", "s", "ss", "sections", "paragraph", "para", "paras", "page", "pages", "p",
        "pp", "article", "art", "regulation", "reg", "regs", "schedule", "sch", "clause",
        "part", "chapter", "annex", "appendix", "item", "question", "q", "no", "number",
        "figure", "fig", "table", "line", "point", "step", "option", "rule", "condition",
        "principle", "ref", "version", "v", "year", "years", "week", "weeks", "day", "days",
        "month", "months", "hour", "hours", "minutes", "adran", "paragraff", "tudalen",
        "rhif", "about", "approximately", "over", "under", "than", "per", "top",
    )  # fmt: skip
    PATTERNS: ClassVar[dict[str, str]] = {
        "English street": (
            r"<<START>>(?P<flat><<FLAT>>)?(?P<number><<NUMBER>>)[ \t]+"
            r"(?P<name>(?:<<WORD>>[ \t]+){1,4}?)(?P<type><<EN_TYPE>>)<<END>>"
        ),
        "Welsh street": (
            r"<<START>>(?P<flat><<FLAT>>)?(?P<number><<NUMBER>>)[ \t]+(?P<type><<CY_TYPE>>)"
            r"(?P<name>(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){1,3})<<END>>"
        ),
        "flat in a named building": (
            r"<<START>>(?P<flat><<FLAT>>)(?P<name>(?:(?:<<PARTICLE>>[ \t]+)?<<WORD>>[ \t]+){1,4}?)"
            r"(?P<type><<EN_TYPE>>)<<END>>"
        ),
        "house name and street": (
            r"<<HOUSE_START>>(?P<house><<WORD>>(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){0,3})[ \t]*,[ \t]*"
            r"(?:(?P<name>(?:<<WORD>>[ \t]+){1,3}?)(?P<type><<EN_TYPE>>)"
            r"|(?P<cytype><<CY_TYPE>>)(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){1,3})"
            r"(?=[ \t]*(?:,|(?m:$)))"
        ),
        # A street alone on its line in an address block ("Heol y Wern" under a house name);
        # reported only when a postcode follows within a few lines.
        "street line": (
            r"(?m:^)[ \t]*(?:(?P<cytype><<CY_TYPE>>)(?P<name>(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){1,3})"
            r"|(?P<enname>(?:<<WORD>>[ \t]+){1,3}?)(?P<type><<EN_TYPE>>))[ \t]*,?[ \t]*(?m:$)"
        ),
    }
    SLOTS: ClassVar[dict[str, str]] = {
        "START": r"(?<![\p{L}\p{M}\d.,/:£$€%\-])",
        "END": r"(?![\p{L}\p{M}\d'’\-])",
        "NUMBER": r"\d{1,3}[A-Za-z]?(?:[ \t]*[-–][ \t]*\d{1,3}[A-Za-z]?)?",
        "WORD": r"(?:St\.|" + NAME_WORD + r")",
        # A house name starts a line, or follows "lives at" and the like in prose.
        "HOUSE_START": (
            r"(?:(?m:^)[ \t>]*|(?<=(?i:\b(?:lives|living|lived|live|resides|residing|resident))"
            r"\s+(?i:at)\s+))"
        ),
    }
    # Cues before the street (same or previous line), matched case-insensitively.
    CONTEXT: ClassVar[list[str]] = [
        "address", "addresses", "lives at", "living at", "live at", "lived at", "resident of",
        "resident at", "residing at", "resides at", "home", "moved to", "cyfeiriad",
        "yn byw yn", "byw yn", "cartref",
    ]  # fmt: skip

    class Options(RecognizerOptions):
        """Lists left unset (None) come from the class or the configuration's lexicon."""

        patterns: dict[str, str] | None = None
        english_types: tuple[str, ...] | None = None
        abbreviated_types: tuple[str, ...] | None = None
        welsh_types: tuple[str, ...] | None = None
        street_particles: tuple[str, ...] | None = None
        flat_words: tuple[str, ...] | None = None
        number_preceders: tuple[str, ...] | None = None
        non_name_words: tuple[str, ...] | None = None
        towns: tuple[str, ...] | None = None
        score: float = Field(default=0.6, ge=0.0, le=1.0)
        confirmed_score: float = Field(default=0.85, ge=0.0, le=1.0)
        prose_score: float = Field(default=0.4, ge=0.0, le=1.0)
        # A postcode on the street's line or the next ones (locality, town, postcode) confirms it.
        postcode_lines: int = Field(default=3, ge=0)

    options: Options

    def setup(self) -> None:
        o, lex = self.options, self.lexicon
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        cues = self.context_words
        particles = pick(o.street_particles, self.STREET_PARTICLES)
        self.number_preceders = fold_all(pick(o.number_preceders, self.NUMBER_PRECEDERS))
        self.non_name_words = fold_all(pick(o.non_name_words, lex.non_name_words))
        self.towns = fold_all(pick(o.towns, lex.towns))
        self.particles = fold_all(particles)
        self.score = o.score
        self.confirmed_score = o.confirmed_score
        self.prose_score = o.prose_score
        self.postcode_lines = o.postcode_lines
        en_types = alternation(pick(o.english_types, lex.english_street_types))
        abbreviations = alternation(pick(o.abbreviated_types, self.ABBREVIATED_TYPES))
        flats = alternation(pick(o.flat_words, self.FLAT_WORDS))
        slots = dict(self.SLOTS)
        slots.update(
            {
                "EN_TYPE": "(?i:" + en_types + "|" + abbreviations + r"(?:\.(?![ \t]*\p{Lu}))?)",
                "CY_TYPE": alternation(pick(o.welsh_types, self.WELSH_TYPES), upper=True),
                "PARTICLE": alternation(particles, upper=True),
                "FLAT": r"(?i:" + flats + r")\.?[ \t]+[\dA-Za-z]{1,4}[ \t]*,?[ \t]+",
            }
        )
        self._re = {key: regex.compile(fill(p, slots)) for key, p in self.patterns.items()}
        self._cue = regex.compile(r"(?<![\p{L}\p{M}])" + alternation(cues) + r"(?![\p{L}\p{M}])", regex.IGNORECASE)
        self._postcode = regex.compile(UK_POSTCODE)
        self._word_before = regex.compile(r"([\p{L}\p{M}§£$€%]+)\.?[ \t]*$")
        self._last: tuple[str, list[Street]] | None = None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report house-number-and-street spans, scored by postcode and address cues."""
        if not self._wanted(entities):
            return []
        results = []
        for street in self.find_streets(text):
            reasons = [f"matched the {street.pattern} pattern"]
            postcode = self._postcode_follows(text, street.end)
            cue = self._cue_before(text, street.start)
            if postcode:
                reasons.append("a UK postcode follows within a few lines")
            if cue:
                reasons.append(f'the address cue "{cue}" precedes it')
            if street.pattern == "street line" and not postcode:
                continue
            if postcode or cue:
                score = self.confirmed_score
            elif street.lower_case_follows:
                score = self.prose_score
                reasons.append("but it runs on into a lower-case word, as prose does")
            else:
                score = self.score
            explanation = "House number/name and street: " + "; ".join(reasons) + "."
            results.append(
                self._result(self.supported_entities[0], street.start, street.end, score, street.pattern, explanation)
            )
        return results

    def find_streets(self, text: str) -> list[Street]:
        """Street spans in `text`, without scores; overlapping candidates keep the longest.

        The last answer is remembered: the postcode and form-field recognizers ask about the
        same page text right after this recognizer has.
        """
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        found = self._find_streets(text)
        self._last = (text, found)
        return found

    def _find_streets(self, text: str) -> list[Street]:
        found: list[Street] = []
        for pattern_name, pattern in self._re.items():
            for m in pattern.finditer(text):
                span = self._accept(text, m, pattern_name)
                if span:
                    tail = text[span[1] : end_of_line(text, span[1])]
                    lower = bool(regex.match(r"[ \t]+\p{Ll}", tail))
                    found.append(Street(span[0], span[1], pattern_name, lower))
        found.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[Street] = []
        for s in found:
            if kept and s.start < kept[-1].end:
                continue
            kept.append(s)
        return kept

    def _accept(self, text: str, m: Any, pattern_name: str) -> tuple[int, int] | None:
        groups = m.groupdict()
        start, end = m.start(), m.end()
        if groups.get("house") is not None:
            start = m.start("house")
            house = [fold(w) for w in m["house"].split()]
            if any(w in self.non_name_words and w not in self.particles for w in house[1:]) or (
                house[0] in self.non_name_words and house[0] != "the"
            ):
                return None
        if groups.get("number") is not None:
            first = m.start("flat") if groups.get("flat") else m.start("number")
            before = self._word_before.search(text, max(0, first - 30), first)
            if before and fold(before.group(1)) in self.number_preceders:
                return None
        words = (groups.get("name") or groups.get("enname") or "").split()
        if any(fold(w) in self.non_name_words and fold(w) not in self.particles for w in words):
            return None
        if pattern_name == "Welsh street" and len(words) > 1:
            # "14 Heol y Deri Cardiff CF14 3AB": the last words may be the town.
            name_start = m.start("name")
            tokens = list(regex.finditer(r"\S+", text[name_start:end]))
            while len(tokens) > 1 and fold(tokens[-1].group()) in self.towns:
                tokens.pop()
            while len(tokens) > 1 and tokens[-1].group()[0].islower():
                tokens.pop()
            end = name_start + tokens[-1].end()
        return start, end

    def _postcode_follows(self, text: str, end: int) -> bool:
        stop = end_of_line(text, end)
        for _ in range(self.postcode_lines):
            if stop >= len(text):
                break
            stop = end_of_line(text, stop + 1)
        return bool(self._postcode.search(text, end, min(stop, end + 160)))

    def _cue_before(self, text: str, start: int) -> str | None:
        line_start = text.rfind("\n", 0, start) + 1
        window_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else 0
        window_start = max(window_start, start - 80)
        cues = list(self._cue.finditer(text, window_start, start))
        return cues[-1].group() if cues else None
