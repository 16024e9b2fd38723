"""A small, deterministic NLP engine for unit tests: no model is loaded.

`FakeNlpEngine` speaks Presidio's `NlpEngine` interface, so `Detector(loaded, nlp_engine=...)`
and Presidio's `AnalyzerEngine` accept it in place of the configured spaCy pipeline. It tags
exactly the phrases a test gives it (whole words, case-sensitive) with the given entity, and
nothing else: what the statistical model would have tagged is the test's to state, so a test
of the recognizers, the logical text or the policy does not depend on the model's quirks.
Tokens come from spaCy's blank English tokenizer (rules only), so the artifacts have the
`Doc` and `Span` objects the recognizers and Presidio's context enhancer read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import spacy
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.tokens import Doc, Span


class FakeNlpEngine(NlpEngine):  # type: ignore[misc]
    """Tags `entities` (phrase -> Presidio entity, e.g. {"Morwenna Quillby": "PERSON"}) where they occur."""

    def __init__(self, entities: Mapping[str, str] | None = None, language: str = "en", score: float = 0.85) -> None:
        self.entities = dict(entities or {})
        self.language = language
        self.score = score
        self.nlp: spacy.language.Language | None = None
        self.texts: list[str] = []  # every text processed, in order: tests can see what was read

    def load(self) -> None:
        self.nlp = spacy.blank(self.language)

    def is_loaded(self) -> bool:
        return self.nlp is not None

    def get_supported_entities(self) -> list[str]:
        return sorted(set(self.entities.values()))

    def get_supported_languages(self) -> list[str]:
        return [self.language]

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self._model(language).vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self._model(language).vocab[word].is_punct)

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        self.texts.append(text)
        doc = self._model(language).make_doc(text)
        doc.ents = spacy.util.filter_spans(list(self._spans(doc)))
        return NlpArtifacts(
            entities=list(doc.ents),
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=[self.score] * len(doc.ents),
        )

    def process_batch(
        self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1, **kwargs: object
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def _model(self, language: str) -> spacy.language.Language:
        if language != self.language:
            raise ValueError(f"FakeNlpEngine speaks {self.language!r}, not {language!r}")
        if self.nlp is None:
            self.load()
        assert self.nlp is not None
        return self.nlp

    def _spans(self, doc: Doc) -> Iterator[Span]:
        for phrase, entity in self.entities.items():
            for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", doc.text):
                span = doc.char_span(m.start(), m.end(), label=entity, alignment_mode="expand")
                if span is not None:
                    yield span
