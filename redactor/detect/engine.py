"""Detect: Presidio's AnalyzerEngine over a spaCy pipeline, configured from models/.

One `Detector` is built per process (the spaCy model is loaded once) and then used for
every document that process handles; it keeps no state between documents.
"""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import logging
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer import predefined_recognizers as presidio_recognizers
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, NlpEngine, SpacyNlpEngine
from presidio_analyzer.recognizer_result import RecognizerResult
from pydantic import ValidationError
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc

from redactor.config import LoadedConfig, LogicalTextConfig, NlpConfig, RecognizerSpec
from redactor.detect import logical
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


class _Artifacts(NlpArtifacts):
    """Presidio's NLP artifacts with their `keywords` made when first read.

    Presidio builds the keywords for every text (a vocabulary lookup per token, which also adds
    every new word to the model's vocabulary for good); no recognizer here reads them.
    """

    def __init__(
        self,
        entities: list[Any],
        tokens: Doc,
        tokens_indices: list[int],
        lemmas: list[str],
        nlp_engine: SpacyNlpEngine,
        language: str,
        scores: list[float] | None = None,
        token_ends: list[int] | None = None,
    ) -> None:
        self.entities = entities
        self.token_ends = token_ends or []
        self.tokens = tokens
        self.lemmas = lemmas
        self.tokens_indices = tokens_indices
        self.nlp_engine = nlp_engine
        self.scores = scores if scores else [0.85] * len(entities)
        self._language = language

    @functools.cached_property
    def keywords(self) -> list[str]:
        keywords: list[str] = NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self._language)
        return keywords


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
        # Read as arrays: a Token object per token cost more than the rest of this method.
        rows = doc.to_array([IDX, LENGTH, LEMMA if doc.has_annotation("LEMMA") else LOWER]).tolist()
        strings = doc.vocab.strings
        indices = [int(row[0]) for row in rows]
        lemmas = [strings[row[2]] for row in rows]
        entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
        return _Artifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=indices,
            lemmas=lemmas,
            nlp_engine=self,
            language=language,
            scores=scores,
            token_ends=[int(row[0] + row[1]) for row in rows],
        )

    def tokens_only(self, text: str) -> NlpArtifacts:
        """The artifacts of a text read by the tokenizer alone: tokens and lemmas, no entities."""
        return self._doc_to_nlp_artifact(self.language_model.make_doc(text), self._language)

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


class _Results(list[RecognizerResult]):
    """Results whose deep copy copies only what context enhancement changes.

    Presidio's enhancer deep-copies every result before raising scores; a generic deep copy of
    the explanation and metadata objects was about a tenth of detection's own Python time.
    The copy is as independent for the enhancer (score, explanation, metadata are copied).
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> list[RecognizerResult]:
        return [_copy_result(r) for r in self]


def _copy_result(result: RecognizerResult) -> RecognizerResult:
    out = copy.copy(result)
    if result.analysis_explanation is not None:
        out.analysis_explanation = copy.copy(result.analysis_explanation)
    if result.recognition_metadata is not None:
        out.recognition_metadata = dict(result.recognition_metadata)
    return out


class CheapCopyEnhancer(LemmaContextAwareEnhancer):
    """Presidio's default context enhancer, without its generic deep copy of the results."""

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        enhanced: list[RecognizerResult] = super().enhance_using_context(
            text, _Results(raw_results), nlp_artifacts, recognizers, context
        )
        return enhanced

    def _extract_surrounding_words(self, nlp_artifacts: NlpArtifacts, word: str, start: int) -> list[str]:
        """Presidio's context words, finding the match's token by bisection, not a walk over the Doc."""
        ends = getattr(nlp_artifacts, "token_ends", None)
        if not ends or start >= ends[-1]:
            words: list[str] = super()._extract_surrounding_words(nlp_artifacts, word, start)
            return words
        # Presidio takes the first token that starts at the match or ends after its start.
        index = bisect.bisect_right(ends, start)
        keywords = nlp_artifacts.keywords
        lemmas = nlp_artifacts.lemmas
        backward = self._add_n_words_backward(index, self.context_prefix_count, lemmas, keywords)
        forward = self._add_n_words_forward(index, self.context_suffix_count, lemmas, keywords)
        return list(set(backward + forward))


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
        parts.append("passed the recognizer's validation" if exp.validation_result else "failed validation")
    if exp.supportive_context_word:
        parts.append(
            f"context word {exp.supportive_context_word!r} raised the score "
            f"from {exp.original_score:.2f} to {exp.score:.2f}"
        )
    return exp.recognizer, "; ".join(parts) or f"matched by {exp.recognizer}"


