r"""Recognizers for third-party personal data that Presidio's predefined recognizers miss.

Each class is a Presidio `LocalRecognizer` named in `models/recognizers.yaml` with
`source: redactor` and built as `cls(supported_language="en", **options)`. Every regex and
word list is a class constant that a constructor argument of the same (lower-case) name can
replace, so the YAML can tune them without code changes.

The recognizers decide from structure (a birth cue, an honorific, a greeting, a form label)
rather than from Presidio's five-word context window, so their results are flagged as
already weighed against context and Presidio's enhancer leaves their scores alone.
Explanations name the cue that fired but never quote the personal data itself, because
they are copied into the justification log.

Regexes use the `regex` module (a dependency of presidio-analyzer) for Unicode classes such
as `\p{Lu}`; they are case-sensitive unless a group says `(?i:...)`, because capitalisation
is what separates "Mr Jones" from "mr jones said".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import phonenumbers
import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = [
    "DateOfBirthRecognizer",
    "LabelledFieldRecognizer",
    "TitledNameRecognizer",
    "UkPhoneRecognizer",
    "UkStreetAddressRecognizer",
]

# --------------------------------------------------------------------------------------
# Shared building blocks
# --------------------------------------------------------------------------------------

# A capitalised (or all-capitals) word of any script: Siân, Gwenllïan, Łukasz, O'Neill,
# Bowen-Jones, McArthur, JONES. Combining marks are allowed so that NFD text still matches.
NAME_WORD = r"\p{Lu}\p{M}*[\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*"
# UK postcode, upper case only (the usual way postcodes are written).
UK_POSTCODE = r"(?<![\p{L}\p{M}\d])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ \t]*\d[A-Z]{2}(?![\p{L}\p{M}\d])"

HONORIFICS: tuple[str, ...] = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Cllr", "Councillor",
    "Rev", "Revd", "Reverend", "Sir", "Dame", "Lady", "Lord", "Rt Hon", "Fr", "Sr",
    "Y Cynghorydd",
)  # fmt: skip
# Lower-case words that may sit inside a name: Gareth ap Gruffydd, Ludwig van Beethoven.
NAME_PARTICLES: tuple[str, ...] = (
    "ap", "ab", "ac", "ferch", "verch", "ó", "ní", "nic", "mac", "mc", "uí", "van", "von",
    "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "bin", "bint", "ibn",
    "al", "el", "dos", "das",
)  # fmt: skip
# Letters after a name (exact case): a name stops before them.
POSTNOMINALS: tuple[str, ...] = (
    "MS", "MP", "AM", "MEP", "MSP", "MLA", "KC", "QC", "JP", "DL", "MBE", "OBE", "CBE",
    "KBE", "DBE", "BEM", "PhD", "BSc", "BA", "MA", "MSc", "LLB", "LLM", "MBA", "FCA",
    "ACA", "MRTPI", "FRCS", "MRCP", "RGN", "RN", "CEng", "Esq",
)  # fmt: skip
# Words that end a name (matched case-insensitively): function words, and the vocabulary of
# organisations, offices and job titles, so that "Mr Speaker", "Dear Information Rights
# Officer," and a signature block reading "Cardiff Council" yield no name.
NON_NAME_WORDS: tuple[str, ...] = (
    # function words and letter furniture
    "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from", "as",
    "is", "are", "was", "were", "has", "have", "had", "this", "that", "these", "those",
    "our", "your", "his", "her", "their", "we", "you", "he", "she", "it", "they", "re",
    "dear", "yours", "thank", "thanks", "please", "regards", "sincerely", "faithfully",
    "annwyl", "cofion", "diolch", "yn", "gywir", "ref", "cc", "bcc", "subject", "date",
    "enc", "encl", "pp", "per", "via", "attn", "fao",
    # forms of address that are not names
    "sir", "madam", "sirs", "syr", "colleague", "colleagues", "all", "everyone", "friend",
    "friends", "member", "members", "councillors", "resident", "residents", "requester",
    "applicant", "customer", "customers", "complainant", "occupier", "gyfaill",
    "gyfeillion", "pawb",
    # offices and ranks
    "speaker", "mayor", "chair", "chairman", "chairwoman", "chairperson", "president",
    "chancellor", "justice", "deputy", "lieutenant", "sheriff", "registrar", "coroner",
    "ombudsman", "commissioner", "minister", "gweinidog", "secretary", "cabinet",
    # job titles
    "officer", "swyddog", "manager", "rheolwr", "director", "cyfarwyddwr", "head", "clerk",
    "assistant", "adviser", "advisor", "administrator", "coordinator", "co-ordinator",
    "caseworker", "worker", "lead", "chief", "executive", "controller", "inspector",
    "engineer", "solicitor", "lawyer", "analyst", "consultant", "specialist", "supervisor",
    "planner", "surveyor", "team", "tîm", "tim",
    # organisations and functions
    "council", "cyngor", "government", "llywodraeth", "senedd", "parliament", "department",
    "adran", "directorate", "division", "unit", "uned", "office", "swyddfa", "service",
    "services", "gwasanaeth", "gwasanaethau", "authority", "awdurdod", "board", "bwrdd",
    "trust", "committee", "pwyllgor", "commission", "comisiwn", "governance", "information",
    "gwybodaeth", "rights", "freedom", "data", "protection", "complaints", "planning",
    "legal", "compliance", "foi", "eir", "gdpr", "request", "requests", "ltd", "limited",
    "plc", "llp", "cic", "nhs", "university", "prifysgol", "school", "ysgol", "college",
    "coleg", "police", "heddlu", "health", "iechyd", "group", "association", "society",
    "partnership", "agency", "panel", "centre", "center", "company", "cymru", "wales",
    "england", "uk", "county", "borough", "city", "community", "resources", "national",
    "regional", "public", "housing", "education", "social", "safeguarding", "highways",
    "environment", "environmental", "finance", "corporate", "support", "enquiries",
    "admin", "section", "act", "regulations", "annex", "appendix", "schedule",
)  # fmt: skip
# Towns that often follow a street with no comma; they are kept out of the street span.
TOWNS: tuple[str, ...] = (
    "Cardiff", "Caerdydd", "Swansea", "Abertawe", "Newport", "Casnewydd", "Wrexham",
    "Wrecsam", "Bangor", "Aberystwyth", "Carmarthen", "Caerfyrddin", "Llanelli", "Bridgend",
    "Pen-y-bont", "Barry", "Y Barri", "Merthyr", "Tydfil", "Pontypridd", "Caerphilly",
    "Caerffili", "Cwmbran", "Cwmbrân", "Neath", "Castell-nedd", "Port", "Talbot",
    "Rhondda", "Rhyl", "Y Rhyl", "Llandudno", "Conwy", "Colwyn", "Mold", "Yr Wyddgrug",
    "Caernarfon", "Holyhead", "Caergybi", "Haverfordwest", "Hwlffordd", "Brecon",
    "Aberhonddu", "Newtown", "Y Drenewydd", "Welshpool", "Y Trallwng", "Monmouth",
    "Trefynwy", "Abergavenny", "Y Fenni", "Chepstow", "Cas-gwent", "Ebbw", "Vale",
    "Glyn", "Ebwy", "Tredegar", "Llandaff", "Llandaf", "Penarth", "London", "Bristol",
    "Birmingham", "Manchester", "Liverpool", "Leeds", "Chester", "Shrewsbury", "Hereford",
    "Gloucester",
)  # fmt: skip


def _phrase(phrase: str) -> str:
    """Regex for a word or phrase.

    Blanks match any run of blanks (after an optional dot: "Tel. no"), dots are optional,
    both apostrophe forms match, and a hyphen may be missing ("email" for "e-mail").
    """
    parts = []
    for word in phrase.split():
        chars = []
        for ch in word:
            if ch in "'’":
                chars.append("['’]")
            elif ch == ".":
                chars.append(r"\.?")
            elif ch == "-":
                chars.append(r"[-‐]?")
            else:
                chars.append(regex.escape(ch))
        parts.append("".join(chars))
    return r"\.?[ \t]+".join(parts)


def _alternation(words: Iterable[str], *, upper: bool = False) -> str:
    """Non-capturing alternation of phrases, longest first.

    With `upper`, each phrase is also accepted in capitals ("Mr" and "MR", but not "mr").
    """
    forms: set[str] = set()
    for word in words:
        forms.add(word)
        if upper:
            forms.add(word.upper())
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_phrase(w) for w in ordered) + ")"


def _fill(template: str, slots: Mapping[str, str]) -> str:
    """Replace `<<SLOT>>` placeholders (braces would clash with regex quantifiers)."""
    for key, value in slots.items():
        template = template.replace(f"<<{key}>>", value)
    return template


def _fold(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold().replace("’", "'") for w in words)


def _key(word: str) -> str:
    return word.casefold().replace("’", "'")


class _RuleRecognizer(LocalRecognizer):
    """Plumbing shared by the rule-based recognizers: result construction and entity filter."""

    name: str

    def load(self) -> None:
        """Nothing to load: the rules are compiled in the constructor."""

    def _wanted(self, entities: Sequence[str] | None) -> set[str]:
        supported = set(self.supported_entities)
        return supported if not entities else supported & set(entities)

    def _result(
        self,
        entity: str,
        start: int,
        end: int,
        score: float,
        pattern_name: str,
        explanation: str,
        *,
        context_weighed: bool = True,
    ) -> RecognizerResult:
        metadata: dict[str, Any] = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        if context_weighed:
            # The cue was already taken into account here; Presidio must not add to it.
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name,
                original_score=score,
                pattern_name=pattern_name,
                textual_explanation=explanation,
            ),
            recognition_metadata=metadata,
        )

    @staticmethod
    def _dedupe(results: list[RecognizerResult]) -> list[RecognizerResult]:
        """One result per (entity, span), the highest scoring."""
        best: dict[tuple[str, int, int], RecognizerResult] = {}
        for r in results:
            key = (r.entity_type, r.start, r.end)
            if key not in best or r.score > best[key].score:
                best[key] = r
        return sorted(best.values(), key=lambda r: (r.start, r.end, r.entity_type))


# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NameScanner:
    """Reads a personal name starting at a given offset, token by token, on one line.

    A name is initials ("D.", "D.R.", "D"), capitalised words and lower-case particles;
    it stops at a non-name word, a postnominal or anything else, must contain one full
    word, and loses trailing particles, initials and a possessive "'s".
    """

    particles: frozenset[str]
    stop_words: frozenset[str]
    postnominals: frozenset[str]
    max_tokens: int = 6

    _TOKEN = regex.compile(
        r"[ \t]*(?P<tok>(?:\p{Lu}\.){2,}|\p{Lu}\.|" + NAME_WORD + r"|\p{Ll}[\p{Ll}\p{M}]*)"
        r"(?![\p{L}\p{M}\d@])"
    )
    _INITIAL = regex.compile(r"(?:\p{Lu}\p{M}*\.?)+")

    def scan(self, text: str, pos: int, endpos: int | None = None) -> tuple[int, int] | None:
        """Return the (start, end) of the name beginning at `pos`, or None."""
        endpos = len(text) if endpos is None else endpos
        tokens: list[tuple[str, int, int]] = []
        i = pos
        while len(tokens) < self.max_tokens:
            m = self._TOKEN.match(text, i, endpos)
            if m is None:
                break
            if tokens and m.start("tok") == i and text[i - 1 : i] != ".":
                break  # tokens must be separated by blanks (or follow an initial's dot)
            tok = m.group("tok")
            if _key(tok) in self.stop_words or tok in self.postnominals:
                break
            if tok[0].islower():
                if _key(tok) not in self.particles:
                    break
                kind = "particle"
            elif self._INITIAL.fullmatch(tok) and sum(c.isalpha() for c in tok) <= 3 and ("." in tok or len(tok) == 1):
                kind = "initial"
            else:
                kind = "word"
            tokens.append((kind, m.start("tok"), m.end("tok")))
            i = m.end()
        while tokens and tokens[-1][0] != "word":
            tokens.pop()
        if not tokens or (tokens[0][0] == "particle" and tokens[0][2] - tokens[0][1] <= 1):
            return None
        start, end = tokens[0][1], tokens[-1][2]
        if text[end - 2 : end] in ("'s", "’s") and end - 2 > start + 1:
            end -= 2
        return start, end


class TitledNameRecognizer(_RuleRecognizer):
    """Names in correspondence that spaCy's small model misses.

    Four forms: after an honorific ("Mr Gareth ap Gruffydd", "Dr Bowen-Jones"); on a
    greeting line ("Dear Siân,", "Annwyl Gwenllïan,"); on the signature line after a
    sign-off ("Yours sincerely," then "Siân Jones"); and "SURNAME, Forename" ("JONES,
    Gareth Wyn"). The span is the name alone: the pipeline redacts the name and leaves the
    title readable. Context is structural, so Presidio's word-window context is not used.
    """

    ENTITY = "PERSON"
    PATTERNS: ClassVar[dict[str, str]] = {
        "honorific": r"(?<![\p{L}\p{M}\d])(?P<cue><<HONORIFIC>>)(?:\.[ \t]*|[ \t]+)",
        "greeting": r"(?m:^)[ \t]*(?P<cue>(?i:<<GREETING>>))[ \t]+",
        "signature": r"(?m:^)[ \t]*(?P<cue>(?i:<<SIGN_OFF>>))[ \t]*[,.!]?[ \t]*",
        "surname first": (
            r"(?<![\p{L}\p{M}\d'’\-])(?P<name>(?:(?:AP|AB|MAC|MC|VAN|DE|DU|LE|O['’])[ \t]?)?"
            r"(?:\p{Lu}\p{M}*){2,}(?:['’\-](?:\p{Lu}\p{M}*)+)*,[ \t]*"
            r"\p{Lu}\p{M}*\p{Ll}[\p{Ll}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*"
            r"(?:[ \t]+\p{Lu}\p{M}*\p{Ll}[\p{Ll}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*){0,2})"
            r"(?![\p{L}\p{M}\d])"
        ),
    }
    CONTEXT: ClassVar[list[str]] = []
    HONORIFICS: tuple[str, ...] = HONORIFICS
    GREETINGS: tuple[str, ...] = ("Dear", "Annwyl", "Hello", "Hi", "Helo", "Shwmae")
    SIGN_OFFS: tuple[str, ...] = (
        "Yours sincerely", "Yours faithfully", "Yours truly", "Kind regards", "Best regards",
        "Warm regards", "Kindest regards", "With regards", "Regards", "Best wishes",
        "With best wishes", "Many thanks", "With thanks", "Thanks", "Thank you", "Cofion",
        "Cofion cynnes", "Cofion gorau", "Yn gywir", "Yr eiddoch yn gywir", "Diolch",
        "Diolch yn fawr",
    )  # fmt: skip
    PARTICLES: tuple[str, ...] = NAME_PARTICLES
    POSTNOMINALS: tuple[str, ...] = POSTNOMINALS
    NON_NAME_WORDS: tuple[str, ...] = NON_NAME_WORDS
    # "Dear Sir or Madam," and "Dear Information Rights Officer," are refused by
    # NON_NAME_WORDS; these upper-case words, and TOWNS ("SWANSEA, Sketty"), additionally
    # cannot be the surname of a "SURNAME, Forename".
    CAPITALS_NOT_SURNAMES: tuple[str, ...] = (
        "NOTE", "NB", "PS", "IMPORTANT", "URGENT", "PRIVATE", "CONFIDENTIAL", "OFFICIAL",
        "SENSITIVE", "RESTRICTED", "PERSONAL", "DRAFT", "FINAL", "TO", "FROM", "RE",
        "ATTENTION", "PLEASE", "DEAR", "YES", "NO", "OK", "PREIFAT", "SYLWCH",
    )  # fmt: skip
    SCORE = 0.85
    SURNAME_FIRST_SCORE = 0.75
    MAX_SIGNATURE_GAP = 4  # blank lines allowed between a sign-off and the name (signature)

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = ENTITY,
        honorifics: Sequence[str] | None = None,
        greetings: Sequence[str] | None = None,
        sign_offs: Sequence[str] | None = None,
        particles: Sequence[str] | None = None,
        postnominals: Sequence[str] | None = None,
        non_name_words: Sequence[str] | None = None,
        capitals_not_surnames: Sequence[str] | None = None,
        towns: Sequence[str] | None = None,
        score: float = SCORE,
        surname_first_score: float = SURNAME_FIRST_SCORE,
        max_signature_gap: int = MAX_SIGNATURE_GAP,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        self.honorifics = tuple(honorifics if honorifics is not None else self.HONORIFICS)
        self.greetings = tuple(greetings if greetings is not None else self.GREETINGS)
        self.sign_offs = tuple(sign_offs if sign_offs is not None else self.SIGN_OFFS)
        self.scanner = _NameScanner(
            particles=_fold(particles if particles is not None else self.PARTICLES),
            stop_words=_fold(non_name_words if non_name_words is not None else self.NON_NAME_WORDS)
            | _fold(w for h in self.honorifics for w in h.split()),
            postnominals=frozenset(postnominals if postnominals is not None else self.POSTNOMINALS),
        )
        self.capitals_not_surnames = _fold(
            capitals_not_surnames if capitals_not_surnames is not None else self.CAPITALS_NOT_SURNAMES
        )
        self.towns = _fold(towns if towns is not None else TOWNS)
        self.score = score
        self.surname_first_score = surname_first_score
        self.max_signature_gap = max_signature_gap
        slots = {
            "HONORIFIC": _alternation(self.honorifics, upper=True),
            "GREETING": _alternation(self.greetings),
            "SIGN_OFF": _alternation(self.sign_offs),
        }
        self._re = {key: regex.compile(_fill(p, slots)) for key, p in self.patterns.items()}
        self._honorific_at = regex.compile(r"[ \t]*" + _fill(self.patterns["honorific"], slots))
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=context if context is not None else self.CONTEXT,
            name=name or self.__class__.__name__,
        )

    # The remainder allowed after a greeting name, and after a signature name.
    _GREETING_END = regex.compile(r"[ \t]*[,:;!.]?[ \t]*(?:\n|\Z)")
    _LIST_JOIN = regex.compile(r"[ \t]*(?:,|&|(?i:and|a|ac))[ \t]+")
    _SIGNATURE_END = regex.compile(r"[ \t]*(?:[,(|\-–][^\n]*)?(?:\n|\Z)")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find names by honorific, greeting, signature and "SURNAME, Forename" form."""
        if not self._wanted(entities):
            return []
        entity = self.supported_entities[0]
        results: list[RecognizerResult] = []

        def add(span: tuple[int, int], score: float, pattern: str, why: str) -> None:
            results.append(self._result(entity, span[0], span[1], score, pattern, why))

        for m in self._re["honorific"].finditer(text):
            span = self.scanner.scan(text, m.end(), self._line_end(text, m.end()))
            if span:
                add(span, self.score, "honorific", f'Name follows the honorific "{m["cue"]}".')

        for m in self._re["greeting"].finditer(text):
            pos = m.end()
            if self._honorific_at.match(text, pos):
                continue  # "Dear Mr Jones": found by the honorific pattern
            spans: list[tuple[int, int]] = []
            while span := self.scanner.scan(text, pos, self._line_end(text, pos)):
                spans.append(span)
                join = self._LIST_JOIN.match(text, span[1])
                if not join:
                    break
                pos = join.end()
            if spans and self._GREETING_END.match(text, spans[-1][1]):
                for span in spans:
                    add(span, self.score, "greeting", f'Name on a greeting line after "{m["cue"]}".')

        for m in self._re["signature"].finditer(text):
            line_start = m.end()
            if text[line_start : self._line_end(text, line_start)].strip() == "":
                line_start = self._next_nonblank_line(text, line_start)
            if line_start < 0 or self._honorific_at.match(text, line_start):
                continue
            while text[line_start : line_start + 1] in (" ", "\t"):
                line_start += 1
            span = self.scanner.scan(text, line_start, self._line_end(text, line_start))
            if span and self._signature_tail_ok(text, span[1]):
                add(span, self.score, "signature", f'Name on the signature line after "{m["cue"].strip()}".')

        for m in self._re["surname first"].finditer(text):
            if self._surname_first_ok(m["name"]):
                add(m.span("name"), self.surname_first_score, "surname first", 'Name in "SURNAME, Forename" form.')

        return self._dedupe(results)

    @staticmethod
    def _line_end(text: str, pos: int) -> int:
        end = text.find("\n", pos)
        return len(text) if end < 0 else end

    def _next_nonblank_line(self, text: str, pos: int) -> int:
        """Start of the first non-blank line after the one holding `pos`, within the gap."""
        end = self._line_end(text, pos)
        for _ in range(self.max_signature_gap + 1):
            if end >= len(text):
                return -1
            start = end + 1
            end = self._line_end(text, start)
            if text[start:end].strip():
                return start
        return -1

    def _signature_tail_ok(self, text: str, pos: int) -> bool:
        """After a signature name only postnominals, "(Mrs)" or ", job title" may follow."""
        while m := regex.match(r"[ \t]+(\S+)", text[pos : self._line_end(text, pos)]):
            if m.group(1).rstrip(",") not in self.scanner.postnominals:
                break
            pos += m.end()
        return bool(self._SIGNATURE_END.match(text, pos))

    def _surname_first_ok(self, found: str) -> bool:
        surname, _, forenames = found.partition(",")
        words = [_key(w) for w in regex.split(r"[ \t]+", surname.strip() + " " + forenames.strip())]
        if _key(surname.strip()) in self.capitals_not_surnames | self.towns:
            return False
        return not any(w in self.scanner.stop_words or w in self.capitals_not_surnames for w in words)


# --------------------------------------------------------------------------------------
# Dates of birth
# --------------------------------------------------------------------------------------


class DateOfBirthRecognizer(_RuleRecognizer):
    """Dates that the text itself says are birth dates.

    A date on its own is not personal data (letters are dated), so a date is reported
    only when a birth cue ("date of birth", "DOB", "born on", "dyddiad geni", ...) comes
    shortly before it (or in brackets right after it). The span is the date, not the cue.
    """

    ENTITY = "DATE_OF_BIRTH"
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
    SCORE = 0.85
    MAX_GAP = 40  # characters between the end of the cue and the start of the date

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = ENTITY,
        months: Sequence[str] | None = None,
        year_cues: Sequence[str] | None = None,
        year_gap: str = YEAR_GAP,
        gap_breakers: str = GAP_BREAKERS,
        score: float = SCORE,
        max_gap: int = MAX_GAP,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        cues = list(context if context is not None else self.CONTEXT)
        months = tuple(months if months is not None else self.MONTHS)
        self.score = score
        self.max_gap = max_gap
        self.year_cues = _fold(year_cues if year_cues is not None else self.YEAR_CUES)
        month_alt = _alternation(months)
        self._dates = {
            key: regex.compile(_fill(p, {"MONTH": month_alt}), regex.IGNORECASE) for key, p in self.patterns.items()
        }
        self._cue = regex.compile(
            r"(?<![\p{L}\p{M}\d])(?P<cue>" + _alternation(cues) + r")\.?(?![\p{L}\p{M}\d])",
            regex.IGNORECASE,
        )
        self._after_cue = regex.compile(r"[ \t]*[(\[][ \t]*" + self._cue.pattern, regex.IGNORECASE)
        self._year_gap = regex.compile(year_gap, regex.IGNORECASE)
        self._breakers = regex.compile(gap_breakers)
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=cues,
            name=name or self.__class__.__name__,
        )

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
        if year_only and (_key(cue).rstrip(".") not in self.year_cues or not self._year_gap.fullmatch(gap)):
            return None
        where = "directly" if not gap.strip(" \t:-–") else f"{len(gap)} characters"
        return f'Date follows the birth cue "{cue}" ({where} before it).'


