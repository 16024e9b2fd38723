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
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import phonenumbers
import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer, SpacyRecognizer

from redactor.config import models_dir, read_word_list

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = [
    "CuedIdentifierRecognizer",
    "DateOfBirthRecognizer",
    "FilteredSpacyRecognizer",
    "GivenNameRecognizer",
    "HomePostcodeRecognizer",
    "LabelledFieldRecognizer",
    "RoleMailboxEmailRecognizer",
    "TitledNameRecognizer",
    "UkPhoneRecognizer",
    "UkStreetAddressRecognizer",
    "load_word_list",
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
    "Y Cynghorydd", "PC", "PCSO", "DC", "DS", "DI", "DCI", "Sgt", "Sergeant", "Insp", "Supt",
    "Det", "Detective", "Canon", "Bishop", "Judge", "Baroness", "Baron", "Nurse", "Sister",
    "Father", "Yr Athro", "Y Parchedig", "Parchedig", "Y Barnwr",
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
ENGLISH_STREET_TYPES: tuple[str, ...] = (
    "Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Court", "Crescent",
    "Place", "Terrace", "Gardens", "Grove", "Hill", "Row", "Walk", "Mews", "Square",
    "Parade", "View", "Rise", "Park", "Green", "Vale", "Mount", "Meadow", "Meadows",
    "Boulevard", "Circus", "Gate", "Wharf", "Quay", "Yard", "Approach", "Heights",
    "Chase", "Croft", "Fields", "Orchard", "Passage", "Path", "Wynd", "End", "Bank",
    "Villas", "Cottages", "Precinct", "Embankment",
)  # fmt: skip
# Street types that are not also common surnames (unlike Hill, Green, Park, Lane, Croft).
STREET_ONLY_TYPES: tuple[str, ...] = (
    "Street", "Road", "Avenue", "Close", "Drive", "Terrace", "Crescent", "Gardens", "Mews",
    "Square", "Parade", "Boulevard", "Embankment", "Precinct", "Villas", "Cottages",
)  # fmt: skip
# Welsh street words that are never names (unlike "Bryn" or "Glyn"): "Heol y Deri" is a street.
WELSH_STREET_WORDS: tuple[str, ...] = (
    "Heol", "Ffordd", "Stryd", "Lôn", "Rhodfa", "Rhodfa'r", "Cilgant", "Clos", "Teras", "Cwrt",
    "Rhes", "Llwybr", "Maes",
)  # fmt: skip
# Organisation, office, building and legal vocabulary. A statistical PERSON finding holding
# one of these is an organisation ("Cyngor Abertawe"), a building ("Civic Centre"), a job
# title or a citation ("Schedule 1"), and a given name followed by one is part of a name of
# that kind ("Aneurin Bevan University Health Board").
ORGANISATION_WORDS: tuple[str, ...] = (
    "council", "cyngor", "government", "llywodraeth", "senedd", "parliament", "department",
    "adran", "directorate", "division", "unit", "uned", "office", "offices", "swyddfa",
    "swyddfeydd", "service", "services", "gwasanaeth", "gwasanaethau", "authority",
    "awdurdod", "board", "bwrdd", "trust", "ymddiriedolaeth", "committee", "pwyllgor",
    "commission", "comisiwn", "commissioner", "comisiynydd", "ombudsman", "ombwdsmon",
    "governance", "information", "gwybodaeth", "rights", "hawliau", "freedom", "rhyddid",
    "protection", "diogelu", "complaints", "planning", "cynllunio", "compliance", "foi",
    "eir", "gdpr", "ltd", "limited", "plc", "llp", "cic", "nhs", "gig", "university",
    "prifysgol", "school", "ysgol", "college", "coleg", "police", "heddlu", "fire", "tân",
    "rescue", "achub", "health", "iechyd", "hospital", "ysbyty", "surgery", "practice",
    "clinic", "group", "association", "society", "partnership", "agency", "asiantaeth",
    "panel", "inspectorate", "arolygiaeth", "tribunal", "tribiwnlys", "llys",
    "centre", "center", "canolfan", "neuadd", "house", "buildings", "headquarters",
    "pencadlys", "library", "llyfrgell", "museum", "amgueddfa", "company", "cwmni",
    "cymru", "wales", "england", "uk", "county", "sir", "borough", "bwrdeistref", "city",
    "dinas", "community", "cymuned", "resources", "national", "cenedlaethol", "regional",
    "public", "cyhoeddus", "housing", "education", "addysg", "social", "safeguarding",
    "highways", "environment", "environmental", "amgylchedd", "finance", "corporate",
    "support", "enquiries", "admin", "team", "tîm", "officer", "swyddog", "manager",
    "rheolwr", "director", "cyfarwyddwr", "head", "pennaeth", "clerk", "assistant",
    "adviser", "advisor", "administrator", "coordinator", "caseworker", "executive",
    "controller", "inspector", "engineer", "solicitor", "analyst", "consultant",
    "supervisor", "secretary", "minister", "gweinidog", "cabinet", "mayor", "speaker",
    "chair", "chairman", "president", "deputy", "registrar", "coroner", "section",
    "act", "deddf", "regulation", "regulations", "rheoliad", "schedule", "atodlen",
    "article", "erthygl", "paragraph", "annex", "appendix", "part", "form", "ffurflen",
    "reference", "ref", "request", "requests", "case", "subject", "dear", "annwyl",
    "yours", "regards", "sincerely", "faithfully", "cofion", "diolch", "gywir",
    "valley", "bay", "bae", "airport", "station", "gorsaf", "herald", "echo", "argus", "gazette",
    "journal", "chronicle", "observer", "times", "news", "newspaper", "online", "radio", "bbc",
    "itv", "s4c", "tel", "telephone", "phone", "ffôn", "ffon", "mobile", "mob", "symudol", "fax",
    "email", "e-mail", "e-bost", "ebost", "welsh", "english", "cymraeg", "saesneg", "british",
    "scottish", "irish", "management", "grants", "policy", "operations", "strategy", "person",
    "people", "requester", "applicant", "complainant", "customer", "resident", "residents",
    "member", "members", "madam", "fadam", "sirs", "colleague", "colleagues", "everyone", "pawb",
    "mail", "delivery", "system", "systems", "daemon", "postmaster", "webmaster", "inc",
    "incorporated", "corp", "corporation", "llc", "sons", "partners", "associates", "holdings",
    "investments", "capital", "consulting", "consultants", "solutions", "technologies",
    "technology", "software", "bank", "insurance", "properties", "developments", "homes",
    "estates", "motors", "builders", "contractors", "enterprises", "industries", "international",
    "charity", "foundation", "cyf", "cyfyngedig", "passport", "licence", "license",
    "registration", "number", "birth", "signature", "cais", "ymateb", "llythyr", "cwyn",
    "cartrefi", "grŵp", "cymdeithas", "tarian", "primary", "comprehensive", "academy",
    "infants", "juniors", "nursery", "meithrin", "cynradd", "uwchradd",
)  # fmt: skip
# Words that begin a place or building name before a given name ("Tŷ Gwyn", "St David",
# "Prince Charles Hospital", "Heol Emrys"): the given name there is part of a place.
PLACE_ELEMENTS: tuple[str, ...] = (
    "St", "St.", "Saint", "Sant", "Santes", "Queen", "King", "Prince", "Princess", "Duke",
    "Duchess", "Fort", "Mount", "Lake", "Loch", "Port", "Tŷ", "Ty", "Plas", "Pen", "Nant",
    "Llan", "Aber", "Caer", "Cwm", "Pont", "Glan", "Maes", "Coed", "Ysgol", "Ysbyty", "Capel",
    "Eglwys", "Cae", "Parc", "Hafod", "Bod", "Bron", "Dôl", "Cefn", "Rhos", "Craig", "Betws",
    "Castell", "Tre", "Tref", "Bryn", "Heol", "Ffordd", "Stryd", "Lôn", "Rhodfa", "Cilgant",
    "Clos", "Teras", "Cwrt", "Rhes", "Llys", "Neuadd", "Canolfan", "Ward", "Ystafell",
)  # fmt: skip
# Words that end a place or building name after a given name ("Elan Valley", "Barry Island").
PLACE_SUFFIXES: tuple[str, ...] = (
    "Valley", "Bay", "Island", "Isle", "Beach", "Sands", "Harbour", "Docks", "Dock", "Forest",
    "Mountain", "Cathedral", "Abbey", "Station", "Airport", "Hospital", "Surgery", "Practice",
    "Clinic", "Library", "Museum", "Arena", "Stadium", "Market", "Arcade", "House", "Estate",
    "Village", "Town", "City", "Ward", "Reservoir", "Falls", "Centre", "School", "College",
    "University", "Primary", "Comprehensive", "Academy", "Memorial", "Trust", "Foundation",
    "Fund", "Award", "Prize", "Lecture", "Building", "Tower", "Works", "Farm", "Inn", "Arms",
    "Hotel", "Club", "Ground", "Gallery", "Theatre", "Cinema",
)  # fmt: skip
# Relatives and others named right after the relation ("my son Gwion", "her husband Rhys").
KIN_WORDS: tuple[str, ...] = (
    "son", "daughter", "child", "children", "boy", "girl", "baby", "husband", "wife",
    "partner", "spouse", "fiancé", "fiancée", "mother", "father", "mum", "mam", "dad",
    "parent", "parents", "brother", "sister", "stepson", "stepdaughter", "grandson",
    "granddaughter", "grandchild", "grandchildren", "grandmother", "grandfather", "nan",
    "nana", "gran", "granny", "grandma", "grandad", "grandpa", "aunt", "auntie", "uncle",
    "nephew", "niece", "cousin", "neighbour", "neighbours", "friend", "carer", "tenant",
    "lodger", "landlord", "landlady", "colleague", "mab", "merch", "plentyn", "gŵr",
    "gwraig", "tad", "brawd", "chwaer", "ŵyr", "wyres", "cymydog", "cymdoges", "ffrind",
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
    # Grouped by first character ("(?:M(?:rs|r|s)|D(?:r|ear))"): the engine then tries one
    # group per position instead of every phrase, which matters for long lists.
    groups: dict[str, list[str]] = {}
    for word in ordered:
        head = _phrase(word[0]) if word else ""
        groups.setdefault(head, []).append(_phrase(word)[len(head) :])
    branches = [
        head + ("(?:" + "|".join(tails) + ")" if len(tails) > 1 else tails[0]) for head, tails in groups.items()
    ]
    return "(?:" + "|".join(branches) + ")"


def _fill(template: str, slots: Mapping[str, str]) -> str:
    """Replace `<<SLOT>>` placeholders (braces would clash with regex quantifiers)."""
    for key, value in slots.items():
        template = template.replace(f"<<{key}>>", value)
    return template


def _fold(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold().replace("’", "'") for w in words)


def _key(word: str) -> str:
    return word.casefold().replace("’", "'")


_FOLD_EXTRA = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss"})


def _ascii(text: str) -> str:
    """The text without diacritics (Siân -> Sian, Łukasz -> Lukasz), as PDFs in base-14 fonts print it."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=32)
def load_word_list(name: str) -> tuple[str, ...]:
    """Entries of a list file: an absolute path, or a file name in the shipped models/ folder."""
    path = Path(name)
    return read_word_list(path if path.is_absolute() else models_dir() / path)


class Gazetteer:
    """Words and phrases looked up whole, case-insensitively, with or without diacritics."""

    def __init__(self, entries: Iterable[str]) -> None:
        self._keys: frozenset[str] = frozenset(k for e in entries for k in (self.key(e), self.key(_ascii(e))))

    @staticmethod
    def key(text: str) -> str:
        return " ".join(_key(text).split())

    @classmethod
    def from_option(cls, value: str | Sequence[str] | None, default: str | Sequence[str]) -> Gazetteer:
        """A gazetteer from a list file name (str) or from the entries themselves (a sequence)."""
        chosen = default if value is None else value
        return cls(load_word_list(chosen) if isinstance(chosen, str) else chosen)

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        key = self.key(text)
        return key in self._keys or (not key.isascii() and self.key(_ascii(text)) in self._keys)

    def __len__(self) -> int:
        return len(self._keys)


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

    Seven forms: after an honorific ("Mr Gareth ap Gruffydd", "Dr Bowen-Jones"); on a
    greeting line ("Dear Siân,", "Annwyl Gwenllïan,", also quoted "> Dear Siân,"); on the
    signature line after a sign-off ("Yours sincerely," then "Siân Jones"); "SURNAME,
    Forename" ("JONES, Gareth Wyn", "NÍ MHURCHÚ, Róisín"); after a relation ("my son Gwion",
    "her husband, Rhys"); in e-mail and memo headers ("From: Siân Jones <...>", "To: M. E.
    Powell, Head of Planning"); and before an address in angle brackets ("On 3 May, Siân
    Jones <s@example.com> wrote:"). The span is the name alone: the pipeline redacts the
    name and leaves the title readable. Context is structural, so Presidio's word-window
    context is not used.
    """

    ENTITY = "PERSON"
    PATTERNS: ClassVar[dict[str, str]] = {
        "honorific": r"(?<![\p{L}\p{M}\d])(?P<cue><<HONORIFIC>>)(?:\.[ \t]*|[ \t]+)",
        "greeting": r"(?m:^)[ \t>]*(?P<cue>(?i:<<GREETING>>))[ \t]+",
        "signature": r"(?m:^)[ \t>]*(?P<cue>(?i:<<SIGN_OFF>>))[ \t]*[,.!]?[ \t]*",
        "surname first": (
            r"(?<![\p{L}\p{M}\d'’\-])(?P<name>(?:(?:AP|AB|MAC|MC|VAN|VON|DE|DA|DI|DU|LE|LA|DEL|AL|EL|BIN|"
            r"NÍ|NI|NIC|Ó|UÍ|UI|ST)[ \t]|O['’])?"
            r"(?:\p{Lu}\p{M}*){2,}(?:['’\-](?:\p{Lu}\p{M}*)+)*,[ \t]*"
            r"\p{Lu}\p{M}*\p{Ll}[\p{Ll}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*"
            r"(?:[ \t]+\p{Lu}\p{M}*\p{Ll}[\p{Ll}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*){0,2})"
            r"(?![\p{L}\p{M}\d])"
        ),
        # A relation ("son", "wife", "neighbour") and the name after it; the word before the
        # relation must make it someone's ("my son Gwion", "Dr Vaughan's son, Zhiqiang").
        "kin": r"(?<![\p{L}\p{M}])(?P<cue>(?i:<<KIN>>))(?![\p{L}\p{M}])(?:[ \t]*,)?[ \t]+",
        "kin owner": (
            r"(?<![\p{L}\p{M}])(?i:my|our|his|her|their|your|the|fy|ein|ei|eu|\p{L}+['’]s)[ \t]+"
            r"(?:(?i:late|eldest|youngest|younger|older|elder|little|baby|teenage|adult|twin|new|former|"
            r"next-door)[ \t]+)?\Z"
        ),
        "header": r"(?m:^)[ \t>]*(?P<cue>(?i:<<HEADER>>))[ \t]*:[ \t]*",
        # A person naming themselves: "My name is Siân Lloyd", "call me Gwion".
        "self": (
            r"(?<![\p{L}\p{M}])(?P<cue>(?i:my name is|my name's|i am called|i'm called|call me|fy enw i yw|"
            r"fy enw yw))[ \t]+"
        ),
        # A news byline: "By Siân Lloyd" alone on its line (or before ", Reporter").
        "byline": r"(?m:^)[ \t]*(?P<cue>By|Gan)[ \t]+",
        # News style: a name followed by an age in commas ("Siân Lloyd, 41, of Penarth").
        "age": r",[ \t]*\d{1,3}[ \t]*,",
        "bracketed address": r"<[^<>\s@]+@[^<>\s]+>",
        "name before address": (
            r"(?P<name>(?:(?:" + NAME_WORD + r"|\p{Lu}\.|\p{Ll}{1,4})[ \t]+){0,5}" + NAME_WORD + r")"
            r"[\"'”’]?[ \t]*\Z"
        ),
    }
    CONTEXT: ClassVar[list[str]] = []
    HONORIFICS: tuple[str, ...] = HONORIFICS
    KIN_WORDS: tuple[str, ...] = KIN_WORDS
    # Header and form lines whose value is a list of people: "From: Siân Jones, Head of Planning".
    HEADERS: tuple[str, ...] = (
        "From", "To", "Cc", "Bcc", "Sent by", "Sender", "Reply-To", "Author", "Signed", "Signed by",
        "Prepared by", "Written by", "Reviewed by", "Approved by", "Checked by", "Authorised by",
        "Attendees", "Present", "Apologies", "Oddi wrth", "Gan", "Copi", "Llofnod",
        "Llofnodwyd gan",
    )  # fmt: skip
    GREETINGS: tuple[str, ...] = ("Dear", "Annwyl", "Hello", "Hi", "Helo", "Shwmae")
    SIGN_OFFS: tuple[str, ...] = (
        "Yours sincerely", "Yours faithfully", "Yours truly", "Kind regards", "Best regards",
        "Warm regards", "Kindest regards", "With regards", "Regards", "Best wishes",
        "With best wishes", "Many thanks", "With thanks", "Thanks", "Thank you", "Cofion",
        "Cofion cynnes", "Cofion gorau", "Yn gywir", "Yr eiddoch yn gywir", "Diolch",
        "Diolch yn fawr", "Best", "All the best", "Warmest regards", "Cheers", "Yours",
        "Yours ever", "Take care", "Thanks again", "Hwyl", "Pob hwyl", "Gyda diolch",
        "Gyda dymuniadau gorau",
    )  # fmt: skip
    PARTICLES: tuple[str, ...] = NAME_PARTICLES
    POSTNOMINALS: tuple[str, ...] = POSTNOMINALS
    NON_NAME_WORDS: tuple[str, ...] = NON_NAME_WORDS + ORGANISATION_WORDS
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
        kin_words: Sequence[str] | None = None,
        headers: Sequence[str] | None = None,
        places: str | Sequence[str] | None = None,
        given_names: str | Sequence[str] | None = None,
        score: float = SCORE,
        surname_first_score: float = SURNAME_FIRST_SCORE,
        max_signature_gap: int = MAX_SIGNATURE_GAP,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        self.kin_words = tuple(kin_words if kin_words is not None else self.KIN_WORDS)
        self.places = Gazetteer.from_option(places, "places.txt")
        self.given_names = Gazetteer.from_option(given_names, "given_names.txt")
        self.headers = tuple(headers if headers is not None else self.HEADERS)
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
            # Short titles are also accepted in capitals ("MR G JONES"); long ones are not, as
            # headlines are written in capitals ("COUNCILLOR CALLS FOR INQUIRY").
            "HONORIFIC": "(?:"
            + _alternation([h for h in self.honorifics if len(h) <= 4], upper=True)
            + "|"
            + _alternation([h for h in self.honorifics if len(h) > 4])
            + ")",
            "GREETING": _alternation(self.greetings),
            "SIGN_OFF": _alternation(self.sign_offs),
            "KIN": _alternation(self.kin_words),
            "HEADER": _alternation(self.headers),
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
            while text[line_start : line_start + 1] in (" ", "\t", ">"):
                line_start += 1
            span = self.scanner.scan(text, line_start, self._line_end(text, line_start))
            if span and self._signature_tail_ok(text, span[1]) and not self._only_a_place(text[span[0] : span[1]]):
                add(span, self.score, "signature", f'Name on the signature line after "{m["cue"].strip()}".')

        for m in self._re["surname first"].finditer(text):
            if self._surname_first_ok(m["name"]):
                add(m.span("name"), self.surname_first_score, "surname first", 'Name in "SURNAME, Forename" form.')

        if "kin" in self._re and "kin owner" in self._re:
            for m in self._re["kin"].finditer(text):
                owner = self._re["kin owner"].search(text, max(0, m.start() - 40), m.start())
                if owner is None:
                    continue
                cue = " ".join(text[owner.start() : m.end()].rstrip(" \t,").split())
                for span in self._name_list(text, m.end()):
                    add(span, self.score, "relation", f'Name follows "{cue}".')

        if "header" in self._re:
            for m in self._re["header"].finditer(text):
                for span in self._header_names(text, m.end(), self._line_end(text, m.end())):
                    add(span, self.score, "header", f'Name in a "{m["cue"]}:" header line.')

        if "self" in self._re:
            for m in self._re["self"].finditer(text):
                span = self.scanner.scan(text, m.end(), self._line_end(text, m.end()))
                if span:
                    add(span, self.score, "self-introduction", f'Name follows "{m["cue"]}".')

        if "byline" in self._re:
            for m in self._re["byline"].finditer(text):
                span = self.scanner.scan(text, m.end(), self._line_end(text, m.end()))
                if span and self._SIGNATURE_END.match(text, span[1]):
                    add(span, self.score, "byline", "Name in a byline.")

        if "age" in self._re:
            for m in self._re["age"].finditer(text):
                span = self._name_before(text, m.start())
                if span and span[1] - span[0] > 1 and " " in text[span[0] : span[1]]:
                    add(span, self.score, "name and age", "A full name followed by an age in commas.")

        if "bracketed address" in self._re and "@" in text:
            for m in self._re["bracketed address"].finditer(text):
                span = self._name_before(text, m.start())
                if span:
                    add(span, self.score, "name and address", "Name written before an e-mail address in <...>.")

        return self._dedupe(results)

    def _name_list(self, text: str, pos: int) -> list[tuple[int, int]]:
        """Names at `pos` joined by commas and "and" ("Gwion and Mabli"), on one line."""
        spans: list[tuple[int, int]] = []
        end = self._line_end(text, pos)
        while span := self.scanner.scan(text, pos, end):
            spans.append(span)
            join = self._LIST_JOIN.match(text, span[1], end)
            if not join:
                break
            pos = join.end()
        return spans

    _HEADER_TAIL = regex.compile(r"[ \t\"'”’]*(?:<[^<>\n]*>|\[[^\]\n]*\]|\([^()\n]*\))?[ \t]*")
    _OPENING_QUOTES = " \t\"'“‘"

    def _header_names(self, text: str, pos: int, end: int) -> list[tuple[int, int]]:
        """Names in a header value, one per segment between "," and ";".

        A segment counts when it holds a name and nothing else but an address in brackets
        ("Siân Jones <s@example.com>; Head of Planning").
        """
        spans: list[tuple[int, int]] = []
        while pos < end:
            seg_end = self._segment_end(text, pos, end)
            start = pos
            while start < seg_end and text[start] in self._OPENING_QUOTES:
                start += 1
            title = self._honorific_at.match(text, start, seg_end)
            if title:
                start = title.end()
            span = self.scanner.scan(text, start, seg_end)
            if span and self._HEADER_TAIL.fullmatch(text, span[1], seg_end):
                spans.append(span)
            pos = seg_end + 1
        return spans

    @staticmethod
    def _segment_end(text: str, pos: int, end: int) -> int:
        """The next "," or ";" at `pos` or after, outside <...> and (...)."""
        depth = 0
        for i in range(pos, end):
            ch = text[i]
            if ch in "<([":
                depth += 1
            elif ch in ">)]":
                depth = max(0, depth - 1)
            elif ch in ",;" and depth == 0:
                return i
        return end

    def _name_before(self, text: str, bracket: int) -> tuple[int, int] | None:
        """The name right before "<address>" on the same line, if the words there are one."""
        line_start = text.rfind("\n", 0, bracket) + 1
        m = self._re["name before address"].search(text, max(line_start, bracket - 120), bracket)
        if m is None:
            return None
        name_end = m.end("name")
        # The run may begin with other words ("wrote to"): take the first start that scans to the end.
        for tok in regex.finditer(r"\S+", text[m.start("name") : name_end]):
            start = m.start("name") + tok.start()
            if text[start - 1 : start] not in ("", " ", "\t", "\n", ":", ",", "(", '"', "'", "“"):
                continue
            if regex.search(r"-\p{Ll}", tok.group()):
                continue  # "Mother-of-two", not a name
            span = self.scanner.scan(text, start, name_end)
            if span and span[1] == name_end:
                return span
        return None

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

    def _only_a_place(self, value: str) -> bool:
        """A town on the line after a sign-off (the name above it redacted) is not a signature."""
        return value in self.places and value not in self.given_names

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
        "Heol", "Ffordd", "Stryd", "Lôn", "Lon", "Rhodfa", "Cilgant", "Clos", "Maes", "Ffos", "Tan", "Pen",
        "Glan", "Bron", "Cefn", "Coed", "Min", "Tŷ", "Ty", "Gwaun", "Erw", "Penrhiw", "Pentre", "Bro",
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
        "flat in a named building": (
            r"<<START>>(?P<flat><<FLAT>>)(?P<name>(?:(?:<<PARTICLE>>[ \t]+)?<<WORD>>[ \t]+){1,4}?)"
            r"(?P<type><<EN_TYPE>>)<<END>>"
        ),
        "house name and street": (
            r"<<HOUSE_START>>(?P<house><<WORD>>(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){0,3})[ \t]*,[ \t]*"
            r"(?:(?P<name>(?:<<WORD>>[ \t]+){1,3}?)(?P<type><<EN_TYPE>>)"
            r"|(?P<cytype><<CY_TYPE>>)(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){1,3})"
            r"(?=[ \t]*(?:,|(?m:$)))"
        ),
        # A street alone on its line in an address block ("Heol y Wern" under a house name);
        # reported only when a postcode follows within a few lines.
        "street line": (
            r"(?m:^)[ \t]*(?:(?P<cytype><<CY_TYPE>>)(?P<name>(?:[ \t]+(?:<<PARTICLE>>[ \t]+)*<<WORD>>){1,3})"
            r"|(?P<enname>(?:<<WORD>>[ \t]+){1,3}?)(?P<type><<EN_TYPE>>))[ \t]*,?[ \t]*(?m:$)"
        ),
    }
    SLOTS: ClassVar[dict[str, str]] = {
        "START": r"(?<![\p{L}\p{M}\d.,/:£$€%\-])",
        "END": r"(?![\p{L}\p{M}\d'’\-])",
        "NUMBER": r"\d{1,3}[A-Za-z]?(?:[ \t]*[-–][ \t]*\d{1,3}[A-Za-z]?)?",
        "WORD": r"(?:St\.|" + NAME_WORD + r")",
        # A house name starts a line, or follows "lives at" and the like in prose.
        "HOUSE_START": (
            r"(?:(?m:^)[ \t>]*|(?<=(?i:\b(?:lives|living|lived|live|resides|residing|resident))"
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
        self._last: tuple[str, list[_Street]] | None = None
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
            if street.pattern == "street line" and not postcode:
                continue
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
        """Street spans in `text`, without scores; overlapping candidates keep the longest.

        The last answer is remembered: the postcode and form-field recognizers ask about the
        same page text right after this recognizer has.
        """
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        found = self._find_streets(text)
        self._last = (text, found)
        return found

    def _find_streets(self, text: str) -> list[_Street]:
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
        words = (groups.get("name") or groups.get("enname") or "").split()
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


@lru_cache(maxsize=1)
def _default_streets() -> UkStreetAddressRecognizer:
    """One default street finder per process, shared by the recognizers that look for streets."""
    return UkStreetAddressRecognizer()


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
            "appellant", "enw", "enw llawn", "cyfenw", "enw cyntaf", "forename(s)", "first name(s)",
            "given name", "given names", "given name(s)", "other names", "middle name",
            "middle names", "middle name(s)", "full name(s)", "name in full", "print name",
            "name of person", "person's name", "name of member of staff", "member of staff",
            "staff member", "name of staff member", "caller", "caller's name", "call taken by",
            "signed", "signed by", "signature", "on behalf of", "enwau cyntaf",
        ],
        "STREET_ADDRESS": [
            "address", "home address", "postal address", "correspondence address",
            "current address", "previous address", "address line 1", "cyfeiriad",
            "cyfeiriad cartref", "address line one", "first line of address", "street",
            "street address", "house name/number", "house number and street", "house name or number",
            "llinell gyntaf y cyfeiriad",
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
        role_words: str | Sequence[str] | None = None,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        self.labels = {e: list(v) for e, v in (labels if labels is not None else self.LABELS).items()}
        # "E-mail: foi@..." in a letterhead is the body's published mailbox, not a person's.
        self._mailboxes = RoleMailboxEmailRecognizer(supported_language=supported_language, role_words=role_words)
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
        self._streets = _default_streets()
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
            return [
                (start + m.start(), start + m.end())
                for m in self._re["email value"].finditer(value)
                if not self._mailboxes.is_role_mailbox(m.group())
            ]
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
        particles = self._streets.particles
        if not words or any(_key(w) in self._names.scanner.stop_words and _key(w) not in particles for w in words):
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


# --------------------------------------------------------------------------------------
# Names: given names from a gazetteer, and spaCy's findings checked against gazetteers
# --------------------------------------------------------------------------------------

MONTHS_AND_DAYS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip


class GivenNameRecognizer(_RuleRecognizer):
    """Names that start with a known given name: "I visited with Mared", "ELERI AB OWAIN".

    The statistical model misses many Welsh, Gaelic, South Asian, African, Polish and Chinese
    names, above all a first name used alone (a child, a colleague). A capitalised word found
    in the given-name gazetteer (models/given_names.txt) starts a name; the capitalised words
    and particles after it are its surname. It is not a name when it is part of a place or an
    organisation: after an article or a place word ("the Rose", "Tŷ Gwyn", "Prince Charles"),
    after a house number, before an organisation, street or place word ("Aneurin Bevan
    University", "Victoria Terrace", "Elan Valley"), or alone when it is also a place
    ("Barry"). "Surname, Forename" at the start of a line or after a label is one name.
    """

    ENTITY = "PERSON"
    PATTERNS: ClassVar[dict[str, str]] = {
        "word": r"(?<![\p{L}\p{M}\d'’\-.@/_])" + NAME_WORD + r"(?![\p{L}\p{M}\d@_]|\.[\p{L}\d])",
        "word before": r"(?P<word>[\p{L}\p{M}'’.]+)[ \t]*\Z",
        "word after": r"[ \t]+(?P<word>\p{Lu}[\p{L}\p{M}'’\-]*)",
        "surname before": (
            r"(?:\A|[:;(\t]|[ ]{2})[ \t]*(?P<surname>" + NAME_WORD + r"(?:[ \t]+" + NAME_WORD + r")?),[ \t]*\Z"
        ),
        # A name in capitals set off by commas in running text, as case notes write it: "the
        # occupier, LECH KRÓL, who ...". Two to four words; the line holds lower-case text.
        "capitals": (
            r"(?<=,[ \t]{1,3}|,[ \t]*\n)(?P<run>\p{Lu}[\p{Lu}\p{M}'’\-]*(?:[ \t]+|[ \t]*\n[ \t]*)"
            r"\p{Lu}[\p{Lu}\p{M}'’\-]*(?:[ \t]+\p{Lu}[\p{Lu}\p{M}'’\-]*){0,2})(?=[ \t]*(?:,|\(|[ \t]who\b))"
        ),
        "vowel": r"[AEIOUYWÀ-ÖØ-ÝĀ-ſ]",
        # After a name continued on the next line, the sentence goes on (not "Sent: ...").
        "prose after": r"['’]s\b|[ \t]*[,;)]|[ \t]+\p{Ll}|[ \t]*\.[ \t]*(?:\p{Lu}|$)",
        # Initials and a surname: "A. Szymańska", "D. R. ab Iorwerth".
        "initials": (
            r"(?<![\p{L}\p{M}\d.])(?:\p{Lu}\.[ \t]?){1,3}[ \t]*(?:(?:ap|ab|de|van|von|ó|ní|nic|mac|mc)[ \t]+)?"
            r"(?P<surname>" + NAME_WORD + r")"
        ),
    }
    CONTEXT: ClassVar[list[str]] = []
    GIVEN_NAMES = "given_names.txt"
    PLACES = "places.txt"
    ARTICLES: tuple[str, ...] = ("the", "a", "an", "y", "yr", "'r")
    SCORE = 0.7
    SINGLE_SCORE = 0.6
    SURNAME_FIRST_SCORE = 0.75
    CAPITALS_SCORE = 0.6
    # Words in capitals that are not names, besides the organisation and function words.
    CAPITALS_NOT_NAMES: tuple[str, ...] = (
        "BLOCK", "CAPITALS", "LETTERS", "NOT", "DO", "DOES", "YES", "NO", "ALL", "ANY", "NONE",
        "VERY", "ONLY", "MUST", "NEVER", "ALWAYS", "NOW", "AGAIN", "STILL", "HELP", "STOP",
        "NOTE", "NB", "PS", "TBC", "ASAP", "CCTV", "PTO", "RSVP", "N/A", "AM", "PM",
    )  # fmt: skip

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = ENTITY,
        given_names: str | Sequence[str] | None = None,
        places: str | Sequence[str] | None = None,
        place_elements: Sequence[str] | None = None,
        place_suffixes: Sequence[str] | None = None,
        articles: Sequence[str] | None = None,
        non_name_words: Sequence[str] | None = None,
        honorifics: Sequence[str] | None = None,
        score: float = SCORE,
        single_score: float = SINGLE_SCORE,
        surname_first_score: float = SURNAME_FIRST_SCORE,
        capitals_score: float = CAPITALS_SCORE,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        self.capitals_score = capitals_score
        self.given_names = Gazetteer.from_option(given_names, self.GIVEN_NAMES)
        self.places = Gazetteer.from_option(places, self.PLACES)
        self.place_elements = _fold(place_elements if place_elements is not None else PLACE_ELEMENTS)
        self.articles = _fold(articles if articles is not None else self.ARTICLES)
        honorifics = tuple(honorifics if honorifics is not None else HONORIFICS)
        stop = _fold(non_name_words if non_name_words is not None else NON_NAME_WORDS + ORGANISATION_WORDS)
        stop |= _fold(w for h in honorifics for w in h.split()) | _fold(MONTHS_AND_DAYS)
        self.scanner = _NameScanner(
            particles=_fold(NAME_PARTICLES), stop_words=stop, postnominals=frozenset(POSTNOMINALS)
        )
        # A capitalised word after the name that shows it is part of something else.
        self.after_stop = (
            stop
            | _fold(place_suffixes if place_suffixes is not None else PLACE_SUFFIXES)
            | _fold(ENGLISH_STREET_TYPES)
            | _fold(WELSH_STREET_WORDS)
        )
        # Words that cannot end a name that starts with a given name ("Barry Island"); street
        # types that are also surnames (Hill, Green, Park) are not among them.
        self.in_name_stop = (
            _fold(place_suffixes if place_suffixes is not None else PLACE_SUFFIXES)
            | _fold(STREET_ONLY_TYPES)
            | _fold(WELSH_STREET_WORDS)
        )
        self.surname_stop = stop | _fold(TitledNameRecognizer.CAPITALS_NOT_SURNAMES) | _fold(self.ARTICLES)
        self.capitals_stop = self.surname_stop | _fold(self.CAPITALS_NOT_NAMES)
        self.score = score
        self.single_score = single_score
        self.surname_first_score = surname_first_score
        self._re = {key: regex.compile(p) for key, p in self.patterns.items()}
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=context if context is not None else self.CONTEXT,
            name=name or self.__class__.__name__,
        )

    def is_given_name(self, word: str) -> bool:
        """A capitalised word (or hyphenated pair) in the gazetteer, possessive "'s" ignored."""
        if word[-2:] in ("'s", "’s"):
            word = word[:-2]
        if not word[:1].isupper() or (word.isupper() and len(word) < 3):
            return False  # "LI", "BO" in capitals are abbreviations
        return word in self.given_names or ("-" in word and all(p in self.given_names for p in word.split("-")))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report names that begin with a known given name."""
        if not self._wanted(entities):
            return []
        entity = self.supported_entities[0]
        results: list[RecognizerResult] = []
        covered = -1
        for m in self._re["word"].finditer(text):
            if m.start() < covered or not self.is_given_name(m.group()):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = self._line_end(text, m.end())
            before = text[line_start : m.start()]
            if not self._context_before_ok(before):
                continue
            span = self.scanner.scan(text, m.start(), line_end)
            if not span or span[0] != m.start():
                continue
            after = self._re["word after"].match(text, span[1], line_end)
            if after and _key(after["word"]) in self.after_stop:
                continue
            if any(_key(w) in self.in_name_stop for w in text[m.end() : span[1]].split()):
                continue  # "Barry Island", "Victoria Road": a place, not a surname
            single = span[1] <= m.end()
            if single and text[span[1] : span[1] + 1] == "\n":
                # A name broken over two lines ("KEVIN" / "FOX-TALBOT, who ..."): the surname
                # starts the next line, written in the same case.
                more = self.scanner.scan(text, span[1] + 1, self._line_end(text, span[1] + 1))
                if (
                    more
                    and more[0] == span[1] + 1
                    and text[more[0] : more[1]].isupper() == m.group().isupper()
                    and self._re["prose after"].match(text, more[1])
                ):
                    after = self._re["word after"].match(text, more[1], self._line_end(text, more[1]))
                    if not (after and _key(after["word"]) in self.after_stop):
                        span, single = (span[0], more[1]), False
            if single and text[span[0] : span[1]] in self.places:
                continue
            covered = span[1]
            surname = self._re["surname before"].search(before)
            if (
                single
                and surname
                and not any(_key(w) in self.surname_stop or w in self.places for w in surname["surname"].split())
            ):
                start = line_start + surname.start("surname")
                why = 'Name in "Surname, Forename" form; the forename is a known given name.'
                results.append(self._result(entity, start, span[1], self.surname_first_score, "surname first", why))
                continue
            score, form = (self.single_score, "given name") if single else (self.score, "given name and surname")
            why = "Capitalised word is a known given name" + ("." if single else ", followed by a surname.")
            results.append(self._result(entity, span[0], span[1], score, form, why))
        if "initials" in self._re:
            for m in self._re["initials"].finditer(text):
                surname = m["surname"]
                if _key(surname) in self.surname_stop or surname in self.places or len(surname) < 2:
                    continue
                after = self._re["word after"].match(text, m.end(), self._line_end(text, m.end()))
                if after and _key(after["word"]) in self.after_stop:
                    continue
                why = "Initials followed by a surname."
                results.append(self._result(entity, m.start(), m.end(), self.single_score, "initials", why))
        if "capitals" in self._re:
            for m in self._re["capitals"].finditer(text):
                if self._capitals_ok(text, m):
                    why = "Words in capitals set off by commas in running text, as names are in case notes."
                    results.append(self._result(entity, m.start(), m.end(), self.capitals_score, "capitals", why))
        return self._dedupe(results)

    def _capitals_ok(self, text: str, m: Any) -> bool:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip():
            line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1  # the sentence began above
        if not any(c.islower() for c in text[line_start : m.start()]):
            return False  # a heading, not running text
        words = m.group().split()
        if any(_key(w) in self.capitals_stop or w in self.places for w in words):
            return False
        vowel = self._re["vowel"]
        return any(len(w) >= 3 for w in words) and all(len(w) < 3 or vowel.search(w) for w in words)

    def _context_before_ok(self, before: str) -> bool:
        """False after a house number, an article or a word that begins a place name."""
        stripped = before.rstrip()
        if stripped[-1:].isdigit():
            return False
        prev = self._re["word before"].search(before)
        if prev is None:
            return True
        word = _key(prev["word"])
        return word not in self.articles and word not in self.place_elements

    @staticmethod
    def _line_end(text: str, pos: int) -> int:
        end = text.find("\n", pos)
        return len(text) if end < 0 else end


class FilteredSpacyRecognizer(SpacyRecognizer):  # type: ignore[misc]
    """spaCy's PERSON findings, less the places, organisations and addresses it takes for people.

    The small English model tags Welsh organisation names ("Cyngor Abertawe"), towns
    ("Aberystwyth", "Barry"), buildings ("Civic Centre"), streets ("Water Lane") and
    citations ("Schedule 1") as PERSON. A finding is split at line breaks (a name may run
    over one; a letterhead line may run into the next) and each piece is dropped when it
    holds a digit or an organisation word, is exactly a known place (unless a title comes
    before it), is a street, or is in capitals without a known given name. Titles and
    greeting words at its start are left out of the span. Other entity types pass through.
    """

    PLACES = "places.txt"
    GIVEN_NAMES = "given_names.txt"
    FILTERED = ("PERSON",)
    # Words stripped from the start of a piece: greetings, header words, role nouns ("Tenant
    # Rhian Thomas") and Welsh function words that begin sentences ("Mae'r").
    LEADING_WORDS: tuple[str, ...] = (
        "dear", "annwyl", "hi", "hello", "helo", "to", "from", "cc", "by", "and", "&", "mae",
        "mae'r", "roedd", "dywedodd", "meddai", "gan", "ond", "hefyd",
    )  # fmt: skip

    def __init__(
        self,
        supported_language: str = "en",
        supported_entities: list[str] | None = None,
        ner_strength: float = 0.85,
        default_explanation: str | None = None,
        context: list[str] | None = None,
        name: str | None = None,
        places: str | Sequence[str] | None = None,
        given_names: str | Sequence[str] | None = None,
        organisation_words: Sequence[str] | None = None,
        honorifics: Sequence[str] | None = None,
        english_street_types: Sequence[str] | None = None,
        welsh_street_words: Sequence[str] | None = None,
        filtered_entities: Sequence[str] | None = None,
    ) -> None:
        super().__init__(
            supported_language=supported_language,
            supported_entities=supported_entities or ["PERSON"],
            ner_strength=ner_strength,
            default_explanation=default_explanation,
            context=context,
            name=name or self.__class__.__name__,
        )
        self.places = Gazetteer.from_option(places, self.PLACES)
        self.given_names = Gazetteer.from_option(given_names, self.GIVEN_NAMES)
        self.organisation_words = _fold(organisation_words if organisation_words is not None else ORGANISATION_WORDS)
        honorifics = tuple(honorifics if honorifics is not None else HONORIFICS)
        self.leading = (
            _fold(w for h in honorifics for w in h.split())
            | _fold(self.LEADING_WORDS)
            | _fold(NON_NAME_WORDS)
            | _fold(KIN_WORDS)
        )
        self.english_street_types = _fold(
            english_street_types if english_street_types is not None else ENGLISH_STREET_TYPES
        )
        self.welsh_street_words = _fold(welsh_street_words if welsh_street_words is not None else WELSH_STREET_WORDS)
        self.street_only = _fold(STREET_ONLY_TYPES)
        self.filtered = frozenset(filtered_entities if filtered_entities is not None else self.FILTERED)
        self._honorific_before = regex.compile(
            r"(?<![\p{L}\p{M}])(?:" + _alternation(honorifics, upper=True) + r")\.?[ \t]*\Z"
        )

    _WORD = regex.compile(r"[\p{L}\p{M}\d][\p{L}\p{M}\d'’.\-]*")
    # A piece that runs on into "-y-", "-yr-", "-ar-": part of a Welsh place name (Maes-y-Coed).
    _COMPOUND = regex.compile(r"-\p{Ll}")
    # Before the piece on its line: a Welsh article ("Maes y Llan") or a house number and
    # street words ("145 Maes y Llan"): part of an address.
    _ADDRESS_BEFORE = regex.compile(
        r"(?:(?<![\p{L}\p{M}])(?:y|yr|Y|Yr)[ \t]+|['’]r[ \t]+|^[ \t]*(?:\p{L}+[ \t]+\w+,[ \t]*)?\d{1,4}[A-Za-z]?"
        r"(?:[ \t]+[\p{L}\p{M}'’\-]+)*[ \t]+)\Z"
    )
    _LABEL_AFTER = regex.compile(r"[ \t]*:")
    _LABEL_AHEAD = regex.compile(r"[ \t]+[\p{L}\p{M}'’()/ \t\-]{1,40}:")
    _ADDRESS_GOES_ON = regex.compile(r",[ \t]*(?:\p{Lu}|\d)")
    _CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
    # Welsh place names are built on these elements; given names and surnames very rarely are.
    _WELSH_PLACE = regex.compile(
        r"(?:Llan|Aber|Pont|Caer|Cwm|Ystrad|Ynys|Porth|Blaen|Betws|Bettws|Capel)\p{Ll}[\p{L}\p{M}\-]{2,}"
    )
    _NEXT_WORD = regex.compile(r"[ \t]+(?P<word>\p{Lu}[\p{L}\p{M}'’\-]*)")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return spaCy's findings, keeping the PERSON pieces that survive the checks."""
        out: list[RecognizerResult] = []
        for r in super().analyze(text, entities, nlp_artifacts):
            if r.entity_type not in self.filtered:
                out.append(r)
                continue
            for start, end in self._pieces(text, r.start, r.end):
                if self._veto(text, start, end) is None:
                    out.append(
                        RecognizerResult(
                            entity_type=r.entity_type,
                            start=start,
                            end=end,
                            score=r.score,
                            analysis_explanation=self.build_explanation(
                                r.score,
                                f"Identified as {r.entity_type} by spaCy's named entity recognition "
                                "(and not a known place, organisation or street)",
                            ),
                            # No context words: Presidio's enhancer has nothing to add (and is costly).
                            recognition_metadata={
                                **(r.recognition_metadata or {}),
                                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                            },
                        )
                    )
        return out

    def _pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        pieces = []
        pos = start
        for line in regex.split(r"[\n:]", text[start:end]):
            s, e = pos, pos + len(line)
            pos = e + 1
            words = list(self._WORD.finditer(text, s, e))
            while words and _key(words[0].group().rstrip(".,:")) in self.leading:
                words.pop(0)
            if words:
                pieces.append((words[0].start(), words[-1].end()))
        return pieces

    def _veto(self, text: str, start: int, end: int) -> str | None:
        """Why the piece is not a person's name, or None."""
        piece = text[start:end]
        words = [w.group().rstrip(".") for w in self._WORD.finditer(piece)]
        words = [w[:-2] if w[-2:] in ("'s", "’s") else w for w in words]
        if not words or not any(w[:1].isupper() for w in words):
            return "no capitalised word"
        if any(c.isdigit() for c in piece):
            return "holds digits"
        if any(_key(w) in self.organisation_words for w in words):
            return "holds an organisation, office or building word"
        after = self._NEXT_WORD.match(text, end)
        if after and _key(after["word"]) in self.organisation_words:
            return "followed by an organisation, office or building word"
        if self._COMPOUND.match(text, end):
            return "part of a hyphenated place name"
        if "/" in piece:
            return "holds a slash"
        if any(len(self._CAMEL.findall(w)) >= 2 for w in words):
            return "a word in CamelCase (a product or website name)"
        line_start = text.rfind("\n", 0, start) + 1
        if self._ADDRESS_BEFORE.search(text[line_start:start]):
            return "part of a street address"
        if not text[line_start:start].strip() and self._LABEL_AFTER.match(text, end):
            return "a label at the start of a line"
        if not text[line_start:start].strip() and self._LABEL_AHEAD.match(text, end):
            return 'the start of a form label ("Daytime telephone:")'
        line_start = text.rfind("\n", 0, start) + 1
        titled = bool(self._honorific_before.search(text, line_start, start))
        if not titled and (piece in self.places or all(w in self.places for w in words)):
            return "a known place"
        if not titled and _key(words[0]) in ("st", "saint", "sant", "santes"):
            return "a saint's name: a church, school or place"
        if not titled and len(words) == 1 and self._WELSH_PLACE.match(words[0]):
            return "a Welsh place name (Llan-, Aber-, Pont-, Cwm-...)"
        if _key(words[0]) in self.welsh_street_words:
            return "a Welsh street name"
        # "Station Road" is a street; "Damon Hill" may be a person, unless an address goes on
        # after it ("Water Lane, Wilmslow").
        if (
            not titled
            and _key(words[-1]) in self.english_street_types
            and (_key(words[-1]) in self.street_only or self._ADDRESS_GOES_ON.match(text, end))
        ):
            return "a street name"
        letters = [c for c in piece if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and not any(w in self.given_names for w in words):
            return "in capitals with no known given name"
        return None


# --------------------------------------------------------------------------------------
# Postcodes of home addresses
# --------------------------------------------------------------------------------------


class HomePostcodeRecognizer(_RuleRecognizer):
    """UK postcodes that belong to a home address.

    A postcode on its own is not personal data (public bodies print theirs on every letter),
    so it is reported above threshold only with evidence that it is part of an address a
    person lives at: an address cue before it in the same block of lines ("Address:",
    "Postcode:", "lives at", "home"); a house number and street before it in the block; or
    an address block (two or more short lines without labels, ending with the postcode). A
    postcode without such evidence is reported below threshold, for the reviewer. Published
    addresses of public bodies are kept by the policy (see decide.py), which knows the
    allow-list of bodies and buildings.
    """

    ENTITY = "UK_POSTCODE"
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
    SCORE = 0.85
    BLOCK_SCORE = 0.7
    BARE_SCORE = 0.35
    BLOCK_LINES = 4  # lines above the postcode that can belong to its address
    CUE_DISTANCE = 160  # characters between an address cue and the postcode

    def __init__(
        self,
        patterns: dict[str, str] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = ENTITY,
        score: float = SCORE,
        block_score: float = BLOCK_SCORE,
        bare_score: float = BARE_SCORE,
        block_lines: int = BLOCK_LINES,
        cue_distance: int = CUE_DISTANCE,
        name: str | None = None,
    ) -> None:
        self.patterns = dict(patterns if patterns is not None else self.PATTERNS)
        cues = list(context if context is not None else self.CONTEXT)
        self.score = score
        self.block_score = block_score
        self.bare_score = bare_score
        self.block_lines = block_lines
        self.cue_distance = cue_distance
        self._re = {
            key: regex.compile(p, regex.MULTILINE if key == "sentence" else 0) for key, p in self.patterns.items()
        }
        self._cue = regex.compile(r"(?<![\p{L}\p{M}])" + _alternation(cues) + r"(?![\p{L}\p{M}])", regex.IGNORECASE)
        self._streets = _default_streets()
        super().__init__(
            supported_entities=[supported_entity],
            supported_language=supported_language,
            context=cues,
            name=name or self.__class__.__name__,
        )

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


# --------------------------------------------------------------------------------------
# Identifiers named by a cue: passport, NI, NHS, driving licence and vehicle numbers
# --------------------------------------------------------------------------------------


class CuedIdentifierRecognizer(_RuleRecognizer):
    """Identifiers that the text names: "Passport number: 123456789", "NHS no. 999 123 4567".

    Presidio's UK recognizers score bare patterns low (a nine-digit passport number is not
    matched at all, an NHS number needs a valid checksum, a NINO must be spaced exactly).
    When a cue comes shortly before the value on the same line (or ends the line above it),
    the value is reported with a high score whatever its layout or checksum. The gap between
    cue and value may hold words ("(proof of identity):") but no digits or sentence breaks.
    """

    IDENTIFIERS: ClassVar[dict[str, dict[str, Any]]] = {
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
    GAP = r"(?:[^\d\n;!?]{0,40}?|[ \t:.\-]*\n[ \t>]*)"
    CONTEXT: ClassVar[list[str]] = []
    SCORE = 0.85

    def __init__(
        self,
        identifiers: Mapping[str, Mapping[str, Any]] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entities: Sequence[str] | None = None,
        gap: str = GAP,
        score: float = SCORE,
        name: str | None = None,
    ) -> None:
        self.identifiers = {
            e: dict(v) for e, v in (identifiers if identifiers is not None else self.IDENTIFIERS).items()
        }
        self.score = score
        self._re = {
            entity: regex.compile(
                r"(?<![\p{L}\p{M}])(?P<cue>(?i:" + _alternation(spec["cues"]) + r"))(?![\p{L}\p{M}])\.?" + gap
                + r"(?<![\p{L}\p{M}\d])(?P<value>" + spec["value"] + r")(?![\p{L}\p{M}\d])"
            )
            for entity, spec in self.identifiers.items()
        }  # fmt: skip
        # The first word of each cue, lower case: a page without any is skipped cheaply.
        self._keys = {
            entity: tuple({cue.split()[0].casefold().rstrip(".") for cue in spec["cues"]})
            for entity, spec in self.identifiers.items()
        }
        entities = list(supported_entities) if supported_entities is not None else list(self.identifiers)
        super().__init__(
            supported_entities=entities,
            supported_language=supported_language,
            context=context if context is not None else self.CONTEXT,
            name=name or self.__class__.__name__,
        )

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


class RoleMailboxEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
    """Presidio's e-mail recognizer, scoring role mailboxes (foi@, info@, ...) below threshold.

    A public body's published mailbox is not personal data and must stay readable. The local
    part is split at ".", "-", "_" and "+"; it is a role mailbox when a piece is a role word
    (models/role_mailboxes.txt) and the others are role words too or, at most one, a short
    abbreviation of the body ("bcu.foi@", "foi.cav@"). "gareth.jones@" is a person's.
    """

    ROLE_WORDS = "role_mailboxes.txt"
    PLACES = "places.txt"
    ROLE_SCORE = 0.35
    ABBREVIATION_LENGTH = 3
    _SPLIT = regex.compile(r"[._+\-]")

    def __init__(
        self,
        patterns: Any = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str = "EMAIL_ADDRESS",
        name: str | None = None,
        role_words: str | Sequence[str] | None = None,
        places: str | Sequence[str] | None = None,
        role_score: float = ROLE_SCORE,
        abbreviation_length: int = ABBREVIATION_LENGTH,
    ) -> None:
        super().__init__(
            patterns=patterns,
            context=context,
            supported_language=supported_language,
            supported_entity=supported_entity,
            name=name or self.__class__.__name__,
        )
        self.role_words = Gazetteer.from_option(role_words, self.ROLE_WORDS)
        self.places = Gazetteer.from_option(places, self.PLACES)  # "cardiff.foi@": a place and a role
        self.role_score = role_score
        self.abbreviation_length = abbreviation_length

    def is_role_mailbox(self, address: str) -> bool:
        local = address.rsplit("@", 1)[0].casefold()
        if local in self.role_words:
            return True
        pieces = [p for p in self._SPLIT.split(local) if p]
        roles = [p for p in pieces if p in self.role_words]
        others = [p for p in pieces if p not in self.role_words]
        return (
            bool(roles)
            and len(others) <= 1
            and all(p.isalpha() and (len(p) <= self.abbreviation_length or p in self.places) for p in others)
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's results, with role mailboxes marked and scored low."""
        results: list[RecognizerResult] = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            if self.is_role_mailbox(text[r.start : r.end]):
                r.score = self.role_score
                metadata = r.recognition_metadata if r.recognition_metadata is not None else {}
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True  # no context boost
                r.recognition_metadata = metadata
                if r.analysis_explanation is not None:
                    r.analysis_explanation.textual_explanation = (
                        "A role mailbox (a team's or public body's published address), not a person's"
                    )
                    r.analysis_explanation.score = self.role_score
        return results
