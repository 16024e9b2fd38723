r"""What every one of our recognizers shares: typed options, the build context, results.

A recognizer is built as `cls(options, peers=peers)`: `options` is the class's `Options`
model (pydantic, unknown keys rejected) read from `models/recognizers.yaml`, and `peers`
carries the configuration's lexicon and builds, once, the other recognizers a recognizer
relies on (the form-field recognizer reads streets with the street recognizer configured
in the same file). Regexes use the `regex` module for Unicode classes such as `\p{Lu}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, LocalRecognizer, RecognizerResult
from pydantic import BaseModel, ConfigDict

from redactor.config import default_lexicon, models_dir, read_word_list
from redactor.config.lexicon import Gazetteer, Lexicon, gazetteer

# A capitalised (or all-capitals) word of any script: Siân, Gwenllïan, Łukasz, O'Neill,
# Bowen-Jones, McArthur, JONES. Combining marks are allowed so that NFD text still matches.
NAME_WORD = r"\p{Lu}\p{M}*[\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*"
# UK postcode, upper case only (the usual way postcodes are written).
UK_POSTCODE = r"(?<![\p{L}\p{M}\d])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ \t]*\d[A-Z]{2}(?![\p{L}\p{M}\d])"
# A line that names an organisation with its acronym: "Quillby Research Centre (QRC)".
ORGANISATION_WITH_ACRONYM = r"\p{Lu}[\p{L}\p{M}]+[^\n(]*\(\p{Lu}[\p{Lu}&]{1,7}\)[ \t]*$"

# A list option: a list file name (models/ or absolute), the entries themselves, or None
# for the configuration's own list.
ListOption = str | tuple[str, ...] | None


class RecognizerOptions(BaseModel):
    """Options every recognizer of ours accepts; each class extends this with its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    supported_entities: tuple[str, ...] | None = None  # None: the recognizer's own


@lru_cache(maxsize=32)
def load_word_list(name: str) -> tuple[str, ...]:
    """Entries of a list file: an absolute path, or a file name in the shipped models/ folder."""
    path = Path(name)
    return read_word_list(path if path.is_absolute() else models_dir() / path)


def list_gazetteer(value: ListOption, default: tuple[str, ...]) -> Gazetteer:
    """A gazetteer from a list option, or from the configuration's list when it is None."""
    if value is None:
        return gazetteer(default)
    return gazetteer(load_word_list(value) if isinstance(value, str) else value)


R = TypeVar("R", bound=EntityRecognizer)


class Peers:
    """The lexicon and the configured recognizers, each built once, by class."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        language: str = "en",
        options: Mapping[str, Mapping[str, Any]] | None = None,
        contexts: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self.language = language
        self._options = dict(options or {})
        self._contexts = dict(contexts or {})
        self._built: dict[str, EntityRecognizer] = {}

    def get(self, cls: type[R]) -> R:
        """The recognizer of class `cls` with its configured options (defaults if not configured)."""
        name = cls.__name__
        if name not in self._built:
            options = getattr(cls, "Options", RecognizerOptions).model_validate(self._options.get(name, {}))
            context = self._contexts.get(name)
            self._built[name] = cls(
                options,
                peers=self,
                supported_language=self.language,
                context=list(context) if context is not None else None,
            )
        found = self._built[name]
        assert isinstance(found, cls)
        return found


class RuleRecognizer(LocalRecognizer):
    """Base of the rule-based recognizers: construction from options, results, dedupe.

    Subclasses set ENTITY (or ENTITIES), CONTEXT and Options, and compile their rules in
    `setup()`, which runs before Presidio's constructor.
    """

    ENTITY: ClassVar[str] = ""
    CONTEXT: ClassVar[list[str]] = []
    Options: ClassVar[type[RecognizerOptions]] = RecognizerOptions
    name: str

    def __init__(
        self,
        options: RecognizerOptions | None = None,
        *,
        peers: Peers | None = None,
        supported_language: str = "en",
        context: list[str] | None = None,
        name: str | None = None,
    ) -> None:
        self.options = options if options is not None else self.Options()
        if not isinstance(self.options, self.Options):
            raise TypeError(f"{type(self).__name__} takes {self.Options.__name__}, not {type(self.options).__name__}")
        self.peers = peers if peers is not None else Peers(language=supported_language)
        self.lexicon = self.peers.lexicon
        self.context_words = list(context if context is not None else self.CONTEXT)
        self.setup()
        super().__init__(
            supported_entities=list(self.options.supported_entities or self.default_entities()),
            supported_language=supported_language,
            context=self.context_words,
            name=name or type(self).__name__,
        )

    def setup(self) -> None:
        """Compile the rules from `self.options` and `self.lexicon`."""

    def default_entities(self) -> Sequence[str]:
        return [self.ENTITY]

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


def end_of_line(text: str, pos: int) -> int:
    """The offset of the end of the line holding `pos`."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def phrase(words: str) -> str:
    """Regex for a word or phrase.

    Blanks match any run of blanks (after an optional dot: "Tel. no"), dots are optional,
    both apostrophe forms match, and a hyphen may be missing ("email" for "e-mail").
    """
    parts = []
    for word in words.split():
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


def alternation(words: Iterable[str], *, upper: bool = False) -> str:
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
        head = phrase(word[0]) if word else ""
        groups.setdefault(head, []).append(phrase(word)[len(head) :])
    branches = [
        head + ("(?:" + "|".join(tails) + ")" if len(tails) > 1 else tails[0]) for head, tails in groups.items()
    ]
    return "(?:" + "|".join(branches) + ")"


def fill(template: str, slots: Mapping[str, str]) -> str:
    """Replace `<<SLOT>>` placeholders (braces would clash with regex quantifiers)."""
    for key, value in slots.items():
        template = template.replace(f"<<{key}>>", value)
    return template


def pick(value: tuple[str, ...] | None, default: Iterable[str]) -> tuple[str, ...]:
    """An option's list, or the default when the option is not set."""
    return value if value is not None else tuple(default)
