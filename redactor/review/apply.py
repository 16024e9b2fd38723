"""Turn the tool's proposals for one document into its final decisions, as reviewed.

Each item (a proposal, an occurrence of a text the reviewer withheld, a drawn rectangle)
takes the last decision that applies to it: the reviewer's word is final, and a later
decision supersedes an earlier one whatever its scope. Every resulting Decision says
whether the tool proposed it (not reviewed), a reviewer confirmed it, changed it or added it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from redactor.decide.policy import line_rects
from redactor.review.ids import normalise, redaction_id
from redactor.review.store import DocumentReview, ReviewRecord, Scope, Verdict
from redactor.types import Action, BBox, Decision, Document, Finding, PageText

ADDED_ENTITY = "REVIEWER_ADDED"
DRAWN_ENTITY = "REVIEWER_BOX"
ADDED_CATEGORY = "Personal data identified by a reviewer"
DRAWN_NOTE = "a rectangle drawn by a reviewer, over: "


def _applies(record: ReviewRecord, decision: Decision) -> bool:
    if record.scope is Scope.BOX:
        return record.id is not None and record.id == decision.id
    return record.key is not None and record.key == normalise(decision.finding.text)


def _last(records: Sequence[ReviewRecord], decision: Decision) -> ReviewRecord | None:
    found = None
    for r in records:
        if _applies(r, decision):
            found = r
    return found


def _resolve(decision: Decision, record: ReviewRecord | None, review: DocumentReview, added: bool) -> Decision:
    """The decision as the record makes it (unchanged when no record applies)."""
    if record is None:
        return decision
    who = record.reviewer
    why = f": {record.reason}" if record.reason else ""
    if record.decision is Verdict.RELEASE:
        return replace(
            decision,
            action=Action.KEEP,
            exemption=None,
            condition=None,
            reason=f"released by {who}{why}",
            origin="confirmed" if decision.action is Action.KEEP else "changed",
            reviewer=who,
            review_reason=record.reason or None,
        )
    exemption = record.exemption or decision.exemption or review.exemption
    if exemption == review.exemption:
        condition = review.condition
    else:  # the proposal's own condition goes with its own code only
        condition = decision.condition if exemption == decision.exemption else None
    return replace(
        decision,
        action=Action.REDACT,
        exemption=exemption,
        condition=condition,
        reason=decision.reason if decision.action is Action.REDACT and not added else f"withheld by {who}{why}",
        origin="added" if added else "confirmed" if decision.action is Action.REDACT else "changed",
        reviewer=who,
        review_reason=record.reason or None,
    )


def _occurrences(page: PageText, text: str) -> list[tuple[int, int]]:
    words = text.split()
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(page.text)]


def _text_items(document: Document, review: DocumentReview, final: list[Decision]) -> list[Decision]:
    """Every occurrence of a text withheld document- or bundle-wide that no redaction covers yet."""
    wanted = {r.key: r.text for r in review.decisions if r.scope is not Scope.BOX and r.key and r.text}
    out: list[Decision] = []
    for key, text in wanted.items():
        for page in document.pages:
            for start, end in _occurrences(page, text):
                covered = any(
                    d.finding.page == page.number
                    and d.finding.start <= start
                    and end <= d.finding.end
                    and (d.action is Action.REDACT or (d.finding.start, d.finding.end) == (start, end))
                    for d in final
                )
                if covered:
                    continue
                seen = page.text[start:end]
                n = sum(1 for s, _ in _occurrences(page, text) if s < start)
                finding = Finding(page.number, start, end, ADDED_ENTITY, seen, 1.0, "reviewer", f"text {key!r}")
                out.append(
                    Decision(
                        id=redaction_id(document.sha256, page.number, seen, n),
                        finding=finding,
                        action=Action.KEEP,  # made a redaction by the record that asks for it
                        category=ADDED_CATEGORY,
                        reason="",
                        rects=line_rects(page, start, end),
                    )
                )
    return out


def drawn_id(sha256: str, page: int, rect: BBox) -> str:
    """The id of a drawn rectangle (page 0-based), so that it can be released again."""
    return redaction_id(sha256, page, "rect " + " ".join(f"{v:.1f}" for v in rect), 0)


def _drawn_item(document: Document, record: ReviewRecord) -> Decision | None:
    """A redaction for a drawn rectangle: the rectangle itself is removed, whatever is under it.

    The finding has an empty span and no text (nothing is matched by characters; apply removes
    the rectangle, and the checks do not look for the words elsewhere, where they may rightly
    stay); the text under the rectangle is in its explanation, for the log and the schedule.
    """
    if record.rect is None or record.page is None or record.page > len(document.pages):
        return None
    page = document.pages[record.page - 1]
    # A rectangle is clipped to its page (a whole page is withheld as a page-sized rectangle).
    x0, y0 = max(record.rect[0], 0.0), max(record.rect[1], 0.0)
    x1, y1 = min(record.rect[2], page.width), min(record.rect[3], page.height)
    inside = [
        i
        for i, b in enumerate(page.boxes)
        if b is not None and x0 <= (b[0] + b[2]) / 2 <= x1 and y0 <= (b[1] + b[3]) / 2 <= y1
    ]
    chosen = set(inside)
    span = range(inside[0], inside[-1] + 1) if inside else range(0)
    text = " ".join("".join(page.text[i] for i in span if i in chosen or page.boxes[i] is None).split())
    at = inside[0] if inside else 0
    return Decision(
        id=drawn_id(document.sha256, page.number, record.rect),
        finding=Finding(page.number, at, at, DRAWN_ENTITY, "", 1.0, "reviewer", f"{DRAWN_NOTE}{text}"),
        action=Action.KEEP,  # made a redaction by the record that draws it
        category=ADDED_CATEGORY,
        reason="",
        rects=((x0, y0, x1, y1),),
    )


def apply_review(document: Document, proposals: tuple[Decision, ...], review: DocumentReview) -> tuple[Decision, ...]:
    """The final decisions: the proposals as the reviewer decided them, and what the reviewer added."""
    records = review.decisions
    if not records:
        return proposals
    final = [_resolve(d, _last(records, d), review, added=False) for d in proposals]
    for d in _text_items(document, review, final):
        record = _last(records, d)
        if record is not None and record.decision is Verdict.WITHHOLD:
            final.append(_resolve(d, record, review, added=True))
    drawn: set[str] = set()
    for pos, made in enumerate(records):
        item = _drawn_item(document, made)
        if item is None or item.id in drawn:
            continue
        drawn.add(item.id)
        # A later decision on the drawn box's id (released again) supersedes the drawing.
        last = made
        for r in records[pos + 1 :]:
            if r.scope is Scope.BOX and r.id == item.id:
                last = r
        if last.decision is Verdict.WITHHOLD:
            final.append(_resolve(item, last, review, added=True))
    final.sort(key=lambda d: (d.finding.page, d.finding.start, d.finding.end))
    return _drop_inside_drawn(final)


def _inside(inner: BBox, outer: BBox) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _drop_inside_drawn(final: list[Decision]) -> tuple[Decision, ...]:
    """Leave out redactions a withheld drawn box (a whole page, say) already covers: one box, one code."""
    drawn = [
        (d.finding.page, d.rects[0])
        for d in final
        if d.finding.entity_type == DRAWN_ENTITY and d.action is Action.REDACT and d.rects
    ]
    if not drawn:
        return tuple(final)
    return tuple(
        d
        for d in final
        if d.finding.entity_type == DRAWN_ENTITY
        or d.action is not Action.REDACT
        or not d.rects
        or not all(any(p == d.finding.page and _inside(r, box) for p, box in drawn) for r in d.rects)
    )
