"""Propagate: an item redacted once is redacted wherever it recurs in the same document.

Detection is not consistent: spaCy may tag "Eleanor Pritchard" in one sentence and miss her
in the next, and a date of birth is only recognisable next to its cue. Once the policy has
decided an item is personal data, every other occurrence of it in the document is too; for a
person's name that includes the surname or forename used alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import ahocorasick

from redactor.config.lexicon import Gazetteer, Lexicon, fold, fold_all
from redactor.types import Entity, Finding, PageText

RECOGNIZER = "Propagation"
# Another mention of a name only the statistical model found, with no evidence of a person:
# logged, and kept by the policy (see `recurrences`).
UNCONFIRMED = "Propagation (unconfirmed)"
# Recognizers whose names are guesses (statistical): their findings are completed only when a
# title stands before them in the text ("Ms Lam").
UNTRUSTED_FOR_COMPLETION = frozenset({"SpacyRecognizer", "FilteredSpacyRecognizer"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def title_pattern(honorifics: Iterable[str], tail: str = "") -> re.Pattern[str]:
    """A regex for any of the honorifics as written (case-sensitive), with an optional dot."""
    forms = (r"\s+".join(map(re.escape, h.split())) for h in sorted(honorifics, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + r")\b\.?" + tail)


@dataclass(frozen=True)
class NameWords:
    """What propagation needs from the lexicon, compiled once per configuration."""

    not_name_parts: frozenset[str]  # never the other half of a name
    places: Gazetteer  # a word beside a name that is a place is not its other half
    title_before: re.Pattern[str]  # an honorific ending right before a name
    given_names: Gazetteer  # a statistical finding holding one is evidence of a person
    organisation_words: frozenset[str]  # a word followed by one is part of an organisation's name

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> NameWords:
        return cls(
            not_name_parts=lexicon.not_name_parts,
            places=lexicon.place_gazetteer,
            title_before=title_pattern(lexicon.honorifics, r"[^\S\n]+\Z"),
            given_names=lexicon.given_name_gazetteer,
            organisation_words=fold_all((*lexicon.organisation_words, *lexicon.public_body_words)),
        )


def name_forms(name: str, stopwords: frozenset[str]) -> list[str]:
    """The full name and the parts of it that identify the person on their own in the document.

    Titles, particles and initials are never parts: "Mr D. ap Gruffydd" gives the full form and
    "Gruffydd".
    """
    full = " ".join(name.split())
    parts = [w.strip(".'’") for w in _WORD.findall(name)]
    forms = [full]
    forms.extend(p for p in parts if len(p) > 1 and p.casefold() not in stopwords and p != full)
    return forms


def case_compatible(value: str, found: str) -> bool:
    """A capitalised value is not matched by the same word in lower case ("Hope" vs "hope")."""
    return not (value[:1].isupper() and found[:1].islower())


# Up to this many forms, a longest-first alternation (cheaper to compile than the trie, and as
# fast to run on so few); beyond it, the character trie.
TRIE_FROM = 40


def _forms_regex(keys: Iterable[str]) -> str:
    """The forms' keys as one regex: any blanks between words, either apostrophe; longest first."""
    keys = list(keys)
    if len(keys) < TRIE_FROM:
        return "|".join(_form_regex(key) for key in sorted(keys, key=len, reverse=True))
    return _trie(keys)


def _form_regex(form: str) -> str:
    return r"\s+".join("".join("['’]" if c in "'’" else re.escape(c) for c in w) for w in form.split())


