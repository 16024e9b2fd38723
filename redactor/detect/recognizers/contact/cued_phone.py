"""Telephone numbers in any country's format, named by a cue in a signature ("Mob: +33 6...")."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import ORGANISATION_WITH_ACRONYM, RecognizerOptions, RuleRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class CuedPhoneRecognizer(RuleRecognizer):
    """A number after a telephone cue, in any country's layout.

    UkPhoneRecognizer reads only numbers written the UK way. Signatures on real
    correspondence carry "+31 - (0)6 - ...", "(33)6 ..." or "+1 (713) ...". A number after a
    mobile cue (Mob, Mobile, Cell, GSM, M:) is a person's own line wherever it stands. After
    a line cue (Tel, Phone, T:, Direct) a number outside the UK plan is reported only when
    the block it sits in is not headed by an organisation (a line holding a public body's
    word or a firm's suffix, or a name with its acronym: "Quillby Research Centre (QRC)"): a
    switchboard under a firm's or a body's name stays.
    """

    ENTITY = Entity.PHONE_NUMBER
    CONTEXT: ClassVar[list[str]] = []

    class Options(RecognizerOptions):
        mobile_cues: tuple[str, ...] = ("mob", "mobile", "cell", "cellphone", "gsm", "m", "handy", "portable")
        line_cues: tuple[str, ...] = ("tel", "telephone", "phone", "ph", "t", "direct", "direct line", "dd")
        mobile_score: float = Field(default=0.75, ge=0.0, le=1.0)
        line_score: float = Field(default=0.6, ge=0.0, le=1.0)
        min_digits: int = Field(default=8, ge=1)
        max_digits: int = Field(default=15, ge=1)
        block_lines: int = Field(default=6, ge=0)

    options: Options

    def setup(self) -> None:
        o = self.options
        cues = sorted({*o.mobile_cues, *o.line_cues}, key=len, reverse=True)
        alternatives = "|".join(regex.escape(c).replace(r"\ ", r"[ \t]+") for c in cues)
        self._pattern = regex.compile(
            rf"(?im)(?:^|(?<=[|,;]))[ \t]*(?P<cue>{alternatives})\.?[ \t]*(?:no\.?[ \t]*)?[:.][ \t]*"
            r"(?P<num>(?:\+|00|\()?[ \t]*\d[\d \t().\-/]{5,28}\d)"
        )
        self._mobile = fold_all(o.mobile_cues)
        self._body_words = fold_all(self.lexicon.public_body_words)
        self._acronym = regex.compile(ORGANISATION_WITH_ACRONYM)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not self._wanted(entities):
            return []
        o = self.options
        results = []
        for m in self._pattern.finditer(text):
            number = m.group("num")
            digits = sum(c.isdigit() for c in number)
            if not (o.min_digits <= digits <= o.max_digits):
                continue
            cue = fold(m.group("cue"))
            if cue in self._mobile:
                score, why = o.mobile_score, f"a number after the mobile cue {m.group('cue')!r}"
            elif _uk_plan(number) or self._organisation_block(text, m.start()):
                continue
            else:
                score, why = o.line_score, f"a number after {m.group('cue')!r} in a block no organisation heads"
            results.append(
                self._result(
                    self.supported_entities[0], m.start("num"), m.end("num"), score, "cued telephone number", why
                )
            )
        return results

    def _organisation_block(self, text: str, pos: int) -> bool:
        """True when a line above, in the same block, names a public body or a firm."""
        lines = text[:pos].split("\n")[:-1]
        for line in reversed(lines[-self.options.block_lines :] if self.options.block_lines else []):
            if not line.strip() or line.strip() in ("--", "-- "):
                break
            if any(fold(w) in self._body_words for w in regex.findall(r"\w+", line)) or self._acronym.search(line):
                return True
        return False


def _uk_plan(number: str) -> bool:
    """Numbers written the UK way are UkPhoneRecognizer's (and its rules for them apply)."""
    compact = regex.sub(r"[^\d+]", "", number)
    return compact.startswith(("+44", "0044")) or (compact.startswith("0") and not compact.startswith("00"))
