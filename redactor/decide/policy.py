"""Decide: turn findings into redactions with an exemption and a reason, or an explicit "kept".

Detection says what *might* be personal data; this stage applies the policy (allow-list,
thresholds, released names, the requester's own data) and records why, item by item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from redactor.config import LoadedConfig
from redactor.config.lexicon import fold, fold_all
from redactor.decide.officials import load_officials_rule, senior_official
from redactor.decide.propagation import UNCONFIRMED, NameWords, name_forms, recurrences, title_pattern
from redactor.review.ids import finding_id
from redactor.types import Action, BBox, Decision, Document, Entity, Finding, PageText


def line_rects(page: PageText, start: int, end: int) -> tuple[BBox, ...]:
    """One rectangle per text line the span touches (a span over a line break gives two)."""
    groups: dict[int, BBox] = {}
    for i in range(start, end):
        box = page.boxes[i]
        if box is None:
            continue
        line = page.lines[i]
        old = groups.get(line)
        groups[line] = (
            box if old is None else (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3]))
        )
    return tuple(groups.values())


def _phrase_pattern(entries: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for all the phrases, case-insensitive, blanks matching any whitespace.

    The alternatives are merged into a character trie, so that a list of hundreds of public
    bodies costs one branch per character of the page rather than one per phrase.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for entry in _variants(entries):
        words = entry.replace("’", "'").lower().split()
        if not words:
            continue
        node = trie
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        if "" in node:  # a phrase ends here; a longer one may go on (tried first: greedy)
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return re.compile(r"(?<!\w)(" + emit(trie) + r")(?!\w)", re.IGNORECASE)


def _variants(entries: Sequence[str]) -> list[str]:
    """Each phrase as written, with "&" for "and", and without diacritics (as base-14 fonts print it)."""
    out: list[str] = []
    for entry in entries:
        forms = {entry, re.sub(r"(?<=\s)and(?=\s)", "&", entry)}
        forms |= {fold(f, ascii=True) for f in forms}
        out.extend(sorted(forms))
    return out


# Recognizers that read names from structure (an e-mail header's display name), where a name
# typed in lower case ("From: alec example") is still a name; and its recurrences.
LOWER_CASE_NAMES_FROM = frozenset({"EmailDisplayNameRecognizer", "Propagation"})
# Findings that are part of an address: kept when the address is a public body's.
ADDRESS_ENTITIES = frozenset({Entity.STREET_ADDRESS, Entity.UK_POSTCODE})
# Tokens of an address, read backwards from a street or postcode: capitalised words, numbers,
# commas, single line breaks and the small words of street names. Anything else ends it.
_ADDRESS_TOKEN = re.compile(r"[^\W\d_][\w'’.&-]*|\d[\w/-]*|,|\n[^\S\n]*\n|\n|[^\w\s]")
_ADDRESS_SMALL_WORDS = frozenset(
    {"y", "yr", "'r", "a'r", "of", "and", "the", "upon", "on", "ar", "de", "le", "la", "for", "du", "des", "et"}
    | {"floor", "st", "nd", "rd", "th"}  # "2nd floor"
)
_ELEMENT_END = re.compile(r"[^\S\n]*(?:,|\n|\Z)")
ADDRESS_WINDOW = 250  # characters read back from the finding
ADDRESS_BLOCK_LINES = 12  # lines (blank ones included) read up from the finding for a body's name
DOUBLE_SPACED = 0.35  # share of blank lines on a page printed with a blank line after each line
_SENTENCE_END = re.compile(r"[.!?:;]\s*$|[.!?]\s+[A-Z]")


class Policy:
    """The decision rules of one configuration, compiled once and reused for every document."""

    def __init__(self, loaded: LoadedConfig, requester: Sequence[str] = ()) -> None:
        self.loaded = loaded
        self.policy = loaded.config.policy
        self.detection = loaded.config.detection
        self.allow = _phrase_pattern(loaded.allow_list)
        stop = loaded.name_stopwords
        self.released = {f.casefold() for name in self.policy.release_names for f in name_forms(name, stop)}
        self.requester = {f.casefold() for name in requester for f in name_forms(name, stop)}
        self.name_words = NameWords.from_lexicon(loaded.lexicon)
        self.person_title = title_pattern(loaded.lexicon.honorifics)
        self.body_words = fold_all(loaded.lexicon.public_body_words)
        # The seniority rule (models/officials.yaml, and the body's own file named by policy.officials),
        # read once; off with policy.senior_officials: false.
        own = Path(loaded.officials_file) if loaded.officials_file else None
        self.officials = load_officials_rule(own, self.policy.officials_mode) if self.policy.senior_officials else None

    def decide(self, document: Document, findings: Sequence[Finding]) -> tuple[Decision, ...]:
        allowed: dict[int, list[tuple[int, int, str]]] = {}
        if self.allow is not None:
            for page in document.pages:
                allowed[page.number] = [(m.start(), m.end(), m.group(0)) for m in self.allow.finditer(page.text)]
        people: dict[int, list[tuple[int, int]]] = {page.number: [] for page in document.pages}
        for f in findings:  # one pass: a long document has thousands of findings and pages
            if f.entity_type == Entity.PERSON and f.score >= self.detection.threshold(Entity.PERSON):
                people.setdefault(f.page, []).append((f.start, f.end))
        decisions = [self._decision(document, f, allowed, people) for f in findings]
        decisions = self._officials(document, decisions)
        if self.detection.propagate_names:
            # Only what is redacted spreads: a finding kept (allow-listed, below threshold)
            # must not redact its words elsewhere ("Cyngor Gwynedd" -> "Gwynedd").
            redacted = [d.finding for d in decisions if d.action is Action.REDACT]
            more = recurrences(document.pages, redacted, self.loaded.name_stopwords, self.name_words, covered=findings)
            decisions += self._officials(document, [self._decision(document, f, allowed, people) for f in more])
        return _number(_drop_covered(self._same_official(decisions)), document)

    def _officials(self, document: Document, decisions: list[Decision]) -> list[Decision]:
        """A third party's name beside a senior role is proposed as released, for a reviewer to confirm.

        Only names withheld under the ordinary exemption are asked about: the requester's own
        data (s40(1)) was decided before, and stays withheld.
        """
        if self.officials is None:
            return decisions
        out: list[Decision] = []
        for d in decisions:
            f = d.finding
            if d.action is Action.REDACT and f.entity_type == Entity.PERSON and d.exemption == self.policy.exemption:
                verdict = senior_official(document.pages[f.page].text, f.start, f.end, self.officials)
                if verdict is not None:
                    d = replace(d, action=Action.KEEP, exemption=None, condition=None, reason=verdict.reason)
                    d = replace(d, flag="confirm: a senior official's name proposed as released")
            out.append(d)
        return out

    def _same_official(self, decisions: list[Decision]) -> list[Decision]:
        """Other mentions of a senior official's name are released too (the same name, the same way)."""
        # The name and any run of its words ("Ní Mhurchú" of "Lorcan Ní Mhurchú"): withholding a
        # part while the whole name is released protects nothing.
        # One entry per distinct name: an official mentioned a hundred times is one name to match.
        distinct: dict[tuple[str, ...], Decision] = {}
        for d in decisions:
            if d.flag and d.action is Action.KEEP:
                distinct.setdefault(tuple(fold(d.finding.text).split()), d)
        if not distinct:
            return decisions
        senior = [(list(words), d) for words, d in distinct.items()]
        code = self.policy.exemption
        withheld = [
            (d, fold(d.finding.text).split())
            for d in decisions
            if d.action is Action.REDACT and d.finding.entity_type == Entity.PERSON and d.exemption == code
        ]
        # Matched once per distinct name: a long document mentions the same people thousands of times.
        official: dict[tuple[str, ...], Decision | None] = {}
        for _, words in withheld:
            if (key := tuple(words)) not in official:
                official[key] = _part_of(words, senior)
        # A word shared with another person's name that stays withheld ("Ellis-Jones" of the
        # complainant Eirwen as well as of the Chief Executive Rhian) is not known to be the official's.
        shared = {w for key, first in official.items() if len(key) > 1 and first is None for w in key}
        released: dict[int, Decision] = {}
        for d, words in withheld:
            first = None if set(words) <= shared else official[tuple(words)]
            if first is not None:
                reason = f"another mention of a senior official's name; there: {first.reason}"
                released[id(d)] = replace(
                    d, action=Action.KEEP, exemption=None, condition=None, reason=reason, flag=first.flag
                )
        return [released.get(id(d), d) for d in decisions]

    def _decision(
        self,
        document: Document,
        finding: Finding,
        allowed: dict[int, list[tuple[int, int, str]]],
        people: dict[int, list[tuple[int, int]]],
    ) -> Decision:
        page = document.pages[finding.page]
        action, reason, exemption = self._rule(finding, allowed.get(finding.page, []))
        if action is Action.REDACT and finding.entity_type in ADDRESS_ENTITIES:
            public = _public_address(
                page.text,
                finding,
                allowed.get(finding.page, []),
                people.get(finding.page, []),
                self.person_title,
                self.body_words,
            )
            if public is not None:
                action, exemption = Action.KEEP, None
                reason = (
                    f"part of the published address of {public!r} (a public body or its building), "
                    "which is not personal data"
                )
        redact = action is Action.REDACT
        return Decision(
            id="",
            finding=finding,
            action=action,
            category=self.policy.categories.get(finding.entity_type, "Other personal data"),
            reason=reason,
            exemption=exemption if redact else None,
            condition=self.policy.condition if redact and exemption == self.policy.exemption else None,
            rects=line_rects(page, finding.start, finding.end),
        )

    def _rule(self, f: Finding, allowed: list[tuple[int, int, str]]) -> tuple[Action, str, str | None]:
        for start, end, phrase in allowed:
            if start <= f.start and f.end <= end:
                return Action.KEEP, f"part of {phrase!r}, which is on the allow-list (not personal data)", None
        if f.recognizer == UNCONFIRMED:
            return (
                Action.KEEP,
                "another mention of a word only the statistical model took for a name, with no title or "
                "known given name to show it is a person: not treated as personal data; a reviewer may "
                "wish to check it",
                None,
            )
        threshold = self.detection.threshold(f.entity_type)
        if f.score < threshold:
            return (
                Action.KEEP,
                f"score {f.score:.2f} is below the {f.entity_type} threshold {threshold:.2f}: "
                "not treated as personal data; a reviewer may wish to check it",
                None,
            )
        key = " ".join(f.text.split()).casefold()
        if (
            f.entity_type == Entity.PERSON
            and f.recognizer not in LOWER_CASE_NAMES_FROM
            and not any(w[:1].isupper() for w in f.text.split())
        ):
            return Action.KEEP, "no word is capitalised, so it is unlikely to be a name", None
        if f.entity_type == Entity.PERSON and key in self.released:
            return Action.KEEP, "a name the configuration releases (an official acting in a public role)", None
        if f.entity_type == Entity.PERSON and key in self.requester:
            return (
                Action.REDACT,
                "the requester's own personal data: exempt under section 40(1); it is available to them "
                "through a subject access request instead",
                self.policy.requester_exemption,
            )
        category = self.policy.categories.get(f.entity_type, "other personal data")
        return (
            Action.REDACT,
            f"{category} (found by {f.recognizer}): a third party's personal data, whose disclosure to "
            "the world would not be lawful, fair and transparent under UK GDPR Article 5(1)(a)",
            self.policy.exemption,
        )