def _trie(keys: Iterable[str]) -> str:
    """The forms' keys as one regex merged into a character trie (any blanks, either apostrophe).

    Each character of a page is tried once against the trie, whatever the number of names
    (a plain alternation tries every name at every position). The longest form wins, as the
    first of a longest-first alternation would.
    """
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [_TRIE_CHAR.get(ch, re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(root)


_TRIE_CHAR = {" ": r"\s+", "'": "['’]"}


def _form_key(text: str) -> str:
    return fold(text)


def recurrences(
    pages: Sequence[PageText],
    sources: Iterable[Finding],
    stopwords: frozenset[str],
    words: NameWords,
    min_length: int = 2,
    covered: Iterable[Finding] = (),
) -> list[Finding]:
    """Findings for every other occurrence of the source findings' values (and name parts).

    `sources` are the items decided to be personal data; `covered` are further findings
    (kept ones included) whose spans need no recurrence of their own. A name part found next
    to an unknown capitalised word is completed with it (see `complete_names`), and the
    completed name's new part is looked for in turn.
    """
    sources = list(sources)
    known = [*sources, *covered]
    texts = {page.number: page.text for page in pages}

    def trusted(f: Finding, origin: Finding) -> bool:
        if origin.recognizer not in UNTRUSTED_FOR_COMPLETION:
            return True
        text = texts.get(origin.page, "")
        return bool(words.title_before.search(text, max(0, origin.start - 20), origin.start))

    # A statistical guess spreads only with evidence that it is a person: a title before it
    # or a known given name in it. Products, places and firms the model takes for people
    # ("Vivado", "Tyne") then stay one redaction, not one per mention.
    # A word the document shows is not a name (written in lower case too, inside an
    # organisation's name, an acronym or CamelCase) does not spread: a guess of several words
    # holding one spreads only whole; the other mentions of a one-word guess are found and
    # logged as kept (UNCONFIRMED).
    # Each group is split by a test of the finding itself (not by list membership, which would
    # compare every finding with every other on a long document).
    evidenced = [f.entity_type != Entity.PERSON or trusted(f, f) or _has_given_name(f, words) for f in sources]
    confirmed = [f for f, ok in zip(sources, evidenced, strict=True) if ok]
    unproven = [f for f, ok in zip(sources, evidenced, strict=True) if not ok]
    several = [f for f in unproven if len(_WORD.findall(f.text)) > 1]
    single = [f for f in unproven if len(_WORD.findall(f.text)) == 1]
    not_names = _not_names(
        [*(w for f in several for w in _WORD.findall(f.text)), *(f.text for f in single)], pages, words
    )
    spreads_whole = [any(w.strip() in not_names for w in _WORD.findall(f.text)) for f in several]
    whole = [f for f, w in zip(several, spreads_whole, strict=True) if w]
    confirmed += [f for f, w in zip(several, spreads_whole, strict=True) if not w]
    held = [f for f in single if f.text.strip() in not_names]
    confirmed += [f for f in single if f.text.strip() not in not_names]
    found = _find(pages, confirmed, stopwords, min_length, known)
    found += _find(pages, whole, stopwords, min_length, [*known, *(f for f, _ in found)], full_form_only=True)
    extra = [f for f, _ in found]
    if held:
        unconfirmed = _find(pages, held, stopwords, min_length, [*known, *extra], full_form_only=True)
        extra += [replace(f, recognizer=UNCONFIRMED) for f, _ in unconfirmed]
    # Completion only from names found by a structural cue (a title, a greeting, a label...),
    # never from the statistical model's guesses, which a completion would amplify.

    people = [f for f in sources if trusted(f, f)] + [f for f, source in found if trusted(f, source)]
    completed = complete_names(pages, people, stopwords, words)
    if completed:
        extra += completed
        extra += [f for f, _ in _find(pages, completed, stopwords, min_length, [*known, *extra])]
    return extra


def _not_names(candidates: Iterable[str], pages: Sequence[PageText], words: NameWords) -> set[str]:
    """The candidate words (stripped) that the document itself shows are not a person's name.

    Every candidate is looked for in one pass over each page (an Aho-Corasick automaton), so
    the cost grows with the pages plus the words, not with their product.
    """
    out: set[str] = set()
    todo: set[str] = set()
    for word in {c.strip() for c in candidates}:
        if _CAMEL.search(word) or (word.isupper() and len(word) <= 5):
            out.add(word)
        elif word:
            todo.add(word)
    if not todo:
        return out
    lower = _automaton((word.lower(), word) for word in todo if word[:1].isupper())
    exact = _automaton((word, word) for word in todo)
    for page in pages:
        text = page.text
        # Written in lower case too: a common word or a product, not a name.
        for end, (key, found) in lower.iter(text) if len(lower) else ():
            start = end + 1 - len(key)
            before = start > 0 and _BEFORE_LOWER.match(text, start - 1)
            if not before and not _AFTER_LOWER.match(text, end + 1):
                out.update(found)
        # Part of an organisation's name ("Brickbat Industries PLC").
        resume: dict[str, int] = {}  # where a search for the word goes on after a match, as finditer
        for start, word in sorted((end + 1 - len(key), key) for end, (key, _) in exact.iter(text)):
            if word in out or start < resume.get(word, 0) or (start > 0 and _WORD_CHAR.match(text, start - 1)):
                continue
            tail = _ORGANISATION_TAIL.match(text, start + len(word))
            if tail is None:
                continue
            resume[word] = tail.end()
            if any(fold(w) in words.organisation_words for w in tail.group(1).split()):
                out.add(word)
    return out


def _automaton(entries: Iterable[tuple[str, str]]) -> Any:
    """An Aho-Corasick automaton: key -> (key, the words it stands for)."""
    grouped: dict[str, list[str]] = {}
    for key, word in entries:
        grouped.setdefault(key, []).append(word)
    automaton = ahocorasick.Automaton()
    for key, found in grouped.items():
        automaton.add_word(key, (key, found))
    if grouped:
        automaton.make_automaton()
    return automaton


_BEFORE_LOWER = re.compile(r"[\w@./-]")  # a lower-case mention must not continue a word, a path...
_AFTER_LOWER = re.compile(r"[\w@-]")
_WORD_CHAR = re.compile(r"\w")
_ORGANISATION_TAIL = re.compile(r"((?:[^\S\n]+(?:of|and|&|for|the|[A-Z][\w'’&-]*)){1,6})")


_CAMEL = re.compile(r"[a-z][A-Z].*[a-z][A-Z]")  # two humps: WhatDoTheyKnow, not McDonald


def _has_given_name(f: Finding, words: NameWords) -> bool:
    return any(w in words.given_names for w in _WORD.findall(f.text))


def _find(
    pages: Sequence[PageText],
    sources: list[Finding],
    stopwords: frozenset[str],
    min_length: int,
    known: list[Finding],
    *,
    full_form_only: bool = False,
) -> list[tuple[Finding, Finding]]:
    """(recurrence, source) for every occurrence of the sources' forms outside `known` spans."""
    # Every source of a form, best score first: "jay" from a From: line and "Jay" from "Jay
    # Example" are both kept, so that a lower-case sign-off matches the lower-case source.
    by_form: dict[str, list[Finding]] = {}
    for f in sorted(sources, key=lambda f: -f.score):
        person = f.entity_type == Entity.PERSON and not full_form_only
        forms = name_forms(f.text, stopwords) if person else [" ".join(f.text.split())]
        for form in forms:
            if len(form) >= min_length:
                by_form.setdefault(_form_key(form), []).append(f)
    if not by_form:
        return []
    # Longest forms first, so that "Gareth Jones" is found as one item rather than two.
    pattern = re.compile(r"(?<![\w@.])(" + _forms_regex(by_form) + r")(?![\w@])", re.IGNORECASE)
    spans: dict[int, list[tuple[int, int]]] = {}
    for f in known:
        spans.setdefault(f.page, []).append((f.start, f.end))
    extra: list[tuple[Finding, Finding]] = []
    for page in pages:
        page_spans = spans.get(page.number, [])
        for m in pattern.finditer(page.text):
            start, end = m.span()
            if any(s <= start and end <= e for s, e in page_spans):
                continue
            compatible = [f for f in by_form[_form_key(m.group(0))] if case_compatible(f.text, m.group(0))]
            if not compatible:
                continue
            source = compatible[0]
            extra.append(
                (
                    Finding(
                        page=page.number,
                        start=start,
                        end=end,
                        entity_type=source.entity_type,
                        text=page.text[start:end],
                        score=source.score,
                        recognizer=RECOGNIZER,
                        explanation=(
                            f"recurrence of {source.text!r} ({source.entity_type}), found on page {source.page + 1} "
                            f"by {source.recognizer}"
                        ),
                    ),
                    source,
                )
            )
    return extra


# The word before or after a name part, on the same line or across one line break.
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)([^\S\n]+|[^\S\n]*\n[^\S\n]*)\Z")
_WORD_AFTER = re.compile(r"([^\S\n]+|[^\S\n]*\n[^\S\n]*)([^\W\d_][\w'’-]*)(?![\w'’-])")


def complete_names(
    pages: Sequence[PageText], people: Iterable[Finding], stopwords: frozenset[str], words: NameWords
) -> list[Finding]:
    """Names of which only one word was known, completed with the capitalised word beside it.

    "Ms Lam" gives the surname; "... I spoke to, Meiling" / "Lam, told me" then gives the
    forename too, so that "Meiling had left" is found. The word must be capitalised like the
    name part (capitals with capitals), must not be a function, organisation, office or
    calendar word, and a word before the name must not start a sentence.
    """
    by_page = {page.number: page.text for page in pages}
    out: list[Finding] = []
    seen: set[tuple[int, int, int]] = set()
    for f in people:
        if f.entity_type != Entity.PERSON or " " in f.text.strip() or len(f.text) < 2 or "\n" in f.text:
            continue
        text = by_page.get(f.page)
        if text is None or f.text.casefold() in stopwords:
            continue
        caps = f.text.isupper()
        before = _WORD_BEFORE.search(text, max(0, f.start - 40), f.start)
        if (
            before
            and _name_part(before.group(1), caps, stopwords, words)
            and not _sentence_start(text, before.start())
            and ("\n" not in before.group(2) or _prose_before(text, before.start()))
        ):
            out.append(_completed(f, text, before.start(), f.end, "the word before it"))
        after = _WORD_AFTER.match(text, f.end)
        if (
            after
            and _name_part(after.group(2), caps, stopwords, words)
            and ("\n" not in after.group(1) or _prose_across(text, after.end(), f.start))
        ):
            out.append(_completed(f, text, f.start, after.end(), "the word after it"))
    unique = []
    for c in out:
        key = (c.page, c.start, c.end)
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return unique


def _name_part(word: str, caps: bool, stopwords: frozenset[str], words: NameWords) -> bool:
    key = fold(word)
    if len(word) < 2 or not word[0].isupper() or key in stopwords or key in words.not_name_parts:
        return False
    if word in words.places:
        return False
    return word.isupper() if caps else not word.isupper()


# After a name completed across a line break, prose must go on (", who", "'s", " said"):
# in a letterhead or signature block each line is a unit of its own.
_PROSE_AFTER = re.compile(r"['’]s\b|[^\S\n]*[,;]|[^\S\n]+[a-z]")


def _prose_across(text: str, after: int, name: int) -> bool:
    """True if a name may run on to the next line: running text follows, and no label precedes it."""
    return bool(_PROSE_AFTER.match(text, after)) and not _field_value(text, name)


def _field_value(text: str, pos: int) -> bool:
    """True if the word at `pos` follows a label on its line ("Forename(s): Jo"): the next line is another field."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos].rstrip().endswith(":")


def _prose_before(text: str, pos: int) -> bool:
    """True if the line ending before `pos` is running text (ends with "," or a lower-case word)."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos].rstrip()
    return bool(before) and (before[-1] == "," or before.split()[-1][:1].islower())


def _sentence_start(text: str, pos: int) -> bool:
    """True if the word at `pos` begins a sentence, a line after a finished one, or the page."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos].strip()
    if before:
        return before[-1] in '.!?:;"“(>•-–'
    previous = text[: max(0, line_start - 1)].rstrip(" \t")
    return not previous or previous.endswith("\n") or not (previous[-1].islower() or previous[-1] == ",")


def _completed(f: Finding, text: str, start: int, end: int, where: str) -> Finding:
    return Finding(
        page=f.page,
        start=start,
        end=end,
        entity_type=f.entity_type,
        text=text[start:end],
        score=f.score,
        recognizer=RECOGNIZER,
        explanation=f"name {f.text!r} (found by {f.recognizer}) completed with {where}",
    )
