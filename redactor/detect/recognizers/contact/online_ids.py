"""Identifiers that single out a person online or on the air: profile links and radio call signs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.detect.recognizers.base import RecognizerOptions, RuleRecognizer, alternation
from redactor.detect.recognizers.names.titled import TitledNameRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class OnlineIdentifierRecognizer(RuleRecognizer):
    """A link to a person's profile, and an amateur radio call sign in a signature.

    Profile links: only the paths that always name one person ("linkedin.com/in/<name>");
    a site's own pages (linkedin.com/company/...) and an organisation's social-media
    accounts, which look the same as a person's, are left alone. A call sign (one or two
    letters or a digit and a letter, a digit, two to four letters: "GW4ABC", "2E0XYZ") is
    a licensee's identifier; it is reported when a cue names it ("call sign", "73 de") or
    when it ends a line of a signature, a few lines under a sign-off ("Regards,").
    """

    ENTITY = Entity.ONLINE_IDENTIFIER
    PROFILE_PATHS: tuple[str, ...] = ("linkedin.com/in/", "linkedin.com/pub/", "facebook.com/profile.php?id=")
    PATTERNS: ClassVar[dict[str, str]] = {
        "profile": r"(?<![\w.@/-])(?:https?://)?(?:[\w-]+\.)?(?:<<PROFILE>>)[\w%.\-]+/?(?![\w/])",
        "call sign": r"(?<![\w./@-])(?:[A-Z]{1,2}|\d[A-Z])\d[A-Z]{2,4}(?![\w/@-])",
        "call sign cue": r"(?i:call[ -]?sign|callsign|73[ \t]+de)[ \t:]*\Z",
        "line end": r"[ \t.,;]*(?m:$)",
    }
    CONTEXT: ClassVar[list[str]] = []

    class Options(RecognizerOptions):
        patterns: dict[str, str] | None = None
        profile_paths: tuple[str, ...] | None = None
        profile_score: float = Field(default=0.85, ge=0.0, le=1.0)
        call_sign_score: float = Field(default=0.75, ge=0.0, le=1.0)
        # Lines under a sign-off that still belong to the signature.
        signature_lines: int = Field(default=8, ge=0)

    options: Options

    def setup(self) -> None:
        o = self.options
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        paths = o.profile_paths if o.profile_paths is not None else self.PROFILE_PATHS
        slots = alternation(paths)
        self._re = {key: regex.compile(p.replace("<<PROFILE>>", slots)) for key, p in self.patterns.items()}
        self._sign_off = self.peers.get(TitledNameRecognizer)._re["signature"]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not self._wanted(entities):
            return []
        o, entity = self.options, self.supported_entities[0]
        results = [
            self._result(entity, m.start(), m.end(), o.profile_score, "profile link", "A link to a person's profile.")
            for m in self._re["profile"].finditer(text)
        ]
        sign_offs = [m.end() for m in self._sign_off.finditer(text)]
        for m in self._re["call sign"].finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if self._re["call sign cue"].search(text[line_start : m.start()]):
                why = "A radio call sign, named as one."
            elif self._re["line end"].match(text, m.end()) and self._in_signature(text, m.start(), sign_offs):
                why = "A radio call sign ending a line of a signature."
            else:
                continue
            results.append(self._result(entity, m.start(), m.end(), o.call_sign_score, "call sign", why))
        return self._dedupe(results)

    def _in_signature(self, text: str, pos: int, sign_offs: list[int]) -> bool:
        return any(end <= pos and text.count("\n", end, pos) <= self.options.signature_lines for end in sign_offs)