# --------------------------------------------------------------------------------------
# Street addresses
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Street:
    start: int
    end: int
    pattern: str
    lower_case_follows: bool


class UkStreetAddressRecognizer(_RuleRecognizer):
    """The house number or name and street of a UK home address.

    English street types follow the name ("27 Maple Close"); Welsh types precede it
    ("14 Heol y Deri", "115 Ffordd yr Eglwys"). A house name needs a street after a comma
    at the start of a line ("Ty Gwyn, Lon Isaf"). Town and postcode are never part of the
    span. The base score rises when a postcode follows within three lines or an address cue
    ("lives at", "home address") precedes; it falls below threshold when the street runs
    on into a lower-case word, which is what prose ("2 Planning Court hearings") does.
    """

    ENTITY = "STREET_ADDRESS"
    ENGLISH_TYPES: tuple[str, ...] = (
        "Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Court", "Crescent",
        "Place", "Terrace", "Gardens", "Grove", "Hill", "Row", "Walk", "Mews", "Square",
        "Parade", "View", "Rise", "Park", "Green", "Vale", "Mount", "Meadow", "Meadows",
        "Boulevard", "Circus", "Gate", "Wharf", "Quay", "Yard", "Approach", "Heights",
        "Chase", "Croft", "Fields", "Orchard", "Passage", "Path", "Wynd", "End", "Bank",
        "Villas", "Cottages", "Precinct", "Embankment",
    )  # fmt: skip
    ABBREVIATED_TYPES: tuple[str, ...] = (
        "St", "Rd", "Ln", "Ave", "Av", "Cl", "Ct", "Cres", "Dr", "Pl", "Terr", "Tce",
        "Gdns", "Gr", "Sq", "Pde",
    )  # fmt: skip
    WELSH_TYPES: tuple[str, ...] = (
        "Heol", "Ffordd", "Stryd", "Lôn", "Lon", "Rhodfa", "Cilgant", "Clos", "Maes", "Ffos",
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
        "house name and street": (
            r"<<HOUSE_START>>(?P<house><<WORD>>(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){0,3})[ \t]*,[ \t]*"
            r"(?:(?P<name>(?:<<WORD>>[ \t]+){1,3}?)(?P<type><<EN_TYPE>>)"
            r"|(?P<cytype><<CY_TYPE>>)(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){1,3})"
            r"(?=[ \t]*(?:,|(?m:$)))"
        ),
    }
    SLOTS: ClassVar[dict[str, str]] = {
        "START": r"(?<![\p{L}\p{M}\d.,/:£$€%\-])",
        "END": r"(?![\p{L}\p{M}\d'’\-])",
        "NUMBER": r"\d{1,3}[A-Za-z]?(?:[ \t]*[-–][ \t]*\d{1,3}[A-Za-z]?)?",
        "WORD": r"(?:St\.|" + NAME_WORD + r")",
        # A house name starts a line, or follows "lives at" and the like in prose.
        "HOUSE_START": (
            r"(?:(?m:^)[ \t]*|(?<=(?i:\b(?:lives|living|lived|live|resides|residing|resident))"
            r"\s+(?i:at)\s+))"
        ),
    }
    # Cues before the street (same or previous line), matched case-insensitively.
    CONTEXT: ClassVar[list[str]] = [
        "address", "addresses", "lives at", "living at", "live at", "lived at", "resident of",
        "resident at", "residing at", "resides at", "home", "moved to", "cyfeiriad",
        "yn byw yn", "byw yn", "cartref",
    ]  # fmt: skip
    SCORE = 0.6
    CONFIRMED_SCORE = 0.85
    PROSE_SCORE = 0.4
    # A postcode on the street's line or the next three (locality, town, postcode) confirms it.
    POSTCODE_LINES = 3

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = ENTITY,
        english_types: Sequence[str] | None = None,
        abbreviated_types: Sequence[str] | None = None,
        welsh_types: Sequence[str] | None = None,
        street_particles: Sequence[str] | None = None,
        flat_words: Sequence[str] | None = None,
        number_preceders: Sequence[str] | None = None,
        non_name_words: Sequence[str] | None = None,
        towns: Sequence[str] | None = None,
        score: float = SCORE,
        confirmed_score: float = CONFIRMED_SCORE,
        prose_score: float = PROSE_SCORE,
        postcode_lines: int = POSTCODE_LINES,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        cues = list(context if context is not None else self.CONTEXT)
        en_types = english_types if english_types is not None else self.ENGLISH_TYPES
        abbreviations = abbreviated_types if abbreviated_types is not None else self.ABBREVIATED_TYPES
        cy_types = welsh_types if welsh_types is not None else self.WELSH_TYPES
        particles = street_particles if street_particles is not None else self.STREET_PARTICLES
        flats = flat_words if flat_words is not None else self.FLAT_WORDS
        self.number_preceders = _fold(number_preceders if number_preceders is not None else self.NUMBER_PRECEDERS)
        self.non_name_words = _fold(non_name_words if non_name_words is not None else NON_NAME_WORDS)
        self.towns = _fold(towns if towns is not None else TOWNS)
        self.particles = _fold(particles)
        self.score = score
        self.confirmed_score = confirmed_score
        self.prose_score = prose_score
        self.postcode_lines = postcode_lines
        slots = dict(self.SLOTS)
        slots.update(
            {
                "EN_TYPE": (
                    "(?i:" + _alternation(en_types) + "|" + _alternation(abbreviations) + r"(?:\.(?![ \t]*\p{Lu}))?)"
                ),
                "CY_TYPE": _alternation(cy_types, upper=True),
                "PARTICLE": _alternation(particles, upper=True),
                "FLAT": r"(?i:" + _alternation(flats) + r")\.?[ \t]+[\dA-Za-z]{1,4}[ \t]*,?[ \t]+",
            }
        )
        self._re = {key: regex.compile(_fill(p, slots)) for key, p in self.patterns.items()}
        self._cue = regex.compile(r"(?<![\p{L}\p{M}])" + _alternation(cues) + r"(?![\p{L}\p{M}])", regex.IGNORECASE)
        self._postcode = regex.compile(UK_POSTCODE)
        self._word_before = regex.compile(r"([\p{L}\p{M}§£$€%]+)\.?[ \t]*$")
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=cues,
            name=name or self.__class__.__name__,
        )

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

    def find_streets(self, text: str) -> list[_Street]:
        """Street spans in `text`, without scores; overlapping candidates keep the longest."""
        found: list[_Street] = []
        for pattern_name, pattern in self._re.items():
            for m in pattern.finditer(text):
                span = self._accept(text, m, pattern_name)
                if span:
                    tail = text[span[1] : self._line_end(text, span[1])]
                    lower = bool(regex.match(r"[ \t]+\p{Ll}", tail))
                    found.append(_Street(span[0], span[1], pattern_name, lower))
        found.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[_Street] = []
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
            house = [_key(w) for w in m["house"].split()]
            if any(w in self.non_name_words and w not in self.particles for w in house[1:]) or (
                house[0] in self.non_name_words and house[0] != "the"
            ):
                return None
        if groups.get("number") is not None:
            first = m.start("flat") if groups.get("flat") else m.start("number")
            before = self._word_before.search(text, max(0, first - 30), first)
            if before and _key(before.group(1)) in self.number_preceders:
                return None
        words = (groups.get("name") or "").split()
        if any(_key(w) in self.non_name_words and _key(w) not in self.particles for w in words):
            return None
        if pattern_name == "Welsh street" and len(words) > 1:
            # "14 Heol y Deri Cardiff CF14 3AB": the last words may be the town.
            name_start = m.start("name")
            tokens = list(regex.finditer(r"\S+", text[name_start:end]))
            while len(tokens) > 1 and _key(tokens[-1].group()) in self.towns:
                tokens.pop()
            while len(tokens) > 1 and tokens[-1].group()[0].islower():
                tokens.pop()
            end = name_start + tokens[-1].end()
        return start, end

    @staticmethod
    def _line_end(text: str, pos: int) -> int:
        end = text.find("\n", pos)
        return len(text) if end < 0 else end

    def _postcode_follows(self, text: str, end: int) -> bool:
        stop = self._line_end(text, end)
        for _ in range(self.postcode_lines):
            if stop >= len(text):
                break
            stop = self._line_end(text, stop + 1)
        return bool(self._postcode.search(text, end, min(stop, end + 160)))

    def _cue_before(self, text: str, start: int) -> str | None:
        line_start = text.rfind("\n", 0, start) + 1
        window_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else 0
        window_start = max(window_start, start - 80)
        cues = list(self._cue.finditer(text, window_start, start))
        return cues[-1].group() if cues else None


