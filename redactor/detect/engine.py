"""Detect: Presidio's AnalyzerEngine over a spaCy pipeline, configured from models/.

One `Detector` is built per process (the spaCy model is loaded once) and then used for
every document that process handles; it keeps no state between documents.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer import predefined_recognizers as presidio_recognizers
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.recognizer_result import RecognizerResult
from pydantic import ValidationError
from spacy.tokens import Doc

from redactor.config import LoadedConfig, NlpConfig, RecognizerSpec
from redactor.detect.offline import use_offline_suffix_list
from redactor.detect.patterns import TimedPatternRecognizer
from redactor.detect.recognizers import REGISTRY, Peers, RecognizerOptions
from redactor.errors import ConfigError, ModelNotInstalledError
from redactor.types import Document, Entity, Finding, PageText


def ensure_model_installed(nlp_config: NlpConfig) -> None:
    package = nlp_config.package
    if not spacy.util.is_package(package):
        raise ModelNotInstalledError(
            f"the spaCy model package {package!r} is not installed; install it with "
            f"`pip install {package.replace('_', '-')}` or choose another in the configuration (nlp.package)"
        )


def load_spacy(nlp_config: NlpConfig) -> spacy.language.Language:
    """Load the configured package with only the configured components."""
    ensure_model_installed(nlp_config)
    package = nlp_config.package
    pipeline = spacy.util.get_model_meta(spacy.util.get_package_path(package)).get("pipeline", [])
    missing = [c for c in nlp_config.components if c not in pipeline]
    if missing:
        raise ConfigError(
            f"nlp.components: {package} has no component {', '.join(missing)} (it has {', '.join(pipeline)})"
        )
    with warnings.catch_warnings():
        # W095: a model trained with an earlier spaCy 3.x; the choice is the configuration's.
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(package, exclude=[c for c in pipeline if c not in nlp_config.components])
    for name, component in nlp.pipeline:
        tok2vec = getattr(component, "model", None)
        ref = tok2vec.get_ref("tok2vec") if tok2vec is not None and tok2vec.has_ref("tok2vec") else None
        if ref is not None and "listener" in ref.name and "tok2vec" not in nlp.pipe_names:
            raise ConfigError(f"nlp.components: {name} in {package} needs the tok2vec component; add it")
    return nlp


class InstalledSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading an installed package only (it never downloads)."""

    def __init__(self, nlp_config: NlpConfig, language: str) -> None:
        super().__init__(
            models=[{"lang_code": language, "model_name": nlp_config.package}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(nlp_config.labels_to_presidio),
                labels_to_ignore=[],
            ),
        )
        self._config = nlp_config
        self._language = language

    def load(self) -> None:
        self.nlp = {self._language: load_spacy(self._config)}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # Without a lemmatizer, context words are matched against the lower-cased tokens.
        has_lemmas = doc.has_annotation("LEMMA")
        lemmas, indices = [], []
        for token in doc:
            lemmas.append(token.lemma_ if has_lemmas else token.lower_)
            indices.append(token.idx)
        entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=indices,
            lemmas=lemmas,
            nlp_engine=self,
            language=language,
            scores=scores,
        )

    @property
    def language_model(self) -> spacy.language.Language:
        assert self.nlp is not None
        return self.nlp[self._language]


def _presidio_recognizer(spec: RecognizerSpec, loaded: LoadedConfig, language: str) -> EntityRecognizer:
    """A predefined Presidio recognizer (by class name) or a pattern list from the YAML."""
    kwargs: dict[str, Any] = {"supported_language": language, **spec.options}
    if spec.context is not None:
        kwargs["context"] = list(spec.context)
    if spec.source == "pattern":
        patterns = [Pattern(name, regex, score) for name, regex, score in spec.patterns]
        return TimedPatternRecognizer(supported_entity=spec.entity or "", patterns=patterns, name=spec.name, **kwargs)
    cls = getattr(presidio_recognizers, spec.name, None)
    if not (isinstance(cls, type) and issubclass(cls, EntityRecognizer)):
        raise ConfigError(f"recognizer {spec.name!r} (source: presidio) does not exist")
    if spec.name == "SpacyRecognizer":
        kwargs.setdefault("supported_entities", sorted(set(loaded.config.nlp.labels_to_presidio.values())))
    try:
        recognizer: EntityRecognizer = cls(**kwargs)
    except TypeError as exc:
        raise ConfigError(f"recognizer {spec.name!r}: bad options {spec.options}: {exc}") from exc
    return recognizer


