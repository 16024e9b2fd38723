"""Street addresses written the North American way: a house number, a street and a ZIP line."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.detect.recognizers.base import NAME_WORD, RecognizerOptions, RuleRecognizer, alternation, fill, pick
from redactor.detect.recognizers.uk.street import UkStreetAddressRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class ZipAddressRecognizer(RuleRecognizer):
    """A home address in a signature or letterhead: "4410 Quill Leaf Court / Fenwick, TX 77000".

    UkStreetAddressRecognizer confirms a street by a UK postcode and reads house numbers of
    up to three digits. North American addresses carry four- or five-digit house numbers and
    end with a line "Town, ST 12345". A street line (number, words, street type, perhaps
    "Apt 4") is reported when such a ZIP line follows it within `max_gap` lines, or ends its
    own line; the ZIP code is reported too, the town and state are not (not personal alone).
    A public body's address block is kept by the policy's organisational address rule.
    """

    ENTITY = Entity.STREET_ADDRESS
    EXTRA_TYPES: tuple[str, ...] = (
        "Blvd", "Pkwy", "Parkway", "Hwy", "Highway", "Ter", "Cir", "Circle", "Trail", "Loop",
    )  # fmt: skip
    PATTERNS: ClassVar[dict[str, str]] = {
        "street": (
            r"(?m:^)[ \t>]*(?P<street>\d{1,6}[A-Za-z]?(?:[^\S\n]+" + NAME_WORD + r"){1,4}?[^\S\n]+(?:<<TYPE>>)\.?)"
            r"(?P<flat>[ \t,]+(?i:apt|apartment|suite|ste|unit|#)\.?[^\S\n]*#?[\dA-Za-z\-]{1,6})?"
            r"(?P<rest>[^\S\n]*,[^\S\n]*[^\n]*)?[^\S\n]*(?m:$)"
        ),
        "zip line": (
            r"(?m:^)[ \t>]*\p{Lu}[\p{L}\p{M}.'’\- ]*,[^\S\n]*[A-Z]{2}\.?[^\S\n]+(?P<zip>\d{5}(?:-\d{4})?)[^\S\n]*(?m:$)"
        ),
        "zip ending": (
            r",[^\S\n]*\p{Lu}[\p{L}\p{M}.'’\- ]*,[^\S\n]*[A-Z]{2}\.?[^\S\n]+(?P<zip>\d{5}(?:-\d{4})?)[^\S\n]*(?m:$)"
        ),
    }
    CONTEXT: ClassVar[list[str]] = []

    class Options(RecognizerOptions):
        patterns: dict[str, str] | None = None
        street_types: tuple[str, ...] | None = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)
        # Lines allowed between the street and the ZIP line (an "Apt 4" or a blank line).
        max_gap: int = Field(default=1, ge=0)

    options: Options

    def setup(self) -> None:
        o, lex = self.options, self.lexicon
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        types = pick(
            o.street_types, (*lex.english_street_types, *UkStreetAddressRecognizer.ABBREVIATED_TYPES, *self.EXTRA_TYPES)
        )
        slots = {"TYPE": alternation(types, upper=True)}
        self._re = {key: regex.compile(fill(p, slots)) for key, p in self.patterns.items()}
        self.score = o.score
        self.max_gap = o.max_gap

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report the house number and street, and the ZIP code, of each confirmed address."""
        if not self._wanted(entities):
            return []
        entity = self.supported_entities[0]
        results: list[RecognizerResult] = []
        for m in self._re["street"].finditer(text):
            zip_match = self._zip_after(text, m)
            if zip_match is None:
                continue
            why = "House number and street, with a town, state and ZIP code line after it."
            end = m.end("flat") if m.group("flat") else m.end("street")
            results.append(self._result(entity, m.start("street"), end, self.score, "street and ZIP", why))
            why = "ZIP code of the street address above it."
            results.append(
                self._result(entity, zip_match.start("zip"), zip_match.end("zip"), self.score, "ZIP code", why)
            )
        return self._dedupe(results)

    def _zip_after(self, text: str, m: regex.Match[str]) -> regex.Match[str] | None:
        if m.group("rest"):
            return self._re["zip ending"].match(text, m.start("rest"), m.end())
        pos = m.end()
        for _ in range(self.max_gap + 1):
            if pos >= len(text):
                return None
            line_end = text.find("\n", pos + 1)
            line_end = len(text) if line_end < 0 else line_end
            found = self._re["zip line"].match(text, pos + 1, line_end)
            if found:
                return found
            pos = line_end
        return None