# --------------------------------------------------------------------------------------
# Form-style labelled fields
# --------------------------------------------------------------------------------------


class LabelledFieldRecognizer(_RuleRecognizer):
    """Values of form-style fields: "Name: Siân Jones", "Tel: 029 2018 0000", ...

    The label says what the value is, so values score high: names (PERSON), the street
    part of an address (STREET_ADDRESS), UK telephone numbers (PHONE_NUMBER) and e-mail
    addresses (EMAIL_ADDRESS). Labels start a line or follow a tab, two spaces, or "; ",
    "| ", ", "; the value runs to the end of the line, the next label or a column gap, and
    is taken from the next line when the label's own line has none.
    """

    LABELS: ClassVar[dict[str, list[str]]] = {
        "PERSON": [
            "name", "full name", "applicant", "applicant name", "applicant's name",
            "complainant", "complainant name", "complainant's name", "resident",
            "resident name", "resident's name", "child's name", "name of child", "next of kin",
            "forename", "forenames", "first name", "first names", "surname", "last name",
            "family name", "contact name", "requester", "requester name", "requester's name",
            "tenant", "tenant name", "occupier", "patient", "patient name", "witness",
            "parent/guardian", "guardian", "mother's name", "father's name", "claimant",
            "appellant", "enw", "enw llawn", "cyfenw", "enw cyntaf",
        ],
        "STREET_ADDRESS": [
            "address", "home address", "postal address", "correspondence address",
            "current address", "previous address", "address line 1", "cyfeiriad",
            "cyfeiriad cartref",
        ],
        "PHONE_NUMBER": [
            "telephone", "telephone number", "telephone no", "tel", "tel no", "phone",
            "phone number", "mobile", "mobile number", "mobile no", "mob", "home phone",
            "home telephone", "contact number", "contact telephone", "daytime telephone",
            "ffôn", "ffon", "rhif ffôn", "rhif ffon", "ffôn symudol",
        ],
        "EMAIL_ADDRESS": [
            "email", "e-mail", "email address", "e-mail address", "e-bost", "ebost",
            "cyfeiriad e-bost",
        ],
    }  # fmt: skip
    PATTERNS: ClassVar[dict[str, str]] = {
        "label": r"(?:(?m:^)|(?<=\t|[ ]{2}|[;|,][ \t]))[ \t]*(?P<label>(?i:<<LABEL>>))\.?[ \t]*[:：][ \t]*",
        "phone value": r"(?<![\d\w])(?:\+|\()?\d[\d \t()\-.]{7,}\d(?!\d)",
        "email value": r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+",
        "name value": r"[\p{L}\p{M}'’.\-]+(?:[ \t]+[\p{L}\p{M}'’.\-]+){0,5}",
        # A second column on the same line ends the value: a tab, a wide gap, or two
        # spaces before something that looks like another label ("Date of birth:").
        "column gap": r"\t|[ ]{3,}|[ ]{2,}(?=\p{Lu}[\p{L}\p{M}'’ /]{0,30}:)",
    }
    PLACEHOLDERS: tuple[str, ...] = (
        "n/a", "na", "none", "nil", "unknown", "not known", "not provided", "not applicable",
        "not given", "withheld", "redacted", "see above", "as above", "tbc", "-", "dim",
        "amherthnasol",
    )  # fmt: skip
    CONTEXT: ClassVar[list[str]] = []
    SCORE = 0.9

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entities: Sequence[str] | None = None,
        labels: Mapping[str, Sequence[str]] | None = None,
        placeholders: Sequence[str] | None = None,
        honorifics: Sequence[str] | None = None,
        non_name_words: Sequence[str] | None = None,
        score: float = SCORE,
        region: str = "GB",
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        self.labels = {e: list(v) for e, v in (labels if labels is not None else self.LABELS).items()}
        self.placeholders = _fold(placeholders if placeholders is not None else self.PLACEHOLDERS)
        self.score = score
        self.region = region
        self._label_entity: dict[str, str] = {}
        for entity, words in self.labels.items():
            for word in words:
                self._label_entity[self._label_key(word)] = entity
        slots = {"LABEL": _alternation(w for words in self.labels.values() for w in words)}
        self._re = {key: regex.compile(_fill(p, slots)) for key, p in self.patterns.items()}
        self._names = TitledNameRecognizer(
            supported_language=supported_language,
            honorifics=honorifics,
            non_name_words=non_name_words,
        )
        self._streets = UkStreetAddressRecognizer(supported_language=supported_language)
        self._postcode = regex.compile(UK_POSTCODE)
        entities = list(supported_entities) if supported_entities is not None else list(self.labels)
        super().__init__(
            supported_entities=entities,
            supported_language=supported_language,
            context=context if context is not None else self.CONTEXT,
            name=name or self.__class__.__name__,
        )

    @staticmethod
    def _label_key(label: str) -> str:
        return " ".join(_key(label).replace(".", "").replace("‐", "-").split()).replace("-", "")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report the values of labelled fields as the entity their label names."""
        wanted = self._wanted(entities)
        if not wanted:
            return []
        label_re = self._re["label"]
        results: list[RecognizerResult] = []
        pos = 0
        while m := label_re.search(text, pos):
            line_end = self._line_end(text, m.end())
            nxt = label_re.search(text, m.end(), line_end) if m.end() < line_end else None
            start, end = m.end(), nxt.start() if nxt else line_end
            pos = end if nxt else max(line_end, m.end() + 1)
            entity = self._label_entity.get(self._label_key(m["label"]))
            if entity is None or entity not in wanted:
                continue
            if not text[start:end].strip() and text[m.start() : m.start() + 1] != "\t":
                start, end = self._value_on_next_line(text, end)
            start, end = self._trim(text, start, end)
            gap = self._re["column gap"].search(text, start, end)
            if gap:
                start, end = self._trim(text, start, gap.start())
            if start >= end:
                continue
            label = " ".join(m["label"].split())
            for s, e in self._extract(entity, text, start, end):
                why = f'Value of the form field "{label}".'
                results.append(self._result(entity, s, e, self.score, f"{label} field", why))
        return self._dedupe(results)

    @staticmethod
    def _line_end(text: str, pos: int) -> int:
        end = text.find("\n", pos)
        return len(text) if end < 0 else end

    def _value_on_next_line(self, text: str, end: int) -> tuple[int, int]:
        """Take the value from the next line, for a label alone on its line ("Name:")."""
        if end >= len(text):
            return end, end
        start = end + 1
        stop = self._line_end(text, start)
        line = text[start:stop]
        if not line.strip() or len(line) > 100 or self._re["label"].search(line):
            return end, end
        return start, stop

    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int]:
        while start < end and text[start] in " \t":
            start += 1
        while end > start and text[end - 1] in " \t;,.|":
            end -= 1
        return start, end

    def _extract(self, entity: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
        value = text[start:end]
        if _key(value.strip()) in self.placeholders:
            return []
        if entity == "PERSON":
            span = self._person(value)
            return [(start + span[0], start + span[1])] if span else []
        if entity == "STREET_ADDRESS":
            span = self._street(value)
            return [(start + span[0], start + span[1])] if span else []
        if entity == "PHONE_NUMBER":
            return [(start + s, start + e) for s, e in self._phones(value)]
        if entity == "EMAIL_ADDRESS":
            return [(start + m.start(), start + m.end()) for m in self._re["email value"].finditer(value)]
        return [(start, end)]  # a label added through configuration for another entity

    def _person(self, value: str) -> tuple[int, int] | None:
        pos = 0
        title = self._names._honorific_at.match(value)
        if title:
            pos = title.end()
        surname_first = self._names._re["surname first"].match(value, pos)
        if surname_first and self._names._surname_first_ok(surname_first["name"]):
            found: tuple[int, int] = surname_first.span("name")
            return found
        span = self._names.scanner.scan(value, pos)
        if span and regex.match(r"[ \t]*(?:\([^\n]*)?$", value[span[1] :]):
            return span
        # Residents type names in any case: accept plain words the label vouches for.
        plain = self._re["name value"].fullmatch(value, pos)
        if plain and not any(_key(w.strip(".")) in self._names.scanner.stop_words for w in value[pos:].split()):
            return pos, len(value)
        return None

    def _street(self, value: str) -> tuple[int, int] | None:
        streets = self._streets.find_streets(value)
        if streets:
            return streets[0].start, streets[0].end
        # No recognisable street: take the part before the first comma, if it looks like one.
        first = value.split(",", 1)[0].rstrip()
        postcode = self._postcode.search(first)
        if postcode:
            first = first[: postcode.start()].rstrip()
        words = first.split()
        if not words or any(_key(w) in self._names.scanner.stop_words for w in words):
            return None
        if any(c.isdigit() for c in first) or (len(words) >= 2 and all(w[0].isupper() for w in words)):
            return 0, len(first)
        return None

    def _phones(self, value: str) -> list[tuple[int, int]]:
        spans = []
        for m in self._re["phone value"].finditer(value):
            raw = m.group().rstrip(" \t(-.")
            try:
                number = phonenumbers.parse(raw, self.region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_possible_number(number):
                spans.append((m.start(), m.start() + len(raw)))
        return spans


# --------------------------------------------------------------------------------------
# UK telephone numbers
# --------------------------------------------------------------------------------------


class UkPhoneRecognizer(_RuleRecognizer):
    """UK telephone numbers in every common layout.

    Presidio's PhoneRecognizer (leniency 1) keeps only numbers that phonenumbers
    considers *valid*, so it drops Ofcom's drama mobiles (07700 900xxx, in any layout) and
    retired codes such as Cardiff's 01222, both common in real and test letters. This
    one matches at leniency POSSIBLE, keeps only numbers written the UK way (leading 0,
    +44 or 0044) with at least nine national digits, and scores valid numbers higher than
    merely possible ones. Context words may raise the score through Presidio's enhancer.
    """

    ENTITY = "PHONE_NUMBER"
    PATTERNS: ClassVar[dict[str, str]] = {
        "UK prefix": r"^(?:\+[ \t]*44|0044|\(?[ \t]*0)",
        "not a date or reference": r"[/]",
    }
    CONTEXT: ClassVar[list[str]] = [
        "phone", "telephone", "tel", "mobile", "mob", "call", "ring", "contact", "number",
        "ffôn", "ffon", "rhif", "ffonio",
    ]  # fmt: skip
    SCORE = 0.6
    POSSIBLE_SCORE = 0.5
    MIN_NATIONAL_DIGITS = 9

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = ENTITY,
        region: str = "GB",
        score: float = SCORE,
        possible_score: float = POSSIBLE_SCORE,
        min_national_digits: int = MIN_NATIONAL_DIGITS,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        self.region = region
        self.score = score
        self.possible_score = possible_score
        self.min_national_digits = min_national_digits
        self._prefix = regex.compile(self.patterns["UK prefix"])
        self._reject = regex.compile(self.patterns["not a date or reference"])
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=list(context if context is not None else self.CONTEXT),
            name=name or self.__class__.__name__,
        )

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
