"""Propagate: an item redacted once is redacted wherever it recurs in the same document.

Detection is not consistent: spaCy may tag "Eleanor Pritchard" in one sentence and miss her
in the next, and a date of birth is only recognisable next to its cue. Once the policy has
decided an item is personal data, every other occurrence of it in the document is too; for a
person's name that includes the surname or forename used alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from redactor.model import Finding, PageText

RECOGNIZER = "Propagation"
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


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


def recurrences(
    pages: Sequence[PageText], sources: Iterable[Finding], stopwords: frozenset[str], min_length: int = 2
) -> list[Finding]:
    """Findings for every other occurrence of the source findings' values (and name parts)."""
    sources = list(sources)
    by_form: dict[str, Finding] = {}
    for f in sources:
        forms = name_forms(f.text, stopwords) if f.entity_type == "PERSON" else [" ".join(f.text.split())]
        for form in forms:
            key = form.casefold()
            if len(form) >= min_length and (key not in by_form or by_form[key].score < f.score):
                by_form[key] = f
    if not by_form:
        return []
    # Longest forms first, so that "Gareth Jones" is found as one item rather than two.
    alternatives = (r"\s+".join(map(re.escape, form.split())) for form in sorted(by_form, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w@.])(" + "|".join(alternatives) + r")(?![\w@])", re.IGNORECASE)
    covered: dict[int, list[tuple[int, int]]] = {}
    for f in sources:
        covered.setdefault(f.page, []).append((f.start, f.end))
    extra: list[Finding] = []
    for page in pages:
        spans = covered.get(page.number, [])
        for m in pattern.finditer(page.text):
            start, end = m.span()
            if any(s <= start and end <= e for s, e in spans):
                continue
            source = by_form[" ".join(m.group(0).split()).casefold()]
            if not case_compatible(source.text, m.group(0)):
                continue
            extra.append(
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
                )
            )
    return extra
