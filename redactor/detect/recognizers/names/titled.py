"""Names in correspondence found by their structure: titles, greetings, signatures, headers."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import (
    NAME_WORD,
    ListOption,
    RecognizerOptions,
    RuleRecognizer,
    alternation,
    end_of_line,
    fill,
    list_gazetteer,
    pick,
)
from redactor.detect.recognizers.names.scanner import NameScanner
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


# One name found: its span, score, pattern name and the reason for the log.
_Hit = tuple[tuple[int, int], float, str, str]


class TitledNameRecognizer(RuleRecognizer):
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

    ENTITY = Entity.PERSON
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
    # "Dear Sir or Madam," and "Dear Information Rights Officer," are refused by the
    # lexicon's non-name words; these upper-case words, and its towns ("SWANSEA, Sketty"), additionally
    # cannot be the surname of a "SURNAME, Forename".
    CAPITALS_NOT_SURNAMES: tuple[str, ...] = (
        "NOTE", "NB", "PS", "IMPORTANT", "URGENT", "PRIVATE", "CONFIDENTIAL", "OFFICIAL",
        "SENSITIVE", "RESTRICTED", "PERSONAL", "DRAFT", "FINAL", "TO", "FROM", "RE",
        "ATTENTION", "PLEASE", "DEAR", "YES", "NO", "OK", "PREIFAT", "SYLWCH",
    )  # fmt: skip

    class Options(RecognizerOptions):
        """Lists left unset (None) come from the configuration's lexicon."""

        patterns: dict[str, str] | None = None
        honorifics: tuple[str, ...] | None = None
        greetings: tuple[str, ...] | None = None
        sign_offs: tuple[str, ...] | None = None
        particles: tuple[str, ...] | None = None
        postnominals: tuple[str, ...] | None = None
        non_name_words: tuple[str, ...] | None = None
        capitals_not_surnames: tuple[str, ...] | None = None
        towns: tuple[str, ...] | None = None
        kin_words: tuple[str, ...] | None = None
        headers: tuple[str, ...] | None = None
        places: ListOption = None
        given_names: ListOption = None
        score: float = Field(default=0.85, ge=0.0, le=1.0)
        surname_first_score: float = Field(default=0.75, ge=0.0, le=1.0)
        max_signature_gap: int = Field(default=4, ge=0)  # blank lines between a sign-off and the name

    options: Options

    def setup(self) -> None:
        o, lex = self.options, self.lexicon
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        self.kin_words = pick(o.kin_words, lex.kin_words)
        self.places = list_gazetteer(o.places, lex.places)
        self.given_names = list_gazetteer(o.given_names, lex.given_names)
        self.headers = pick(o.headers, self.HEADERS)
        self.honorifics = pick(o.honorifics, lex.honorifics)
        self.greetings = pick(o.greetings, self.GREETINGS)
        self.sign_offs = pick(o.sign_offs, self.SIGN_OFFS)
        self.scanner = NameScanner(
            particles=fold_all(pick(o.particles, lex.name_particles)),
            stop_words=fold_all(pick(o.non_name_words, (*lex.non_name_words, *lex.organisation_words)))
            | fold_all(w for h in self.honorifics for w in h.split()),
            postnominals=frozenset(pick(o.postnominals, lex.postnominals)),
        )
        self.capitals_not_surnames = fold_all(pick(o.capitals_not_surnames, self.CAPITALS_NOT_SURNAMES))
        self.towns = fold_all(pick(o.towns, lex.towns))
        self.score = o.score
        self.surname_first_score = o.surname_first_score
        self.max_signature_gap = o.max_signature_gap
        slots = {
            # Short titles are also accepted in capitals ("MR G JONES"); long ones are not, as
            # headlines are written in capitals ("COUNCILLOR CALLS FOR INQUIRY").
            "HONORIFIC": "(?:"
            + alternation([h for h in self.honorifics if len(h) <= 4], upper=True)
            + "|"
            + alternation([h for h in self.honorifics if len(h) > 4])
            + ")",
            "GREETING": alternation(self.greetings),
            "SIGN_OFF": alternation(self.sign_offs),
            "KIN": alternation(self.kin_words),
            "HEADER": alternation(self.headers),
        }
        self._re = {key: regex.compile(fill(p, slots)) for key, p in self.patterns.items()}
        self._honorific_at = regex.compile(r"[ \t]*" + fill(self.patterns["honorific"], slots))

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
        hits = [
            *self._honorific_names(text),
            *self._greeting_names(text),
            *self._signature_names(text),
            *self._surname_first_names(text),
            *self._kin_names(text),
            *self._header_line_names(text),
            *self._cued_names(text),
            *self._names_before_cues(text),
        ]
        results = [self._result(entity, span[0], span[1], score, pattern, why) for span, score, pattern, why in hits]
        return self._dedupe(results)

    def _honorific_names(self, text: str) -> list[_Hit]:
        hits: list[_Hit] = []
        written = set(self.honorifics)
        for m in self._re["honorific"].finditer(text):
            span = self.scanner.scan(text, m.end(), end_of_line(text, m.end()))
            if span and m["cue"] not in written and not text[span[0] : span[1]].isupper():
                continue  # "MS Excel": a title in capitals goes with a name in capitals ("MR G JONES")
            if span:
                hits.append((span, self.score, "honorific", f'Name follows the honorific "{m["cue"]}".'))
        return hits

    def _greeting_names(self, text: str) -> list[_Hit]:
        """Names on a greeting line ("Dear Anna and Ben,"), unless an honorific follows."""
        hits: list[_Hit] = []
        for m in self._re["greeting"].finditer(text):
            pos = m.end()
            if self._honorific_at.match(text, pos):
                continue  # "Dear Mr Jones": found by the honorific pattern
            spans: list[tuple[int, int]] = []
            while span := self.scanner.scan(text, pos, end_of_line(text, pos)):
                spans.append(span)
                join = self._LIST_JOIN.match(text, span[1])
                if not join:
                    break
                pos = join.end()
            if spans and self._GREETING_END.match(text, spans[-1][1]):
                why = f'Name on a greeting line after "{m["cue"]}".'
                hits.extend((span, self.score, "greeting", why) for span in spans)
        return hits

    def _signature_names(self, text: str) -> list[_Hit]:
        """The name on the line after a sign-off ("Regards," / "Anna Jones")."""
        hits: list[_Hit] = []
        for m in self._re["signature"].finditer(text):
            line_start = m.end()
            if text[line_start : end_of_line(text, line_start)].strip() == "":
                line_start = self._next_nonblank_line(text, line_start)
            if line_start < 0 or self._honorific_at.match(text, line_start):
                continue
            while text[line_start : line_start + 1] in (" ", "\t", ">"):
                line_start += 1
            span = self.scanner.scan(text, line_start, end_of_line(text, line_start))
            if span and self._signature_tail_ok(text, span[1]) and not self._only_a_place(text[span[0] : span[1]]):
                why = f'Name on the signature line after "{m["cue"].strip()}".'
                hits.append((span, self.score, "signature", why))
        return hits

    def _surname_first_names(self, text: str) -> list[_Hit]:
        return [
            (m.span("name"), self.surname_first_score, "surname first", 'Name in "SURNAME, Forename" form.')
            for m in self._re["surname first"].finditer(text)
            if self._surname_first_ok(m["name"])
        ]

    def _kin_names(self, text: str) -> list[_Hit]:
        """Names after a relation of someone ("his daughter, Anna")."""
        hits: list[_Hit] = []
        if "kin" not in self._re or "kin owner" not in self._re:
            return hits
        for m in self._re["kin"].finditer(text):
            owner = self._re["kin owner"].search(text, max(0, m.start() - 40), m.start())
            if owner is None:
                continue
            cue = " ".join(text[owner.start() : m.end()].rstrip(" \t,").split())
            hits.extend(
                (span, self.score, "relation", f'Name follows "{cue}".') for span in self._name_list(text, m.end())
            )
        return hits

    def _header_line_names(self, text: str) -> list[_Hit]:
        hits: list[_Hit] = []
        if "header" not in self._re:
            return hits
        for m in self._re["header"].finditer(text):
            why = f'Name in a "{m["cue"]}:" header line.'
            hits.extend(
                (span, self.score, "header", why)
                for span in self._header_names(text, m.end(), end_of_line(text, m.end()))
            )
        return hits

    def _cued_names(self, text: str) -> list[_Hit]:
        """Names after a self-introduction ("my name is") or in a byline ("By Anna Jones")."""
        hits: list[_Hit] = []
        for key, pattern in (("self", "self-introduction"), ("byline", "byline")):
            if key not in self._re:
                continue
            for m in self._re[key].finditer(text):
                span = self.scanner.scan(text, m.end(), end_of_line(text, m.end()))
                if not span:
                    continue
                if key == "self":
                    hits.append((span, self.score, pattern, f'Name follows "{m["cue"]}".'))
                elif self._SIGNATURE_END.match(text, span[1]):
                    hits.append((span, self.score, pattern, "Name in a byline."))
        return hits

    def _names_before_cues(self, text: str) -> list[_Hit]:
        """A full name before an age in commas, or before an e-mail address in <...>."""
        hits: list[_Hit] = []
        if "age" in self._re:
            for m in self._re["age"].finditer(text):
                span = self._name_before(text, m.start())
                if span and span[1] - span[0] > 1 and " " in text[span[0] : span[1]]:
                    hits.append((span, self.score, "name and age", "A full name followed by an age in commas."))
        if "bracketed address" in self._re and "@" in text:
            # Imported here: the e-mail recognizer reads this one's name scanner.
            from redactor.detect.recognizers.contact.email import PersonalEmailRecognizer

            mailboxes = self.peers.get(PersonalEmailRecognizer)
            for m in self._re["bracketed address"].finditer(text):
                span = self._name_before(text, m.start())
                if span and mailboxes.names_organisational_address(text, *span) is None:
                    why = "Name written before an e-mail address in <...>."
                    hits.append((span, self.score, "name and address", why))
        return hits

    def _name_list(self, text: str, pos: int) -> list[tuple[int, int]]:
        """Names at `pos` joined by commas and "and" ("Gwion and Mabli"), on one line."""
        spans: list[tuple[int, int]] = []
        end = end_of_line(text, pos)
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

    def _next_nonblank_line(self, text: str, pos: int) -> int:
        """Start of the first non-blank line after the one holding `pos`, within the gap."""
        end = end_of_line(text, pos)
        for _ in range(self.max_signature_gap + 1):
            if end >= len(text):
                return -1
            start = end + 1
            end = end_of_line(text, start)
            if text[start:end].strip():
                return start
        return -1

    def _only_a_place(self, value: str) -> bool:
        """A town on the line after a sign-off (the name above it redacted) is not a signature."""
        return value in self.places and value not in self.given_names

    def _signature_tail_ok(self, text: str, pos: int) -> bool:
        """After a signature name only postnominals, "(Mrs)" or ", job title" may follow."""
        while m := regex.match(r"[ \t]+(\S+)", text[pos : end_of_line(text, pos)]):
            if m.group(1).rstrip(",") not in self.scanner.postnominals:
                break
            pos += m.end()
        return bool(self._SIGNATURE_END.match(text, pos))

    def _surname_first_ok(self, found: str) -> bool:
        surname, _, forenames = found.partition(",")
        words = [fold(w) for w in regex.split(r"[ \t]+", surname.strip() + " " + forenames.strip())]
        if fold(surname.strip()) in self.capitals_not_surnames | self.towns:
            return False
        return not any(w in self.scanner.stop_words or w in self.capitals_not_surnames for w in words)


# --------------------------------------------------------------------------------------
# Dates of birth
# --------------------------------------------------------------------------------------