def _part_of(words: list[str], names: list[tuple[list[str], Decision]]) -> Decision | None:
    """The decision of the first name holding `words` as a run of its words, or as initials.

    "S. W. Robinson" is a mention of the released "Sarah Robinson".
    """
    n = len(words)
    for name, decision in names:
        if n and any(name[i : i + n] == words for i in range(len(name) - n + 1)):
            return decision
        if _initialled(words, name):
            return decision
    return None


def _initialled(words: list[str], name: list[str]) -> bool:
    """The same surname, and given names that agree letter by letter, one side an initial.

    A forename alone is never matched to an initial: "Elin" is not known to be "E. Hughes".
    """
    given = [w.rstrip(".") for w in words[:-1]]
    known = [w.rstrip(".") for w in name[:-1]]
    if len(words) < 2 or len(name) < 2 or words[-1] != name[-1] or not given or not known:
        return False
    initials = any(len(g) == 1 for g in given) or any(len(k) == 1 for k in known)
    pairs = list(zip(given, known, strict=False))  # an extra middle initial is no conflict
    return initials and all(g == k or (min(len(g), len(k)) == 1 and g[0] == k[0]) for g, k in pairs)


def _public_address(
    text: str,
    f: Finding,
    allowed: list[tuple[int, int, str]],
    people: list[tuple[int, int]],
    person_title: re.Pattern[str],
    body_words: frozenset[str] = frozenset(),
) -> str | None:
    """The allow-listed body or building whose address this street or postcode is part of.

    Read back from the finding over address material only (capitalised words, numbers,
    commas, single line breaks): if that reaches an allow-listed phrase standing as an
    element of its own (followed by a comma or a line break), with no person's name or
    title between, the address is the body's: "Gwynedd Council, Council Offices,
    Shirehall Street, Caernarfon LL55 1SH" or a letterhead. "Address:", a blank line or
    a sentence stop it, so a resident's address after a label or in prose is unaffected.
    Failing that, an address block headed by a line naming a body or firm is kept too
    (see `_body_line`).
    """
    run_start = f.start
    for tok in reversed(list(_ADDRESS_TOKEN.finditer(text, max(0, f.start - ADDRESS_WINDOW), f.start))):
        t = tok.group()
        if t in (",", "\n") or t[0].isdigit() or t[0].isupper() or fold(t) in _ADDRESS_SMALL_WORDS:
            run_start = tok.start()
            continue
        break
    for start, end, phrase in allowed:
        # The phrase comes before the finding, or is its first element ("Canolfan Rheidol,
        # Rhodfa Padarn" found as a house name and street).
        if not (run_start <= start and (end <= f.start or (start == f.start and end < f.end))):
            continue
        if end != f.start and not _ELEMENT_END.match(text, end):
            continue
        between = text[end : f.start] if end <= f.start else ""
        if person_title.search(between) or any(end <= s and e <= f.start for s, e in people):
            continue
        return phrase
    return _body_line(text, f, people, person_title, body_words)


