"""Review: stable ids, decisions (precedence, scope, orphans), applying them, the schedule."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.review.apply import ADDED_ENTITY, DRAWN_ENTITY, apply_review, drawn_id
from redactor.review.ids import finding_id, occurrence, redaction_id
from redactor.review.store import (
    DocumentReview,
    ReviewBook,
    ReviewError,
    ReviewRecord,
    Scope,
    Verdict,
    append_records,
    read_records,
)
from redactor.types import Action, Decision, Document, Finding, PageText

SHA = "a" * 64
TEXT = "Letter from Olwen Tregarth to Bryn Moelfre. Olwen Tregarth replied."


def page_of(text: str, number: int = 0) -> PageText:
    boxes = tuple(None if c.isspace() else (float(i * 5), 10.0, float(i * 5 + 5), 20.0) for i, c in enumerate(text))
    lines = tuple(-1 if c.isspace() else 1 for c in text)
    return PageText(number, text, boxes, lines, 600.0, 800.0)


def document(sha: str = SHA) -> Document:
    return Document("letters/a.pdf", sha, (page_of(TEXT), page_of("Olwen Tregarth again.", 1)))


def proposal(doc: Document, page: int, value: str, nth: int = 0, action: Action = Action.REDACT) -> Decision:
    text = doc.pages[page].text
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    f = Finding(page, start, start + len(value), "PERSON", value, 0.6, "SpacyRecognizer", "ner")
    return Decision(
        finding_id(doc, f), f, action, "Names of third parties", "tool", "s40(2)" if action is Action.REDACT else None
    )


def record(decision: Verdict, scope: Scope = Scope.BOX, **kw: object) -> ReviewRecord:
    kw.setdefault("document", "letters/a.pdf")
    kw.setdefault("document_sha256", SHA)
    return ReviewRecord(decision, scope, str(kw.pop("reviewer", "A. Reviewer")), "2026-01-01T00:00:00+00:00", **kw)  # type: ignore[arg-type]


def review_of(*records: ReviewRecord, sha: str = SHA) -> DocumentReview:
    return ReviewBook.of(records).view("letters/a.pdf", sha)


# ---- ids ------------------------------------------------------------------------------------


def test_ids_are_stable_and_depend_on_document_page_text_and_occurrence() -> None:
    doc = document()
    first, second = proposal(doc, 0, "Olwen Tregarth"), proposal(doc, 0, "Olwen Tregarth", nth=1)
    assert first.id == proposal(document(), 0, "Olwen Tregarth").id  # a re-run
    assert first.id != second.id  # another occurrence on the page
    assert first.id != proposal(doc, 1, "Olwen Tregarth").id  # another page
    assert first.id != proposal(document("b" * 64), 0, "Olwen Tregarth").id  # another input
    assert first.id.startswith("p1-") and proposal(doc, 1, "Olwen Tregarth").id.startswith("p2-")
    # Not a counter: other findings before it do not move it.
    assert redaction_id(SHA, 0, "Olwen  Tregarth", 0) == redaction_id(SHA, 0, "olwen tregarth", 0)
    assert occurrence(TEXT, "Olwen Tregarth", TEXT.rindex("Olwen")) == 1


# ---- the decisions file -----------------------------------------------------------------------


def test_decisions_file_is_append_only_and_round_trips(tmp_path: Path) -> None:
    a = record(Verdict.RELEASE, id="p1-x", reason="public role")
    b = record(Verdict.WITHHOLD, Scope.BUNDLE, text="Bryn Moelfre", document=None, document_sha256=None)
    append_records(tmp_path, [a])
    before = (tmp_path / "review" / "decisions.jsonl").read_bytes()
    append_records(tmp_path, [b])
    after = (tmp_path / "review" / "decisions.jsonl").read_bytes()
    assert after.startswith(before) and after.count(b"\n") == 2
    assert read_records(tmp_path) == (a, b)


@pytest.mark.parametrize(
    "kw",
    [
        {"scope": Scope.BUNDLE, "decision": Verdict.RELEASE},  # no text
        {"scope": Scope.DOCUMENT, "decision": Verdict.RELEASE, "document": "a.pdf"},  # no text
        {"scope": Scope.BOX, "decision": Verdict.RELEASE, "document": "a.pdf"},  # no id, no rect
        {"scope": Scope.BOX, "decision": Verdict.RELEASE, "document": "a.pdf", "rect": (1, 1, 2, 2), "page": 1},
        {"scope": Scope.BOX, "decision": Verdict.WITHHOLD, "document": "a.pdf", "rect": (1, 1, 2, 2)},  # no page
    ],
)
def test_malformed_decisions_are_refused(kw: dict[str, object]) -> None:
    with pytest.raises(ReviewError):
        ReviewRecord(reviewer="r", time="t", **kw)  # type: ignore[arg-type]


def test_a_garbled_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "review" / "decisions.jsonl"
    path.parent.mkdir()
    path.write_text('{"decision": "release", "scope": "box", "id": "p1-x", "document": "a.pdf"}\nnot json\n')
    with pytest.raises(ReviewError, match="line 2"):
        read_records(tmp_path)


# ---- applying them ------------------------------------------------------------------------------


def test_no_decisions_leave_the_proposals_as_they_are() -> None:
    doc = document()
    proposals = (proposal(doc, 0, "Olwen Tregarth"),)
    assert apply_review(doc, proposals, review_of()) == proposals
    assert proposals[0].origin == "proposed"


def test_release_one_box_and_confirm_another() -> None:
    doc = document()
    first, second = proposal(doc, 0, "Olwen Tregarth"), proposal(doc, 0, "Olwen Tregarth", nth=1)
    final = apply_review(
        doc,
        (first, second),
        review_of(
            record(Verdict.RELEASE, id=first.id, reason="her own letter"), record(Verdict.WITHHOLD, id=second.id)
        ),
    )
    by_id = {d.id: d for d in final}
    assert by_id[first.id].action is Action.KEEP and by_id[first.id].origin == "changed"
    assert by_id[first.id].reviewer == "A. Reviewer" and "her own letter" in by_id[first.id].reason
    assert by_id[first.id].exemption is None
    assert by_id[second.id].action is Action.REDACT and by_id[second.id].origin == "confirmed"


def test_later_decisions_supersede_earlier_ones_whatever_the_scope() -> None:
    doc = document()
    first, second = proposal(doc, 0, "Olwen Tregarth"), proposal(doc, 0, "Olwen Tregarth", nth=1)
    review = review_of(
        record(Verdict.RELEASE, Scope.DOCUMENT, text="olwen  tregarth"),
        record(Verdict.WITHHOLD, id=second.id, reviewer="B. Second"),
    )
    by_id = {d.id: d for d in apply_review(doc, (first, second), review)}
    assert by_id[first.id].action is Action.KEEP
    assert by_id[second.id].action is Action.REDACT and by_id[second.id].reviewer == "B. Second"
    # The other order: the document-wide release comes last and wins everywhere.
    review = review_of(
        record(Verdict.WITHHOLD, id=second.id), record(Verdict.RELEASE, Scope.DOCUMENT, text="Olwen Tregarth")
    )
    assert all(d.action is Action.KEEP for d in apply_review(doc, (first, second), review))


def test_withhold_every_occurrence_adds_what_the_tool_missed() -> None:
    doc = document()
    kept = proposal(doc, 0, "Bryn Moelfre", action=Action.KEEP)
    review = review_of(record(Verdict.WITHHOLD, Scope.DOCUMENT, text="Olwen Tregarth", exemption="s40(1)"))
    final = apply_review(doc, (kept,), review)
    added = [d for d in final if d.finding.entity_type == ADDED_ENTITY]
    assert [(d.finding.page, d.finding.text) for d in added] == [(0, "Olwen Tregarth")] * 2 + [(1, "Olwen Tregarth")]
    assert all(d.action is Action.REDACT and d.origin == "added" and d.exemption == "s40(1)" for d in added)
    assert all(d.rects for d in added) and len({d.id for d in added}) == 3
    assert next(d for d in final if d.id == kept.id).action is Action.KEEP  # not about it


def test_bundle_scope_reaches_every_document_and_is_never_orphaned() -> None:
    bundle = record(Verdict.WITHHOLD, Scope.BUNDLE, text="Bryn Moelfre", document=None, document_sha256=None)
    other = ReviewBook.of([bundle]).view("other.pdf", "c" * 64)
    assert other.decisions == (bundle,) and not other.orphaned
    doc = document()
    kept = proposal(doc, 0, "Bryn Moelfre", action=Action.KEEP)
    [d] = apply_review(doc, (kept,), review_of(bundle))
    assert d.action is Action.REDACT and d.origin == "changed" and d.exemption == "s40(2)"
    assert d.condition == "s40(3A)(a)"


def test_decisions_on_a_changed_document_are_orphaned_not_applied() -> None:
    doc = document("d" * 64)  # the input changed since the decision was made on SHA
    p = proposal(doc, 0, "Olwen Tregarth")
    stale = record(Verdict.RELEASE, Scope.DOCUMENT, text="Olwen Tregarth")
    review = review_of(stale, sha="d" * 64)
    assert review.orphaned == (stale,) and not review.decisions and review.fingerprint == ""
    assert apply_review(doc, (p,), review) == (p,)


def test_drawn_rectangle_is_added_and_can_be_released_again() -> None:
    doc = document()
    x0 = TEXT.index("Bryn") * 5
    rect = (float(x0), 9.0, float(x0 + 5 * len("Bryn Moelfre")), 21.0)
    drawn = record(Verdict.WITHHOLD, rect=rect, page=1, reason="a name")
    [d] = apply_review(doc, (), review_of(drawn))
    assert d.finding.entity_type == DRAWN_ENTITY and d.finding.explanation.endswith(": Bryn Moelfre")
    assert d.finding.text == ""  # the checks must not look for the words elsewhere
    assert d.finding.start == d.finding.end and d.rects == (rect,) and d.action is Action.REDACT
    assert d.id == drawn_id(SHA, 0, rect) and d.origin == "added"
    again = record(Verdict.RELEASE, id=d.id)
    assert apply_review(doc, (), review_of(drawn, again)) == ()


def test_fingerprint_changes_with_each_decision_and_ignores_review_marks() -> None:
    a = record(Verdict.RELEASE, id="p1-x")
    mark = record(Verdict.REVIEWED, Scope.DOCUMENT)
    assert review_of(a).fingerprint == review_of(a, mark).fingerprint != ""
    assert review_of(a, record(Verdict.WITHHOLD, id="p1-x")).fingerprint != review_of(a).fingerprint
    assert review_of(a, mark).reviewed and not review_of(a).reviewed
