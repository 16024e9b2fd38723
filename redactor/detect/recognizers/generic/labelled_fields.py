"""Values of form-style fields: "Name: Siân Jones", "Tel: 029 2018 0000", ..."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import phonenumbers
import regex
from presidio_analyzer import RecognizerResult
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import (
    ORGANISATION_WITH_ACRONYM,
    UK_POSTCODE,
    RecognizerOptions,
    RuleRecognizer,
    alternation,
    end_of_line,
    fill,
    pick,
)
from redactor.detect.recognizers.contact.email import PersonalEmailRecognizer
from redactor.detect.recognizers.names.titled import TitledNameRecognizer
from redactor.detect.recognizers.uk.street import UkStreetAddressRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class LabelledFieldRecognizer(RuleRecognizer):
    """Values of form-style fields: "Name: Siân Jones", "Tel: 029 2018 0000", ...

    The label says what the value is, so values score high: names (PERSON), the street
    part of an address (STREET_ADDRESS), UK telephone numbers (PHONE_NUMBER) and e-mail
    addresses (EMAIL_ADDRESS). Labels start a line or follow a tab, two spaces, or "; ",
    "| ", ", "; the value runs to the end of the line, the next label or a column gap, and
    is taken from the next line when the label's own line has none.
    """

    LABELS: ClassVar[dict[str, list[str]]] = {
        Entity.PERSON: [
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
        Entity.STREET_ADDRESS: [
            "address", "home address", "postal address", "correspondence address",
            "current address", "previous address", "address line 1", "cyfeiriad",
            "cyfeiriad cartref", "address line one", "first line of address", "street",
            "street address", "house name/number", "house number and street", "house name or number",
            "llinell gyntaf y cyfeiriad",
        ],
        Entity.PHONE_NUMBER: [
            "telephone", "telephone number", "telephone no", "tel", "tel no", "phone",
            "phone number", "mobile", "mobile number", "mobile no", "mob", "home phone",
            "home telephone", "contact number", "contact telephone", "daytime telephone",
            "ffôn", "ffon", "rhif ffôn", "rhif ffon", "ffôn symudol",
        ],
        Entity.EMAIL_ADDRESS: [
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
        "acronym": ORGANISATION_WITH_ACRONYM,
    }
    PLACEHOLDERS: tuple[str, ...] = (
        "n/a", "na", "none", "nil", "unknown", "not known", "not provided", "not applicable",
        "not given", "withheld", "redacted", "see above", "as above", "tbc", "-", "dim",
        "amherthnasol",
    )  # fmt: skip
    CONTEXT: ClassVar[list[str]] = []

    class Options(RecognizerOptions):
        """Names, streets and mailboxes are read by the configured name, street and e-mail recognizers."""

        patterns: dict[str, str] | None = None
        labels: dict[str, tuple[str, ...]] | None = None
        placeholders: tuple[str, ...] | None = None
        score: float = Field(default=0.9, ge=0.0, le=1.0)
        region: str = "GB"
        # A line number ("Tel:", not "Mobile:") in a contact block whose first line names an
        # organisation is its switchboard: logged as kept with this score.
        switchboard_score: float = Field(default=0.35, ge=0.0, le=1.0)
        mobile_labels: tuple[str, ...] = ("mobile", "mobile number", "mobile no", "mob", "ffôn symudol")
        block_lines: int = Field(default=6, ge=0)

    options: Options

    def setup(self) -> None:
        o = self.options
        self.patterns = dict(o.patterns if o.patterns is not None else self.PATTERNS)
        self.labels = {e: list(v) for e, v in (o.labels if o.labels is not None else self.LABELS).items()}
        # "E-mail: foi@..." in a letterhead is the body's published mailbox, not a person's.
        self._mailboxes = self.peers.get(PersonalEmailRecognizer)
        self.placeholders = fold_all(pick(o.placeholders, self.PLACEHOLDERS))
        self.score = o.score
        self.region = o.region
        self.switchboard_score = o.switchboard_score
        self.mobile_labels = fold_all(o.mobile_labels)
        self.block_lines = o.block_lines
        self.body_words = fold_all(self.lexicon.public_body_words)
        self._label_entity: dict[str, str] = {}
        for entity, words in self.labels.items():
            for word in words:
                self._label_entity[self._label_key(word)] = entity
        slots = {"LABEL": alternation(w for words in self.labels.values() for w in words)}
        self._re = {key: regex.compile(fill(p, slots)) for key, p in self.patterns.items()}
        self._names = self.peers.get(TitledNameRecognizer)
        self._streets = self.peers.get(UkStreetAddressRecognizer)
        self._postcode = regex.compile(UK_POSTCODE)

    def default_entities(self) -> list[str]:
        labels = self.options.labels if self.options.labels is not None else self.LABELS
        return list(labels)

    @staticmethod
    def _label_key(label: str) -> str:
        return " ".join(fold(label).replace(".", "").replace("‐", "-").split()).replace("-", "")

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
            line_end = end_of_line(text, m.end())
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
            score, why = self.score, f'Value of the form field "{label}".'
            heading = self._organisation_heading(text, m.start()) if entity == Entity.PHONE_NUMBER else None
            if heading is not None and fold(label) not in self.mobile_labels:
                score = self.switchboard_score
                why = f'A "{label}" number in the contact block headed by "{heading}": an organisation\'s line.'
            for s, e in self._extract(entity, text, start, end):
                results.append(self._result(entity, s, e, score, f"{label} field", why))
        return self._dedupe(results)

    def _organisation_heading(self, text: str, pos: int) -> str | None:
        """The first line of the block holding `pos`, when it names an organisation.

        The block is the run of lines above, up to a blank line. "CTTC Research Centre (CTTC)
        / 7 Quill Avenue / Tel: ..." is a switchboard; "Anna Jones / Quillby Council / Tel: ..."
        is headed by a person, and her line is hers.
        """
        lines = text[: text.rfind("\n", 0, pos) + 1].split("\n")[:-1]
        head = None
        for line in reversed(lines[-self.block_lines :] if self.block_lines else []):
            if not line.strip() or line.strip() in ("--", "-- "):
                break
            head = line.strip(" \t>")
        if head is None or ":" in head:
            return None
        words = regex.findall(r"[\p{L}\p{M}]+", head)
        if any(fold(w) in self.body_words for w in words) or self._re["acronym"].search(head):
            return head
        return None

    def _value_on_next_line(self, text: str, end: int) -> tuple[int, int]:
        """Take the value from the next line, for a label alone on its line ("Name:")."""
        if end >= len(text):
            return end, end
        start = end + 1
        stop = end_of_line(text, start)
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
        if fold(value.strip()) in self.placeholders:
            return []
        if entity == Entity.PERSON:
            span = self._person(value)
            return [(start + span[0], start + span[1])] if span else []
        if entity == Entity.STREET_ADDRESS:
            span = self._street(value)
            return [(start + span[0], start + span[1])] if span else []
        if entity == Entity.PHONE_NUMBER:
            return [(start + s, start + e) for s, e in self._phones(value)]
        if entity == Entity.EMAIL_ADDRESS:
            return [
                (start + m.start(), start + m.end())
                for m in self._re["email value"].finditer(value)
                if self._mailboxes.organisational(m.group()) is None
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
        if plain and not any(fold(w.strip(".")) in self._names.scanner.stop_words for w in value[pos:].split()):
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
        if not words or any(fold(w) in self._names.scanner.stop_words and fold(w) not in particles for w in words):
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
