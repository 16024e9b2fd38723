"""Configured regex lists, run so that a pattern that backtracks forever cannot pass in silence.

Presidio's PatternRecognizer gives up on a pattern after a time-out and carries on as if it had
found nothing: that would release whatever the pattern was meant to catch. Here a pattern that
runs out of time fails the document instead (fail closed), with the pattern named.
"""

from __future__ import annotations

from typing import Any

import regex
from presidio_analyzer import PatternRecognizer, RecognizerResult

from redactor.errors import DocumentError

# Per pattern and page. A page of correspondence is a few thousand characters: any sound
# pattern takes milliseconds; one that needs seconds is backtracking.
PATTERN_SECONDS = 5.0


class TimedPatternRecognizer(PatternRecognizer):  # type: ignore[misc]
    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> list[RecognizerResult]:
        flags = regex_flags or self.global_regex_flags
        for pattern in self.patterns:
            compiled = regex.compile(pattern.regex, flags=flags)
            try:
                for _ in compiled.finditer(text, timeout=PATTERN_SECONDS):
                    pass
            except TimeoutError as exc:
                raise DocumentError(
                    f"the configured pattern {pattern.name!r} of recognizer {self.name!r} took longer than "
                    f"{PATTERN_SECONDS:g} s on one page (it backtracks); the document was not released. "
                    "Fix the pattern in the configuration and run again"
                ) from exc
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return results
