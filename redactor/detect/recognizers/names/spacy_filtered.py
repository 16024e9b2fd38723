"""spaCy's PERSON findings, less the places, organisations and streets it takes for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from pydantic import Field

from redactor.config.lexicon import fold, fold_all
from redactor.detect.recognizers.base import ListOption, Peers, RecognizerOptions, alternation, list_gazetteer, pick
from redactor.detect.recognizers.contact.email import PersonalEmailRecognizer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


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

    FILTERED = (Entity.PERSON,)
    # Words stripped from the start of a piece: greetings, header words, role nouns ("Tenant
    # Rhian Thomas") and Welsh function words that begin sentences ("Mae'r").
    LEADING_WORDS: tuple[str, ...] = (
        "dear", "annwyl", "hi", "hello", "helo", "to", "from", "cc", "by", "and", "&", "mae",
        "mae'r", "roedd", "dywedodd", "meddai", "gan", "ond", "hefyd",
    )  # fmt: skip

    class Options(RecognizerOptions):
        """Lists left unset (None) come from the configuration's lexicon."""

        ner_strength: float = Field(default=0.85, ge=0.0, le=1.0)
        default_explanation: str | None = None
        places: ListOption = None
        given_names: ListOption = None
        organisation_words: tuple[str, ...] | None = None
        honorifics: tuple[str, ...] | None = None
        english_street_types: tuple[str, ...] | None = None
        welsh_street_words: tuple[str, ...] | None = None
        filtered_entities: tuple[str, ...] | None = None

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
        peers = peers if peers is not None else Peers(language=supported_language)
        lex = peers.lexicon
        self._mailboxes = peers.get(PersonalEmailRecognizer)
        super().__init__(
            supported_language=supported_language,
            supported_entities=list(o.supported_entities or [Entity.PERSON]),
            ner_strength=o.ner_strength,
            default_explanation=o.default_explanation,
            context=context,
            name=name or type(self).__name__,
        )
        self.places = list_gazetteer(o.places, lex.places)
        self.given_names = list_gazetteer(o.given_names, lex.given_names)
        self.place_elements = fold_all(lex.place_elements)
        self.organisation_words = fold_all(
            pick(o.organisation_words, (*lex.organisation_words, *lex.public_body_words))
        )
        honorifics = pick(o.honorifics, lex.honorifics)
        self.leading = (
            fold_all(w for h in honorifics for w in h.split())
            | fold_all(self.LEADING_WORDS)
            | fold_all(lex.non_name_words)
            | fold_all(lex.kin_words)
        )
        self.english_street_types = fold_all(pick(o.english_street_types, lex.english_street_types))
        self.welsh_street_words = fold_all(pick(o.welsh_street_words, lex.welsh_street_words))
        self.street_only = fold_all(lex.street_only_types)
        self.calendar = fold_all(lex.months_and_days)
        self.filtered = frozenset(pick(o.filtered_entities, self.FILTERED))
        self._honorific_before = regex.compile(
            r"(?<![\p{L}\p{M}])(?:" + alternation(honorifics, upper=True) + r")\.?[ \t]*\Z"
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
    # "Quillsoft Studio 2019.1", "Fenwick 3.8", "Tool v2.0" (but not a date: "12.05.2019").
    _VERSION_AFTER = regex.compile(
        r"[ \t]+(?:v\d+(?:\.\d+)+|\d{4}\.\d{1,2}(?!\.?\d)|\d{1,3}\.\d{1,3}(?:\.\d{1,3})?(?!\.?\d))"
    )
    # "L'", "D'", "Dell'", "Nell'" before a lower-case word: French and Italian articles.
    _ELIDED_ARTICLE = regex.compile(r"(?:[LlDd]|[DdNnSs]ell|[Qq]u|[Jj])['’]\p{Ll}")
    _WORD_BEFORE = regex.compile(r"([\p{L}\p{M}'’.]+)[ \t]+\Z")
    _LABEL_AHEAD = regex.compile(r"[ \t]+[\p{L}\p{M}'’()/ \t\-]{1,40}:")
    _ADDRESS_GOES_ON = regex.compile(r",[ \t]*(?:\p{Lu}|\d)")
    _CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
    # Welsh place names are built on these elements; given names and surnames very rarely are.
    _WELSH_PLACE = regex.compile(
        r"(?:Llan|Aber|Pont|Caer|Cwm|Ystrad|Ynys|Porth|Blaen|Betws|Bettws|Capel)\p{Ll}[\p{L}\p{M}\-]{2,}"
    )
    _LOWER_RUN = regex.compile(r"(?:[ \t]+\p{Ll}[\p{L}\p{M}'’\-]*){1,4}(?=[ \t]*(?:[;,:(]|$))", regex.MULTILINE)
    _NEXT_WORD = regex.compile(r"[ \t]+(?P<word>\p{Lu}[\p{L}\p{M}'’\-]*)")
    # The capitalised words after a piece, with the small words names of bodies hold ("Tyne and
    # Wear Anti Fascist Association", "Array and Multi-Sensor Processing Department").
    _NAME_RUN = regex.compile(r"(?:[ \t]+(?:(?:and|of|for|the|&|du|de|des|la|le)[ \t]+)*\p{Lu}[\p{L}\p{M}'’\-]*){1,6}")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return spaCy's findings, keeping the PERSON pieces that survive the checks."""
        out: list[RecognizerResult] = []
        for r in super().analyze(text, entities, nlp_artifacts):
            if r.entity_type not in self.filtered:
                out.append(r)
                continue
            for i, (start, end) in enumerate(self._pieces(text, r.start, r.end)):
                if self._veto(text, start, end, continued=i > 0) is None:
                    out.append(
                        RecognizerResult(
                            entity_type=r.entity_type,
                            start=start,
                            end=end,
                            # spaCy's small models give no per-entity confidence (the engine
                            # reports one fixed score): the configured, calibrated one stands in.
                            score=self.ner_strength,
                            analysis_explanation=self.build_explanation(
                                self.ner_strength,
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

    def _job_line(self, text: str, end: int) -> bool:
        """Whether lower-case words after `end` to the line's end (or a stop) hold a job or body word.

        "Michael Example⏎Linux man-pages maintainer": spaCy runs the name on to the next line.
        """
        rest = self._LOWER_RUN.match(text, end)
        return bool(rest) and any(
            fold(w) in self.organisation_words for w in regex.findall(r"[\p{L}\p{M}'’]+", rest.group())
        )

    def _pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        pieces = []
        pos = start
        for line in regex.split(r"[\n:]", text[start:end]):
            s, e = pos, pos + len(line)
            pos = e + 1
            words = list(self._WORD.finditer(text, s, e))
            while words and fold(words[0].group().rstrip(".,:")) in self.leading:
                words.pop(0)
            if words:
                pieces.append((words[0].start(), words[-1].end()))
        return pieces

    def _veto(self, text: str, start: int, end: int, *, continued: bool = False) -> str | None:
        """Why the piece is not a person's name, or None.

        `continued`: the piece is a later line of spaCy's finding (it ran on from a name above).
        """
        piece = text[start:end]
        words = [w.group().rstrip(".") for w in self._WORD.finditer(piece)]
        words = [w[:-2] if w[-2:] in ("'s", "’s") else w for w in words]
        if not words or not any(w[:1].isupper() for w in words):
            return "no capitalised word"
        if any(c.isdigit() for c in piece):
            return "holds digits"
        if all(fold(w) in self.calendar for w in words):
            return "a day or a month"
        if any(fold(w) in self.organisation_words for w in words):
            return "holds an organisation, office or building word"
        run = self._NAME_RUN.match(text, end)
        if run and any(fold(w) in self.organisation_words for w in regex.findall(r"[\p{L}\p{M}'’\-]+", run.group())):
            return "followed by an organisation, office or building word (part of an organisation's name)"
        if continued and len(words) == 1 and self._job_line(text, end):
            return "the first word of a job title or an organisation's line below a name"
        if why := self._mailboxes.names_organisational_address(text, start, end):
            return why
        if self._COMPOUND.match(text, end):
            return "part of a hyphenated place name"
        if "/" in piece:
            return "holds a slash"
        if self._VERSION_AFTER.match(text, end):
            return "followed by a version number: a product"
        if len(words) == 1 and self._ELIDED_ARTICLE.match(words[0]):
            return "a noun after an elided article (L'expéditeur, Dell'anno)"
        if any(len(self._CAMEL.findall(w)) >= 2 for w in words):
            return "a word in CamelCase (a product or website name)"
        line_start = text.rfind("\n", 0, start) + 1
        if self._ADDRESS_BEFORE.search(text[line_start:start]):
            return "part of a street address"
        before = self._WORD_BEFORE.search(text, line_start, start)
        if before and fold(before.group(1)) in self.place_elements:
            return f'follows "{before.group(1)}", so part of a street or place name'
        if not text[line_start:start].strip() and self._LABEL_AFTER.match(text, end):
            return "a label at the start of a line"
        if not text[line_start:start].strip() and self._LABEL_AHEAD.match(text, end):
            return 'the start of a form label ("Daytime telephone:")'
        line_start = text.rfind("\n", 0, start) + 1
        titled = bool(self._honorific_before.search(text, line_start, start))
        if (
            not titled
            and len(words) == 1
            and words[0] not in self.given_names
            and regex.search(r"(?<![\w@./-])" + regex.escape(words[0].lower()) + r"(?![\w@-])", text)
        ):
            return "one word the page also writes in lower case: a common word or a product, not a name"
        if not titled and (piece in self.places or all(w in self.places for w in words)):
            return "a known place"
        if not titled and fold(words[0]) in ("st", "saint", "sant", "santes"):
            return "a saint's name: a church, school or place"
        if not titled and len(words) == 1 and self._WELSH_PLACE.match(words[0]):
            return "a Welsh place name (Llan-, Aber-, Pont-, Cwm-...)"
        if fold(words[0]) in self.welsh_street_words:
            return "a Welsh street name"
        # "Station Road" is a street; "Damon Hill" may be a person, unless an address goes on
        # after it ("Water Lane, Wilmslow").
        if (
            not titled
            and fold(words[-1]) in self.english_street_types
            and (fold(words[-1]) in self.street_only or self._ADDRESS_GOES_ON.match(text, end))
        ):
            return "a street name"
        letters = [c for c in piece if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters) and not any(w in self.given_names for w in words):
            return "in capitals with no known given name"
        return None