def _body_line(
    text: str,
    f: Finding,
    people: list[tuple[int, int]],
    person_title: re.Pattern[str],
    body_words: frozenset[str],
) -> str | None:
    """The line naming a public body or firm at the head of the finding's address block, if any.

    "Ministry of Housing, Communities & Local Government / Fry Building / 2 Marsham Street":
    reading up from the street over short address lines (blank lines between are allowed, as
    printouts put them), a line holds a body word. A sentence, a label, prose (a lower-case
    word) or a person's name or title ends the block: someone's address at that body is not
    kept, nor a resident's address written in a sentence that names a council.
    """
    if not body_words:
        return None
    # A blank line ends the block, unless the page is printed double-spaced (a blank line
    # after most lines): then only two blank lines in a row do.
    lines = text.split("\n")
    double_spaced = sum(not line.strip() for line in lines) >= DOUBLE_SPACED * len(lines)
    blank_before = False
    end = f.start
    start = text.rfind("\n", 0, end) + 1
    for i in range(ADDRESS_BLOCK_LINES):
        line = text[start:end]
        if i and not line.strip():
            if blank_before or not double_spaced:
                return None
            blank_before = True
        else:
            blank_before = False
            words = re.findall(r"[^\W\d_][\w'’]*", line)
            if (
                len(line) > 80
                or ":" in line
                or _SENTENCE_END.search(line)
                or person_title.search(line)
                or any(start <= s < end for s, _ in people)
                or any(w[0].islower() and fold(w) not in _ADDRESS_SMALL_WORDS for w in words)
            ):
                return None  # a label, a sentence, prose or a person: not a body's address block
            if any(fold(w) in body_words for w in words):
                return " ".join(line.split()).strip(" ,")
        if start == 0:
            return None
        end = start - 1
        start = text.rfind("\n", 0, end) + 1
    return None


def _drop_covered(decisions: list[Decision]) -> list[Decision]:
    """Leave out findings that lie wholly inside a wider redaction: the box already covers them."""
    ordered = sorted(
        decisions, key=lambda d: (d.finding.page, d.finding.start, -d.finding.end, d.action is not Action.REDACT)
    )
    kept: list[Decision] = []
    cover: Finding | None = None
    for d in ordered:
        f = d.finding
        if cover is not None and cover.page == f.page and cover.start <= f.start and f.end <= cover.end:
            continue
        kept.append(d)
        if d.action is Action.REDACT and (cover is None or cover.page != f.page or f.end > cover.end):
            cover = f
    return kept


def _number(decisions: list[Decision], document: Document) -> tuple[Decision, ...]:
    out: list[Decision] = []
    for d in decisions:
        out.append(
            Decision(
                id=finding_id(document, d.finding),
                finding=d.finding,
                action=d.action,
                category=d.category,
                reason=d.reason,
                exemption=d.exemption,
                condition=d.condition,
                rects=d.rects,
                flag=d.flag,
            )
        )
    return tuple(out)
