"""UK telephone numbers in every common layout."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import phonenumbers
import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.detect.recognizers.base import RecognizerOptions, RuleRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class UkPhoneRecognizer(RuleRecognizer):
    """UK telephone numbers in every common layout.

    Presidio's PhoneRecognizer (leniency 1) keeps only numbers that phonenumbers
    considers *valid*, so it drops Ofcom's drama mobiles (07700 900xxx, in any layout) and
    retired codes such as Cardiff's 01222, both common in real and test letters. This
    one matches at leniency POSSIBLE, keeps only numbers written the UK way (leading 0,
    +44 or 0044) with at least nine national digits, and scores valid numbers higher than
    merely possible ones. Context words may raise the score through Presidio's enhancer.
    """

    ENTITY = Entity.PHONE_NUMBER
    PATTERNS: ClassVar[dict[str, str]] = {
        "UK prefix": r"^(?:\+[ \t]*44|0044|\(?[ \t]*0)",
        "not a date or reference": r"[/]",
    }
    CONTEXT: ClassVar[list[str]] = [
        "phone", "telephone", "tel", "mobile", "mob", "call", "ring", "contact", "number",
        "ffôn", "ffon", "rhif", "ffonio",
    ]  # fmt: skip

    class Options(RecognizerOptions):
        patterns: dict[str, str] | None = None
        region: str = "GB"
        score: float = Field(default=0.6, ge=0.0, le=1.0)
        possible_score: float = Field(default=0.5, ge=0.0, le=1.0)
        min_national_digits: int = Field(default=9, ge=1)

    options: Options

    def setup(self) -> None:
        o = self.options
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        self.region = o.region
        self.score = o.score
        self.possible_score = o.possible_score
        self.min_national_digits = o.min_national_digits
        self._prefix = regex.compile(self.patterns["UK prefix"])
        self._reject = regex.compile(self.patterns["not a date or reference"])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report UK-formatted numbers that phonenumbers deems possible."""
        if not self._wanted(entities):
            return []
        results = []
        matcher = phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.POSSIBLE)
        for match in matcher:
            raw, number = match.raw_string, match.number
            if not self._prefix.match(raw) or self._reject.search(raw):
                continue
            if number.country_code != 44 or not phonenumbers.is_possible_number(number):
                continue
            if len(phonenumbers.national_significant_number(number)) < self.min_national_digits:
                continue
            if phonenumbers.is_valid_number(number):
                score, why = self.score, "a valid UK number"
            else:
                score, why = self.possible_score, "possible but not valid (unallocated, fictional or retired range)"
            results.append(
                self._result(
                    self.supported_entities[0],
                    match.start,
                    match.end,
                    score,
                    "UK telephone number",
                    f"UK-formatted telephone number; phonenumbers judges it {why}.",
                    context_weighed=False,
                )
            )
        return results


# --------------------------------------------------------------------------------------
# Names: given names from a gazetteer, and spaCy's findings checked against gazetteers
