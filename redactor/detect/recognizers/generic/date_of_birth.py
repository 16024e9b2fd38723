"""Dates of birth: a date is reported only when the text says it is one."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import RecognizerOptions, RuleRecognizer, alternation, fill, pick
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class DateOfBirthRecognizer(RuleRecognizer):
    """Dates that the text itself says are birth dates.

    A date on its own is not personal data (letters are dated), so a date is reported
    only when a birth cue ("date of birth", "DOB", "born on", "dyddiad geni", ...) comes
    shortly before it (or in brackets right after it). The span is the date, not the cue.
    """

    ENTITY = Entity.DATE_OF_BIRTH
    MONTHS: tuple[str, ...] = (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
        "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        # Welsh
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
        "Medi", "Hydref", "Tachwedd", "Rhagfyr",
    )  # fmt: skip
    # Compiled case-insensitively. <<MONTH>> is replaced by the MONTHS alternation.
    PATTERNS: ClassVar[dict[str, str]] = {
        "numeric date": (
            r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
            r"(?![\d/\-])(?!\.\d)"
        ),
        "ISO date": r"(?<![\d/.\-])(?P<y>(?:19|20)\d{2})-(?P<b>\d{1,2})-(?P<a>\d{1,2})(?![\d\-])",
        "day month year": (
            r"(?<![\p{L}\d])(?P<a>\d{1,2})(?:st|nd|rd|th|af|ydd|ed|fed)?(?:[ \t]+of)?[ \t]+"
            r"(?P<mon><<MONTH>>)\.?,?[ \t]+(?P<y>\d{4})(?!\d)"
        ),
        "day-month-year": (
            r"(?<![\p{L}\d])(?P<a>\d{1,2})[\-/.](?P<mon><<MONTH>>)[\-/.](?P<y>\d{4}|\d{2})(?![\d\p{L}])"
        ),
        "month day year": (
            r"(?<![\p{L}\d])(?P<mon><<MONTH>>)\.?[ \t]+(?P<a>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+"
            r"(?P<y>\d{4})(?!\d)"
        ),
        "day month": (
            r"(?<![\p{L}\d])(?P<a>\d{1,2})(?:st|nd|rd|th|af|ydd|ed|fed)?(?:[ \t]+of)?[ \t]+"
            r"(?P<mon><<MONTH>>)(?![\p{L}])"
        ),
        "month year": r"(?<![\p{L}\d])(?P<mon><<MONTH>>)\.?,?[ \t]+(?P<y>(?:19|20)\d{2})(?!\d)",
        "year": r"(?<![\p{L}\d/.\-])(?P<y>(?:19|20)\d{2})(?![\d/\-]|\.\d)",
    }
    # Birth cues, matched case-insensitively as whole words; dots are optional ("D.O.B.").
    CONTEXT: ClassVar[list[str]] = [
        "date of birth", "birth date", "birthdate", "birthday", "born on", "born", "d.o.b.",
        "dyddiad geni", "dyddiad eich geni", "pen-blwydd", "ganwyd", "ganed",
        "year of birth", "blwyddyn geni",
    ]  # fmt: skip
    # A bare year counts only right after one of these cues ("born in 1982").
    YEAR_CUES: tuple[str, ...] = ("born", "year of birth", "blwyddyn geni", "ganwyd", "ganed")
    YEAR_GAP = r"[ \t]*(?:[:\-–][ \t]*|(?:in|yn)[ \t]+)?"
    # Text between cue and date that shows they belong to different statements.
    GAP_BREAKERS = (
        r"[;!?]|\.[ \t]+\p{Lu}|\n[ \t]*\n|(?i:\b(?:and|but|dated|letter|wrote|written|"
        r"received|sent|signed|e-?mail|ref|reference|died|death)\b)"
    )

    class Options(RecognizerOptions):
        patterns: dict[str, str] | None = None
        months: tuple[str, ...] | None = None
        year_cues: tuple[str, ...] | None = None
        year_gap: str | None = None
        gap_breakers: str | None = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)
        max_gap: int = Field(default=40, ge=0)  # characters between the end of the cue and the date

    options: Options

    def setup(self) -> None:
        o = self.options
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        cues = self.context_words
        self.score = o.score
        self.max_gap = o.max_gap
        self.year_cues = fold_all(pick(o.year_cues, self.YEAR_CUES))
        month_alt = alternation(pick(o.months, self.MONTHS))
        self._dates = {
            key: regex.compile(fill(p, {"MONTH": month_alt}), regex.IGNORECASE) for key, p in self.patterns.items()
        }
        self._cue = regex.compile(
            r"(?<![\p{L}\p{M}\d])(?P<cue>" + alternation(cues) + r")\.?(?![\p{L}\p{M}\d])",
            regex.IGNORECASE,
        )
        self._after_cue = regex.compile(r"[ \t]*[(\[][ \t]*" + self._cue.pattern, regex.IGNORECASE)
        self._year_gap = regex.compile(o.year_gap or self.YEAR_GAP, regex.IGNORECASE)
        self._breakers = regex.compile(o.gap_breakers or self.GAP_BREAKERS)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report dates preceded (closely) by a birth cue."""
        if not self._wanted(entities):
            return []
        dates = self._find_dates(text)
        if not dates:
            return []
        cues = [(m.start(), m.end(), m["cue"]) for m in self._cue.finditer(text)]
        date_starts = [d[0] for d in dates]
        results = []
        for start, end, pattern_name in dates:
            why = self._cue_before(text, start, cues, date_starts, year_only=pattern_name == "year")
            if why is None and pattern_name != "year":
                after = self._after_cue.match(text, end)
                if after:
                    why = f'Date is followed by the birth cue "{after["cue"]}" in brackets.'
            if why is not None:
                results.append(self._result(self.supported_entities[0], start, end, self.score, pattern_name, why))
        return results

    def _find_dates(self, text: str) -> list[tuple[int, int, str]]:
        """Every plausible date, longest first where two overlap."""
        found: list[tuple[int, int, str]] = []
        for pattern_name, pattern in self._dates.items():
            for m in pattern.finditer(text):
                if self._plausible(m):
                    found.append((m.start(), m.end(), pattern_name))
        found.sort(key=lambda d: (d[0], -(d[1] - d[0])))
        kept: list[tuple[int, int, str]] = []
        for d in found:
            if kept and d[0] < kept[-1][1]:
                continue  # overlaps a longer (or earlier) date
            kept.append(d)
        return kept

    def _plausible(self, m: Any) -> bool:
        groups = m.groupdict()
        year = groups.get("y")
        if year is not None and len(year) == 4 and not 1880 <= int(year) <= 2099:
            return False
        if groups.get("a") is None:
            return True
        a = int(groups["a"])
        if groups.get("mon") is not None:
            return 1 <= a <= 31
        b = int(groups["b"])
        return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= b <= 31 and 1 <= a <= 12)

    def _cue_before(
        self,
        text: str,
        start: int,
        cues: list[tuple[int, int, str]],
        date_starts: list[int],
        *,
        year_only: bool,
    ) -> str | None:
        """Explanation if the nearest cue before `start` is close enough and unbroken."""
        before = [c for c in cues if c[1] <= start]
        if not before:
            return None
        _, cue_end, cue = before[-1]
        gap = text[cue_end:start]
        if len(gap) > self.max_gap or self._breakers.search(gap):
            return None
        # Another date between cue and this one takes the cue.
        i = bisect.bisect_left(date_starts, cue_end)
        if i < len(date_starts) and date_starts[i] < start:
            return None
        if year_only and (fold(cue).rstrip(".") not in self.year_cues or not self._year_gap.fullmatch(gap)):
            return None
        where = "directly" if not gap.strip(" \t:-–") else f"{len(gap)} characters"
        return f'Date follows the birth cue "{cue}" ({where} before it).'


# --------------------------------------------------------------------------------------
# Street addresses
# --------------------------------------------------------------------------------------
