"""Names that start with a known given name, from the given-name gazetteer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import (
    NAME_WORD,
    ListOption,
    RecognizerOptions,
    RuleRecognizer,
    end_of_line,
    list_gazetteer,
    pick,
)
from redactor.detect.recognizers.names.scanner import NameScanner
from redactor.detect.recognizers.names.titled import TitledNameRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class GivenNameRecognizer(RuleRecognizer):
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

    ENTITY = Entity.PERSON
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
        # A forename, a middle initial and a surname: "Ilse K. Varga". The initial is never "A"
        # or "I" (a title's article or pronoun: "Make A Wish").
        "middle initial": (
            r"(?<![\p{L}\p{M}\d'’\-.@/_])(?P<first>\p{Lu}\p{Ll}[\p{L}\p{M}'’\-]+)[ \t]+[B-HJ-Z]\.?[ \t]+"
            r"(?P<surname>\p{Lu}\p{Ll}[\p{L}\p{M}'’\-]*)(?![\p{L}\p{M}\d@_])"
        ),
        "sentence start": r"[.!?][\"'”’)]*[ \t]+\Z",
        # A word shortened with an apostrophe ("I've", "We'll") is never a surname.
        "contraction": r"['’](?:ve|ll|re|d|m)\Z",
        # Initials and a surname: "A. Szymańska", "D. R. ab Iorwerth".
        "initials": (
            r"(?<![\p{L}\p{M}\d.])(?:\p{Lu}\.[ \t]?){1,3}[ \t]*(?:(?:ap|ab|de|van|von|ó|ní|nic|mac|mc)[ \t]+)?"
            r"(?P<surname>" + NAME_WORD + r")"
        ),
    }
    CONTEXT: ClassVar[list[str]] = []
    ARTICLES: tuple[str, ...] = ("the", "a", "an", "y", "yr", "'r")
    # Words in capitals that are not names, besides the organisation and function words.
    CAPITALS_NOT_NAMES: tuple[str, ...] = (
        "BLOCK", "CAPITALS", "LETTERS", "NOT", "DO", "DOES", "YES", "NO", "ALL", "ANY", "NONE",
        "VERY", "ONLY", "MUST", "NEVER", "ALWAYS", "NOW", "AGAIN", "STILL", "HELP", "STOP",
        "NOTE", "NB", "PS", "TBC", "ASAP", "CCTV", "PTO", "RSVP", "N/A", "AM", "PM",
    )  # fmt: skip

    class Options(RecognizerOptions):
        """Lists left unset (None) come from the class or the configuration's lexicon."""

        patterns: dict[str, str] | None = None
        given_names: ListOption = None
        places: ListOption = None
        place_elements: tuple[str, ...] | None = None
        place_suffixes: tuple[str, ...] | None = None
        articles: tuple[str, ...] | None = None
        non_name_words: tuple[str, ...] | None = None
        honorifics: tuple[str, ...] | None = None
        score: float = Field(default=0.7, ge=0.0, le=1.0)
        single_score: float = Field(default=0.6, ge=0.0, le=1.0)
        surname_first_score: float = Field(default=0.75, ge=0.0, le=1.0)
        capitals_score: float = Field(default=0.6, ge=0.0, le=1.0)

    options: Options

    def setup(self) -> None:
        o, lex = self.options, self.lexicon
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        self.capitals_score = o.capitals_score
        self.given_names = list_gazetteer(o.given_names, lex.given_names)
        self.places = list_gazetteer(o.places, lex.places)
        self.place_elements = fold_all(pick(o.place_elements, lex.place_elements))
        articles = pick(o.articles, self.ARTICLES)
        self.articles = fold_all(articles)
        honorifics = pick(o.honorifics, lex.honorifics)
        stop = fold_all(pick(o.non_name_words, (*lex.non_name_words, *lex.organisation_words)))
        stop |= fold_all(w for h in honorifics for w in h.split()) | fold_all(lex.months_and_days)
        self.scanner = NameScanner(
            particles=fold_all(lex.name_particles), stop_words=stop, postnominals=frozenset(lex.postnominals)
        )
        place_suffixes = fold_all(pick(o.place_suffixes, lex.place_suffixes))
        # A capitalised word after the name that shows it is part of something else.
        self.after_stop = stop | place_suffixes | fold_all(lex.english_street_types) | fold_all(lex.welsh_street_words)
        # Words that cannot end a name that starts with a given name ("Barry Island"); street
        # types that are also surnames (Hill, Green, Park) are not among them.
        self.in_name_stop = place_suffixes | fold_all(lex.street_only_types) | fold_all(lex.welsh_street_words)
        self.surname_stop = stop | fold_all(TitledNameRecognizer.CAPITALS_NOT_SURNAMES) | fold_all(articles)
        self.capitals_stop = self.surname_stop | fold_all(self.CAPITALS_NOT_NAMES)
        self.score = o.score
        self.single_score = o.single_score
        self.surname_first_score = o.surname_first_score
        self._re = {key: regex.compile(p) for key, p in self.patterns.items()}

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
        """Report names that begin with a known given name, initials and a surname, names in capitals."""
        if not self._wanted(entities):
            return []
        entity = self.supported_entities[0]
        results = self._given_names(text, entity)
        if "initials" in self._re:
            results.extend(self._initials(text, entity))
        if "middle initial" in self._re:
            results.extend(self._middle_initial(text, entity))
        if "capitals" in self._re:
            for m in self._re["capitals"].finditer(text):
                if self._capitals_ok(text, m):
                    why = "Words in capitals set off by commas in running text, as names are in case notes."
                    results.append(self._result(entity, m.start(), m.end(), self.capitals_score, "capitals", why))
        return self._dedupe(results)

    def _given_names(self, text: str, entity: str) -> list[RecognizerResult]:
        """Names that start with a gazetteer given name, or end with one ("Surname, Forename")."""
        results: list[RecognizerResult] = []
        covered = -1
        for m in self._re["word"].finditer(text):
            if m.start() < covered or not self.is_given_name(m.group()):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start : m.start()]
            if not self._context_before_ok(before):
                # Part of a place ("Rue Isaac Hugo"): so are the given names after it.
                run = self.scanner.scan(text, m.start(), end_of_line(text, m.end()))
                covered = run[1] if run and run[0] == m.start() else covered
                continue
            span = self._name_span(text, m)
            if span is None:
                continue
            single = span[1] <= m.end()
            if single and text[span[1] : span[1] + 1] == "\n":
                span, single = self._continued_on_next_line(text, m, span)
            if single and text[span[0] : span[1]] in self.places:
                continue
            covered = span[1]
            surname = self._re["surname before"].search(before) if single else None
            if surname and not any(
                fold(w) in self.surname_stop or w in self.places for w in surname["surname"].split()
            ):
                start = line_start + surname.start("surname")
                why = 'Name in "Surname, Forename" form; the forename is a known given name.'
                results.append(self._result(entity, start, span[1], self.surname_first_score, "surname first", why))
                continue
            score, form = (self.single_score, "given name") if single else (self.score, "given name and surname")
            why = "Capitalised word is a known given name" + ("." if single else ", followed by a surname.")
            results.append(self._result(entity, span[0], span[1], score, form, why))
        return results

    def _name_span(self, text: str, m: Any) -> tuple[int, int] | None:
        """The name that starts with the given name at `m`, unless it is part of a place or body."""
        line_end = end_of_line(text, m.end())
        span = self.scanner.scan(text, m.start(), line_end)
        if not span or span[0] != m.start():
            return None
        after = self._re["word after"].match(text, span[1], line_end)
        if after and fold(after["word"]) in self.after_stop:
            return None
        if any(fold(w) in self.in_name_stop for w in text[m.end() : span[1]].split()):
            return None  # "Barry Island", "Victoria Road": a place, not a surname
        return span

    def _continued_on_next_line(self, text: str, m: Any, span: tuple[int, int]) -> tuple[tuple[int, int], bool]:
        """A name broken over two lines ("KEVIN" / "FOX-TALBOT, who ..."): (span, still single).

        The surname starts the next line, written in the same case, and the sentence goes on.
        """
        more = self.scanner.scan(text, span[1] + 1, end_of_line(text, span[1] + 1))
        if (
            more
            and more[0] == span[1] + 1
            and text[more[0] : more[1]].isupper() == m.group().isupper()
            and self._re["prose after"].match(text, more[1])
        ):
            after = self._re["word after"].match(text, more[1], end_of_line(text, more[1]))
            if not (after and fold(after["word"]) in self.after_stop):
                return (span[0], more[1]), False
        return span, True

    def _middle_initial(self, text: str, entity: str) -> list[RecognizerResult]:
        """A forename the gazetteer may not know, a middle initial and a surname: "Ilse K. Varga".

        Neither word may be an organisation, place or function word, nor start a place name,
        nor be followed by one ("Plan B Consultants"); a house number before it makes it a street.
        After a full stop in a line the first word must be a known given name ("Ask J. Jones").
        """
        results: list[RecognizerResult] = []
        for m in self._re["middle initial"].finditer(text):
            words = (m["first"], m["surname"])
            if any(fold(w) in self.surname_stop or w in self.places for w in words):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start : m.start()]
            if not self._context_before_ok(before):
                continue
            if self._re["sentence start"].search(before) and not self.is_given_name(m["first"]):
                continue  # "... today. Ask J. Jones": the first word may be any capitalised word
            after = self._re["word after"].match(text, m.end(), end_of_line(text, m.end()))
            if after and fold(after["word"]) in self.after_stop:
                continue
            why = "A forename, a middle initial and a surname."
            results.append(self._result(entity, m.start(), m.end(), self.score, "middle initial", why))
        return results

    def _initials(self, text: str, entity: str) -> list[RecognizerResult]:
        """Initials and a surname: "A. Szymańska"."""
        results: list[RecognizerResult] = []
        for m in self._re["initials"].finditer(text):
            surname = m["surname"]
            if fold(surname) in self.surname_stop or surname in self.places or len(surname) < 2:
                continue
            if self._re["contraction"].search(surname):
                continue  # "F.Y.I. I've": a pronoun, not a surname
            after = self._re["word after"].match(text, m.end(), end_of_line(text, m.end()))
            if after and fold(after["word"]) in self.after_stop:
                continue
            why = "Initials followed by a surname."
            results.append(self._result(entity, m.start(), m.end(), self.single_score, "initials", why))
        return results

    def _capitals_ok(self, text: str, m: Any) -> bool:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip():
            line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1  # the sentence began above
        if not any(c.islower() for c in text[line_start : m.start()]):
            return False  # a heading, not running text
        words = m.group().split()
        if any(fold(w) in self.capitals_stop or w in self.places for w in words):
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
        word = fold(prev["word"])
        return word not in self.articles and word not in self.place_elements
