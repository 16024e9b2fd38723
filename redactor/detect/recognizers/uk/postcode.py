"""UK postcodes that belong to a home address."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.detect.recognizers.base import RecognizerOptions, RuleRecognizer, alternation
from redactor.detect.recognizers.uk.street import UkStreetAddressRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class HomePostcodeRecognizer(RuleRecognizer):
    """UK postcodes that belong to a home address.

    A postcode on its own is not personal data (public bodies print theirs on every letter),
    so it is reported above threshold only with evidence that it is part of an address a
    person lives at: an address cue before it in the same block of lines ("Address:",
    "Postcode:", "lives at", "home"); a house number and street before it in the block; or
    an address block (two or more short lines without labels, ending with the postcode). A
    postcode without such evidence is reported below threshold, for the reviewer. Published
    addresses of public bodies are kept by the policy (see redactor/decide/policy.py), which knows the
    allow-list of bodies and buildings.
    """

    ENTITY = Entity.UK_POSTCODE
    PATTERNS: ClassVar[dict[str, str]] = {
        "postcode": (
            r"(?<![\p{L}\p{M}\d])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)[ \t]?\d[ABD-HJLNP-UW-Z]{2}"
            r"(?![\p{L}\p{M}\d])"
        ),
        # An address line: starts with a capital or a number, no label colon, no sentence inside.
        "address line": r"[ \t>]*[\p{Lu}\d][^:\n]{0,58}",
        "sentence": r"[.!?][ \t]+\p{Lu}|[.!?][ \t]*$",
        # What may come before the postcode on its own line: a town, with or without a comma.
        "town before": r"[ \t>]*(?:[\p{Lu}][\p{L}\p{M}'’\-]*(?:[ \t]+[\p{L}\p{M}'’\-]+){0,3}[ \t]*,?[ \t]*)?\Z",
        "line rest": r"[ \t,.]*(?:\n|\Z)",
    }
    CONTEXT: ClassVar[list[str]] = [
        "address", "home address", "postal address", "postcode", "post code", "cod post",
        "cyfeiriad", "lives at", "living at", "live at", "lived at", "resides at", "residing at",
        "resident at", "resident of", "moved to", "home", "byw yn", "cartref", "lives in", "living in",
        "live in", "resides in", "my address", "cod post",
    ]  # fmt: skip

    class Options(RecognizerOptions):
        patterns: dict[str, str] | None = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)
        block_score: float = Field(default=0.7, ge=0.0, le=1.0)
        bare_score: float = Field(default=0.35, ge=0.0, le=1.0)
        block_lines: int = Field(default=4, ge=0)  # lines above the postcode that can belong to its address
        cue_distance: int = Field(default=160, ge=0)  # characters between an address cue and the postcode

    options: Options

    def setup(self) -> None:
        o = self.options
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        self.score = o.score
        self.block_score = o.block_score
        self.bare_score = o.bare_score
        self.block_lines = o.block_lines
        self.cue_distance = o.cue_distance
        self._re = {
            key: regex.compile(p, regex.MULTILINE if key == "sentence" else 0) for key, p in self.patterns.items()
        }
        self._cue = regex.compile(
            r"(?<![\p{L}\p{M}])" + alternation(self.context_words) + r"(?![\p{L}\p{M}])", regex.IGNORECASE
        )
        self._streets = self.peers.get(UkStreetAddressRecognizer)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report postcodes, scored by the evidence that they belong to a home address."""
        if not self._wanted(entities):
            return []
        matches = list(self._re["postcode"].finditer(text))
        if not matches:
            return []
        streets = self._streets.find_streets(text)
        results = []
        for m in matches:
            line_start = text.rfind("\n", 0, m.start()) + 1
            lines = self._block_lines(text, line_start)
            block_start = lines[0][0] if lines else line_start
            cue = None
            for c in self._cue.finditer(text, max(block_start, m.start() - self.cue_distance), m.start()):
                cue = c.group()
            street = any(block_start <= s.start and s.end <= m.start() for s in streets)
            if cue:
                score, why = self.score, f'the address cue "{cue}" comes before it'
            elif street:
                score, why = self.score, "a house number and street come before it"
            elif self._address_block(text, lines, line_start, m):
                score, why = self.block_score, "it ends a block of address lines"
            else:
                score, why = self.bare_score, "no sign that it belongs to a home address; kept for review"
            results.append(
                self._result(
                    self.supported_entities[0], m.start(), m.end(), score, "UK postcode", f"UK postcode: {why}."
                )
            )
        return results

    def _block_lines(self, text: str, line_start: int) -> list[tuple[int, int]]:
        """(start, end) of up to BLOCK_LINES non-blank lines right above the line at `line_start`."""
        lines: list[tuple[int, int]] = []
        end = line_start - 1
        while end > 0 and len(lines) < self.block_lines:
            start = text.rfind("\n", 0, end) + 1
            if not text[start:end].strip():
                break
            lines.insert(0, (start, end))
            end = start - 1
        return lines

    def _address_block(self, text: str, lines: list[tuple[int, int]], line_start: int, m: Any) -> bool:
        if not self._re["town before"].match(text, line_start, m.start()):
            return False
        if not self._re["line rest"].match(text, m.end()):
            return False
        above = [(s, e) for s, e in lines if self._re["address line"].fullmatch(text, s, e)]
        above = [(s, e) for s, e in above if not self._re["sentence"].search(text, s, e)]
        return len(above) >= 2 and above[-1] == lines[-1]
