"""Decide: turn findings into redactions with an exemption and a reason, or an explicit "kept".

Detection says what *might* be personal data; this stage applies the policy (allow-list,
thresholds, released names, the requester's own data) and records why, item by item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from redactor.config import LoadedConfig
from redactor.model import Action, BBox, Decision, Document, Finding, PageText
from redactor.propagate import name_forms, recurrences


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
    if not entries:
        return None
    alternatives = sorted((r"\s+".join(map(re.escape, e.split())) for e in entries if e.strip()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


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

    def decide(self, document: Document, findings: Sequence[Finding]) -> tuple[Decision, ...]:
        allowed: dict[int, list[tuple[int, int, str]]] = {}
        if self.allow is not None:
            for page in document.pages:
                allowed[page.number] = [(m.start(), m.end(), m.group(0)) for m in self.allow.finditer(page.text)]
        decisions = [self._decision(document, f, allowed) for f in findings]
        if self.detection.propagate_names:
            redacted = [d.finding for d in decisions if d.action is Action.REDACT]
            more = recurrences(document.pages, [*redacted, *findings], self.loaded.name_stopwords)
            decisions += [self._decision(document, f, allowed) for f in more]
        return _number(_drop_covered(decisions))

    def _decision(
        self, document: Document, finding: Finding, allowed: dict[int, list[tuple[int, int, str]]]
    ) -> Decision:
        page = document.pages[finding.page]
        action, reason, exemption = self._rule(finding, allowed.get(finding.page, []))
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
        threshold = self.detection.threshold(f.entity_type)
        if f.score < threshold:
            return (
                Action.KEEP,
                f"score {f.score:.2f} is below the {f.entity_type} threshold {threshold:.2f}: "
                "not treated as personal data; a reviewer may wish to check it",
                None,
            )
        key = " ".join(f.text.split()).casefold()
        if f.entity_type == "PERSON" and not any(w[:1].isupper() for w in f.text.split()):
            return Action.KEEP, "no word is capitalised, so it is unlikely to be a name", None
        if f.entity_type == "PERSON" and key in self.released:
            return Action.KEEP, "a name the configuration releases (an official acting in a public role)", None
        if f.entity_type == "PERSON" and key in self.requester:
            return (
                Action.REDACT,
                "the requester's own personal data: exempt under section 40(1); it is available to them "
                "through a subject access request instead",
                self.policy.requester_exemption,
            )
        category = self.policy.categories.get(f.entity_type, "other personal data")
        return (
            Action.REDACT,
            f"{category.lower()} of a third party (found by {f.recognizer}); disclosure to the world "
            "would not be lawful, fair and transparent under UK GDPR Article 5(1)(a)",
            self.policy.exemption,
        )


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


def _number(decisions: list[Decision]) -> tuple[Decision, ...]:
    counters = {Action.REDACT: 0, Action.KEEP: 0}
    out: list[Decision] = []
    for d in decisions:
        counters[d.action] += 1
        prefix = "R" if d.action is Action.REDACT else "K"
        out.append(
            Decision(
                id=f"{prefix}{counters[d.action]:04d}",
                finding=d.finding,
                action=d.action,
                category=d.category,
                reason=d.reason,
                exemption=d.exemption,
                condition=d.condition,
                rects=d.rects,
            )
        )
    return tuple(out)
