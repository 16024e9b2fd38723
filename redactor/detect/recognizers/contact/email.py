"""E-mail addresses, less the role mailboxes of public bodies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer
from pydantic import Field

from redactor.detect.recognizers.base import ListOption, Peers, RecognizerOptions, list_gazetteer
from redactor.types import Entity

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts


class RoleMailboxEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
    """Presidio's e-mail recognizer, scoring role mailboxes (foi@, info@, ...) below threshold.

    A public body's published mailbox is not personal data and must stay readable. The local
    part is split at ".", "-", "_" and "+"; it is a role mailbox when a piece is a role word
    (models/role_mailboxes.txt) and the others are role words too or, at most one, a short
    abbreviation of the body ("bcu.foi@", "foi.cav@"). "gareth.jones@" is a person's.
    """

    _SPLIT = regex.compile(r"[._+\-]")

    class Options(RecognizerOptions):
        role_words: ListOption = "role_mailboxes.txt"
        places: ListOption = None  # "cardiff.foi@": a place and a role
        role_score: float = Field(default=0.35, ge=0.0, le=1.0)
        abbreviation_length: int = Field(default=3, ge=0)

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
        lex = (peers if peers is not None else Peers(language=supported_language)).lexicon
        entities = o.supported_entities or (Entity.EMAIL_ADDRESS,)
        super().__init__(
            context=context,
            supported_language=supported_language,
            supported_entity=entities[0],
            name=name or type(self).__name__,
        )
        self.role_words = list_gazetteer(o.role_words, ())
        self.places = list_gazetteer(o.places, lex.places)
        self.role_score = o.role_score
        self.abbreviation_length = o.abbreviation_length

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
