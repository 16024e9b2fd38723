"""Identifiers named by a cue: passport, NI, NHS, driving licence and vehicle numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import BaseModel, ConfigDict, Field

from redactor.detect.recognizers.base import RecognizerOptions, RuleRecognizer, alternation

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class IdentifierSpec(BaseModel):
    """One identifier: the words that name it, and the regex of its value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cues: tuple[str, ...]
    value: str


class CuedIdentifierRecognizer(RuleRecognizer):
    """Identifiers that the text names: "Passport number: 123456789", "NHS no. 999 123 4567".

    Presidio's UK recognizers score bare patterns low (a nine-digit passport number is not
    matched at all, an NHS number needs a valid checksum, a NINO must be spaced exactly).
    When a cue comes shortly before the value on the same line (or ends the line above it),
    the value is reported with a high score whatever its layout or checksum. The gap between
    cue and value may hold words ("(proof of identity):") but no digits or sentence breaks.
    """

    _IDENTIFIERS: ClassVar[dict[str, dict[str, Any]]] = {
        "UK_PASSPORT": {
            "cues": ["passport number", "passport no", "passport", "travel document", "rhif pasbort", "pasbort"],
            "value": r"\d{9}|[A-Z]{2}\d{7}|\d{3}[ ]\d{3}[ ]\d{3}",
        },
        "UK_NINO": {
            "cues": [
                "national insurance number", "national insurance no", "national insurance", "NI number",
                "NI no", "NINO", "N.I. number", "N.I. no", "rhif yswiriant gwladol", "yswiriant gwladol",
            ],
            "value": r"(?i:[A-Z]{2}(?:[ \-.]{0,2}\d{2}){3}[ \-.]{0,2}[A-D])",
        },
        "UK_NHS": {
            "cues": ["NHS number", "NHS no", "NHS", "rhif GIG", "GIG"],
            "value": r"\d{3}[ \-]?\d{3}[ \-]?\d{4}",
        },
        "UK_DRIVING_LICENCE": {
            "cues": ["driving licence number", "driving licence", "driving license", "licence number", "licence no",
                     "DL number", "trwydded yrru"],
            "value": r"[A-Z9]{5}[ ]?\d{6}[ ]?[A-Z9]{2}\d[A-Z]{2}(?:[ ]?\d{2})?",
        },
        "UK_VEHICLE_REGISTRATION": {
            "cues": ["vehicle registration", "registration number", "registration mark", "registration", "reg no",
                     "reg", "VRM", "number plate", "vehicle", "car", "van", "cerbyd", "rhif cofrestru"],
            "value": r"[A-Z]{2}\d{2}[ ]?[A-Z]{3}|[A-Z]\d{1,3}[ ]?[A-Z]{3}|[A-Z]{3}[ ]?\d{1,3}[A-Z]",
        },
    }  # fmt: skip
    IDENTIFIERS: ClassVar[dict[str, IdentifierSpec]] = {e: IdentifierSpec(**v) for e, v in _IDENTIFIERS.items()}
    GAP = r"(?:[^\d\n;!?]{0,40}?|[ \t:.\-]*\n[ \t>]*)"
    CONTEXT: ClassVar[list[str]] = []

    class Options(RecognizerOptions):
        identifiers: dict[str, IdentifierSpec] | None = None
        gap: str | None = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)

    options: Options

    def setup(self) -> None:
        o = self.options
        self.identifiers = o.identifiers if o.identifiers is not None else self.IDENTIFIERS
        self.score = o.score
        gap = o.gap or self.GAP
        self._re = {
            entity: regex.compile(
                r"(?<![\p{L}\p{M}])(?P<cue>(?i:" + alternation(spec.cues) + r"))(?![\p{L}\p{M}])\.?" + gap
                + r"(?<![\p{L}\p{M}\d])(?P<value>" + spec.value + r")(?![\p{L}\p{M}\d])"
            )
            for entity, spec in self.identifiers.items()
        }  # fmt: skip
        # The first word of each cue, lower case: a page without any is skipped cheaply.
        self._keys = {
            entity: tuple({cue.split()[0].casefold().rstrip(".") for cue in spec.cues})
            for entity, spec in self.identifiers.items()
        }

    def default_entities(self) -> list[str]:
        return list(self.identifiers)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report identifiers that follow their cue."""
        results = []
        folded = text.casefold()
        for entity in sorted(self._wanted(entities)):
            pattern = self._re.get(entity)
            if pattern is None or not any(key in folded for key in self._keys.get(entity, ())):
                continue
            for m in pattern.finditer(text):
                why = f'Identifier follows the cue "{" ".join(m["cue"].split())}".'
                results.append(self._result(entity, m.start("value"), m.end("value"), self.score, "cued value", why))
        return self._dedupe(results)


# --------------------------------------------------------------------------------------
# E-mail addresses, less the role mailboxes of public bodies
# --------------------------------------------------------------------------------------