def our_peers(loaded: LoadedConfig) -> Peers:
    """Our recognizers' build context: the lexicon and every configured recognizer's options.

    Options are validated here, for the disabled recognizers too (another may rely on one),
    so a misspelt or unknown option is a configuration error before any document is read.
    """
    options: dict[str, dict[str, Any]] = {}
    contexts: dict[str, tuple[str, ...]] = {}
    for spec in loaded.recognizers:
        if spec.source != "redactor":
            continue
        cls = REGISTRY.get(spec.name)
        if cls is None:
            raise ConfigError(
                f"recognizer {spec.name!r} (source: redactor) does not exist; ours are: {', '.join(sorted(REGISTRY))}"
            )
        model = getattr(cls, "Options", RecognizerOptions)
        try:
            model.model_validate(spec.options)
        except ValidationError as exc:
            raise ConfigError(f"recognizer {spec.name!r}: bad options:\n{exc}") from exc
        options[spec.name] = dict(spec.options)
        if spec.context is not None:
            contexts[spec.name] = spec.context
    return Peers(loaded.lexicon, loaded.config.detection.language, options, contexts)


class OrderedRegistry(RecognizerRegistry):
    """Presidio's registry, answering in the configured order (Presidio's own uses a set).

    When two recognizers report the same span with the same score, the first one's
    explanation is the one logged: with a fixed order the log is the same on every run.
    """

    def get_recognizers(self, *args: Any, **kwargs: Any) -> list[EntityRecognizer]:
        found = super().get_recognizers(*args, **kwargs)
        order = {id(r): i for i, r in enumerate(self.recognizers)}
        return sorted(found, key=lambda r: order.get(id(r), len(order)))


def build_registry(loaded: LoadedConfig) -> RecognizerRegistry:
    language = loaded.config.detection.language
    registry = OrderedRegistry(supported_languages=[language])
    peers = our_peers(loaded)
    for spec in loaded.recognizers:
        if not spec.enabled:
            continue
        if spec.source == "redactor":
            registry.add_recognizer(peers.get(REGISTRY[spec.name]))
        else:
            registry.add_recognizer(_presidio_recognizer(spec, loaded, language))
    if loaded.deny_list:
        registry.add_recognizer(
            PatternRecognizer(
                supported_entity=Entity.DENY_LIST,
                deny_list=list(loaded.deny_list),
                name="DenyListRecognizer",
                supported_language=language,
            )
        )
    return registry


def explain(result: RecognizerResult) -> tuple[str, str]:
    """The recognizer's name and a one-line account of why it matched."""
    exp = result.analysis_explanation
    if exp is None:
        name = str((result.recognition_metadata or {}).get("recognizer_name", "unknown"))
        return name, f"matched by {name}"
    parts: list[str] = []
    if exp.textual_explanation:
        parts.append(exp.textual_explanation.rstrip("."))
    if exp.pattern_name:
        parts.append(f"pattern {exp.pattern_name!r}")
    if exp.validation_result is not None:
        parts.append("checksum valid" if exp.validation_result else "checksum invalid")
    if exp.supportive_context_word:
        parts.append(
            f"context word {exp.supportive_context_word!r} raised the score "
            f"from {exp.original_score:.2f} to {exp.score:.2f}"
        )
    return exp.recognizer, "; ".join(parts) or f"matched by {exp.recognizer}"


class Detector:
    """Finds personal data in a Document. Build once per process; reuse for every document."""

    def __init__(self, loaded: LoadedConfig) -> None:
        use_offline_suffix_list()
        self.loaded = loaded
        det = loaded.config.detection
        self.language = det.language
        self.entities = list(det.entities)
        self.nlp_engine = InstalledSpacyNlpEngine(loaded.config.nlp, det.language)
        self.nlp_engine.load()
        registry = build_registry(loaded)
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=[det.language],
            default_score_threshold=det.min_score,
        )
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    def detect(self, document: Document) -> list[Finding]:
        texts = [page.text for page in document.pages]
        findings: list[Finding] = []
        batches = self.nlp_engine.process_batch(texts, self.language, batch_size=self.loaded.config.nlp.batch_size)
        for page, (_, artifacts) in zip(document.pages, batches, strict=True):
            results = self.analyzer.analyze(
                text=page.text,
                language=self.language,
                entities=self.entities,
                nlp_artifacts=artifacts,
                return_decision_process=True,
            )
            findings.extend(self._to_findings(page, results))
        findings.sort(key=lambda f: (f.page, f.start, -f.end))
        return findings

    def _to_findings(self, page: PageText, results: Iterable[RecognizerResult]) -> list[Finding]:
        out: list[Finding] = []
        for r in results:
            start, end = _trim(page.text, r.start, r.end)
            if start >= end:
                continue
            recognizer, explanation = explain(r)
            out.append(
                Finding(
                    page=page.number,
                    start=start,
                    end=end,
                    entity_type=r.entity_type,
                    text=page.text[start:end],
                    score=round(float(r.score), 4),
                    recognizer=recognizer,
                    explanation=explanation,
                )
            )
        return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and punctuation a recognizer swept into its span."""
    while start < end and (text[start].isspace() or text[start] in "\"'“‘(,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"'”’),;:"):
        end -= 1
    # A final full stop is sentence punctuation, unless it closes an initial ("Gareth J.").
    if (
        end - start > 1
        and text[end - 1] == "."
        and not (text[end - 2].isupper() and (end - 3 < start or not text[end - 3].isalpha()))
    ):
        end -= 1
    return start, end