class Detector:
    """Finds personal data in a Document. Build once per process; reuse for every document.

    `nlp_engine` replaces the configured spaCy pipeline with another loaded Presidio
    `NlpEngine` (the tests pass a small rule-based one, so that they need not load a model);
    left out, the configured package is loaded.
    """

    def __init__(self, loaded: LoadedConfig, nlp_engine: NlpEngine | None = None) -> None:
        use_offline_suffix_list()
        self.loaded = loaded
        det = loaded.config.detection
        self.language = det.language
        self.entities = list(det.entities)
        if nlp_engine is None:
            nlp_engine = InstalledSpacyNlpEngine(loaded.config.nlp, det.language)
            nlp_engine.load()
        self.nlp_engine: NlpEngine = nlp_engine
        self.analyzer = AnalyzerEngine(
            registry=build_registry(loaded),
            nlp_engine=nlp_engine,
            supported_languages=[det.language],
            default_score_threshold=det.min_score,
            context_aware_enhancer=CheapCopyEnhancer(),
        )
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    def detect(self, document: Document) -> list[Finding]:
        """Findings on each page's visual lines, plus those only the logical text shows.

        The model reads each page once: where running text wraps, the page reflowed (it reads
        prose better without the breaks, and a name wrapped over a line is one name); its
        names that do not run over a break are the page's, read with the visual lines' tokens.
        The logical readings (a reflowed page, and the join of one page's last line of
        running text with the next page's first line) add only the findings that run over a
        joined break; everything else is already found on the page as printed.
        """
        pages = document.pages
        rules = self.loaded.config.detection.logical_text
        breaks = [logical.joinable_breaks(page.text, rules) for page in pages]
        reflowed = {i: logical.reflow(pages[i].text, b) for i, b in enumerate(breaks) if b}
        joins = _page_joins(pages, rules)
        read = self._read([reflowed.get(i, page.text) for i, page in enumerate(pages)] + [j.text for j in joins])
        on_page = [self._visual(page, breaks[i], read[i]) if i in reflowed else read[i] for i, page in enumerate(pages)]
        findings: list[Finding] = []
        for page, artifacts in zip(pages, on_page, strict=True):
            findings.extend(self._to_findings(page, self._analyze(page.text, artifacts)))
        for i, text in reflowed.items():
            findings.extend(self._crossing(findings, pages[i], breaks[i], self._analyze(text, read[i])))
        for join, artifacts in zip(joins, read[len(pages) :], strict=True):
            findings.extend(_new_only(findings, self._split_join(join, self._analyze(join.text, artifacts))))
        findings.sort(key=lambda f: (f.page, f.start, -f.end))
        return findings

    def _crossing(
        self, found: list[Finding], page: PageText, breaks: list[int], results: Iterable[RecognizerResult]
    ) -> list[Finding]:
        """The findings of a reflowed reading that run over a joined break and are not yet found."""
        crossing = [r for r in results if logical.crosses(r.start, r.end, breaks, page.text, r.entity_type)]
        return _new_only(found, self._to_findings(page, crossing, "read across a line break"))

    def _read(self, texts: list[str]) -> list[NlpArtifacts]:
        """Each text's NLP artifacts, through the whole pipeline."""
        size = self.loaded.config.nlp.batch_size
        return [artifacts for _, artifacts in self.nlp_engine.process_batch(texts, self.language, batch_size=size)]

    def _visual(self, page: PageText, breaks: list[int], reflowed: NlpArtifacts) -> NlpArtifacts:
        """A page's own tokens, with the model's entities of its reflowed text that no break cuts.

        Reflowing keeps every offset, so an entity of the reflowed text is the same span of the
        page; one over a joined break is left to the reflowed reading (see `_crossing`).
        """
        if isinstance(self.nlp_engine, InstalledSpacyNlpEngine):
            artifacts = self.nlp_engine.tokens_only(page.text)
        else:  # another engine (a test's) has no tokenizer of its own
            artifacts = self.nlp_engine.process_text(page.text, self.language)
        kept = [
            (entity, score)
            for entity, score in zip(reflowed.entities, reflowed.scores, strict=True)
            if not any(entity.start_char < b < entity.end_char for b in breaks)
        ]
        artifacts.entities = [entity for entity, _ in kept]
        artifacts.scores = [score for _, score in kept]
        return artifacts

    def _analyze(self, text: str, artifacts: NlpArtifacts) -> list[RecognizerResult]:
        results: list[RecognizerResult] = self.analyzer.analyze(
            text=text,
            language=self.language,
            entities=self.entities,
            nlp_artifacts=artifacts,
            return_decision_process=True,
        )
        return results

    def _split_join(self, join: _PageJoin, results: Iterable[RecognizerResult]) -> list[Finding]:
        """Findings over a page break, one piece on each page (each keeps the whole's score)."""
        out: list[Finding] = []
        cut = join.cut
        for r in results:
            if not (r.start < cut < r.end) or not logical.crosses(r.start, r.end, [cut - 1], join.text, r.entity_type):
                continue
            pieces = (
                (join.before, join.before_start + r.start, join.before_start + cut - 1),
                (join.after, join.after_start, join.after_start + r.end - cut),
            )
            for page, start, end in pieces:
                piece = RecognizerResult(r.entity_type, start, end, r.score, r.analysis_explanation)
                piece.recognition_metadata = r.recognition_metadata
                out.extend(self._to_findings(page, [piece], "read across a page break"))
        return out

    def _to_findings(self, page: PageText, results: Iterable[RecognizerResult], note: str = "") -> list[Finding]:
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
                    explanation=f"{explanation}; {note}" if note else explanation,
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


@dataclass(frozen=True)
class _PageJoin:
    """One page's last line of running text and the next page's first line, read as one."""

    before: PageText
    before_start: int
    after: PageText
    after_start: int
    text: str
    cut: int  # offset in `text` where the next page's line starts


def _page_joins(pages: tuple[PageText, ...] | list[PageText], rules: LogicalTextConfig) -> list[_PageJoin]:
    joins: list[_PageJoin] = []
    for before, after in itertools.pairwise(pages):
        last, first = logical.last_running_line(before.text, rules), logical.first_line(after.text)
        if last is None or first is None:
            continue
        head = last.text(before.text)
        joins.append(
            _PageJoin(before, last.start, after, first.start, f"{head} {first.text(after.text)}", len(head) + 1)
        )
    return joins


def _new_only(found: list[Finding], extra: list[Finding]) -> list[Finding]:
    """The extra findings that no finding of the same type already covers."""
    return [
        f
        for f in extra
        if not any(
            g.page == f.page and g.entity_type == f.entity_type and g.start <= f.start and f.end <= g.end for g in found
        )
    ]
