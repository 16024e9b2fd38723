"""NHS numbers: Presidio's checksum, less clock readings outside every issued range."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import NhsRecognizer
from pydantic import Field

from redactor.detect.recognizers.base import Peers, RecognizerOptions, alternation
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


def in_issued_range(digits: str) -> bool:
    """Whether ten digits could be a UK health service number.

    England, Wales and the Isle of Man issue 400-499 and 600-799 million; Northern Ireland's
    Health and Care numbers are 320-399; Scotland's CHI number starts with a date of birth
    (DDMMYY); 999 is the NHS's range for test and example numbers.
    """
    head = int(digits[:3])
    day, month = int(digits[:2]), int(digits[2:4])
    return 320 <= head <= 499 or 600 <= head <= 799 or head == 999 or (1 <= day <= 31 and 1 <= month <= 12)


class NhsNumberRecognizer(NhsRecognizer):  # type: ignore[misc]
    """Presidio's NHS number recognizer (mod-11 checksum), less clock readings.

    One ten-digit number in eleven passes the checksum, and a Unix time is ten digits: "After
    100 seconds the time is 1558028250". A number written in one run of digits, outside every
    range a UK health service issues, with a clock word shortly before it (the `time_words`
    option) is not reported. Any other number passing the checksum is; a number
    with a cue ("NHS no.") is reported by CuedIdentifierRecognizer whatever its digits.
    """

    class Options(RecognizerOptions):
        time_words: tuple[str, ...] = (
            "time", "timestamp", "epoch", "seconds", "secs", "utc", "gmt", "gps", "unix", "clock", "uptime",
        )  # fmt: skip
        time_window: int = Field(default=80, ge=0)  # characters before the number

    def __init__(
        self,
        options: Options | None = None,
        *,
        peers: Peers | None = None,
        supported_language: str = "en",
        context: list[str] | None = None,
        name: str | None = None,
    ) -> None:
        o = self.options = options if options is not None else self.Options()
        entities = o.supported_entities or (Entity.UK_NHS,)
        super().__init__(
            context=context,
            supported_language=supported_language,
            supported_entity=entities[0],
            name=name or type(self).__name__,
        )
        # A clock word, also ending a longer one ("Usrptime", "gpstime").
        self._time_word = regex.compile(r"(?i:" + alternation(o.time_words) + r")\b")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's findings, less bare out-of-range numbers after a clock word."""
        found: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in found if not self._clock_reading(text, r.start, r.end)]

    def _clock_reading(self, text: str, start: int, end: int) -> bool:
        digits = text[start:end]
        if not digits.isdigit() or in_issued_range(digits):
            return False
        return self._time_word.search(text, max(0, start - self.options.time_window), start) is not None
