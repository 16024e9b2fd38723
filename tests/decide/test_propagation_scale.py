"""Propagation in one pass per page: the same recurrences as searching each name on every page.

The reference below is the earlier search (one longest-first alternation of the forms, and
every page searched once per word for the evidence that it is not a name). The linear search
(a character trie, an Aho-Corasick automaton) must find exactly the same recurrences.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

import pytest

from redactor.config import LoadedConfig
from redactor.config.lexicon import fold
from redactor.decide import propagation
from redactor.decide.propagation import NameWords, recurrences
from redactor.types import Entity, Finding, PageText


def _reference_alternation(keys: Iterable[str]) -> str:
    def form(key: str) -> str:
        return r"\s+".join("".join("['’]" if c in "'’" else re.escape(c) for c in w) for w in key.split())

    return "|".join(form(k) for k in sorted(keys, key=len, reverse=True))


def _reference_not_a_name(word: str, pages: Sequence[PageText], words: NameWords) -> bool:
    word = word.strip()
    if re.search(r"[a-z][A-Z].*[a-z][A-Z]", word) or (word.isupper() and len(word) <= 5):
        return True
    escaped = re.escape(word)
    lower = re.compile(r"(?<![\w@./-])" + escaped.lower() + r"(?![\w@-])")
    in_org = re.compile(r"(?<!\w)" + escaped + r"((?:[^\S\n]+(?:of|and|&|for|the|[A-Z][\w'’&-]*)){1,6})")
    for page in pages:
        if word[:1].isupper() and lower.search(page.text):
            return True
        for m in in_org.finditer(page.text):
            if any(fold(w) in words.organisation_words for w in m.group(1).split()):
                return True
    return False


def _reference_not_names(candidates: Iterable[str], pages: Sequence[PageText], words: NameWords) -> set[str]:
    return {c.strip() for c in candidates if _reference_not_a_name(c, pages, words)}


SURNAMES = ["Pritchard", "Jones", "O'Brien", "Hope", "Lam", "Ní Mhurchú", "Smith", "Brickbat", "Tyne", "Vivado"]
GIVEN = ["Eleanor", "Gareth", "Meiling", "Siân", "Jay", "Mary-Jane", "Mark"]
FILLER = [
    "the", "letter", "about", "hope", "and", "council", "Industries", "PLC", "of", "said", "Ms", "Dr", "to",
    "brickbat", "tyne", "Ltd", "visited", "Council", "The", "mark", "jones@example.org", "o'brien", "\n", ",",
]  # fmt: skip


def _document(rng: random.Random, pages: int) -> tuple[list[PageText], list[Finding]]:
    """Pages of filler and names (in every case and spacing), and findings on some of the names."""
    out: list[PageText] = []
    findings: list[Finding] = []
    recognizers = ["SpacyRecognizer", "TitledNameRecognizer", "GivenNameRecognizer"]
    for number in range(pages):
        text = ""
        for _ in range(rng.randint(20, 120)):
            roll = rng.random()
            if roll < 0.25:
                name = rng.choice([*SURNAMES, f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}", rng.choice(GIVEN)])
                variants = [name.upper(), name.lower(), name.replace(" ", "\n"), name.replace("'", "’")]
                name = rng.choice([name, name, *variants])
                start = len(text)
                text += name + rng.choice([" ", "  ", ", ", ". ", "\n"])
                if rng.random() < 0.3:
                    score, recognizer = rng.choice([0.6, 0.85, 0.9]), rng.choice(recognizers)
                    findings.append(
                        Finding(number, start, start + len(name), Entity.PERSON, name, score, recognizer, "t")
                    )
            else:
                text += rng.choice(FILLER) + rng.choice([" ", " ", "\n", "-"])
        out.append(PageText(number, text, (None,) * len(text), (-1,) * len(text), 600.0, 800.0))
    return out, findings


def _key(found: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.page, f.start, f.end, f.text, f.recognizer, f.explanation, f.score) for f in found]


@pytest.mark.parametrize("trie_from", [0, propagation.TRIE_FROM])
@pytest.mark.parametrize("seed", range(8))
def test_linear_search_finds_the_same_recurrences(
    loaded_config: LoadedConfig, seed: int, trie_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(propagation, "TRIE_FROM", trie_from)
    rng = random.Random(seed)
    pages, findings = _document(rng, rng.choice([3, 20, 60]))
    words = NameWords.from_lexicon(loaded_config.lexicon)
    stop = loaded_config.name_stopwords
    fast = recurrences(pages, findings, stop, words, covered=findings)
    monkeypatch.setattr(propagation, "_forms_regex", _reference_alternation)
    monkeypatch.setattr(propagation, "_not_names", _reference_not_names)
    slow = recurrences(pages, findings, stop, words, covered=findings)
    assert fast, "the generated document should give recurrences"
    assert _key(fast) == _key(slow)


def test_not_names_agrees_with_the_per_word_search(loaded_config: LoadedConfig) -> None:
    words = NameWords.from_lexicon(loaded_config.lexicon)
    text = (
        "Brickbat Industries PLC wrote. hope springs. Smith Smith A B C D E Ltd. Tyne and Wear Council.\n"
        "O'Brien met o'brien; st.john and St. Vivado-x Jones@x vivado"
    )
    pages = [PageText(0, text, (None,) * len(text), (-1,) * len(text), 600.0, 800.0)]
    candidates = ["Brickbat", "Hope", "Smith", "Tyne", "O'Brien", "St", "Vivado", "Jones", "WhatDoTheyKnow", "ABC"]
    expected = _reference_not_names(candidates, pages, words)
    assert propagation._not_names(candidates, pages, words) == expected
    assert {"Brickbat", "Hope", "WhatDoTheyKnow", "ABC"} <= expected
