"""Decide: allow-list, thresholds, the requester's own data, released names, rectangles."""

from __future__ import annotations

from redactor.config import LoadedConfig
from redactor.decide import Policy
from redactor.model import Action, Document, Finding, PageText


def page_of(text: str) -> PageText:
    boxes = tuple(None if c.isspace() else (float(i * 5), 10.0, float(i * 5 + 5), 20.0) for i, c in enumerate(text))
    lines = tuple(-1 if c.isspace() else 1 for c in text)
    return PageText(0, text, boxes, lines, 600.0, 800.0)


def finding(text: str, value: str, entity: str = "PERSON", score: float = 0.85) -> Finding:
    start = text.index(value)
    return Finding(0, start, start + len(value), entity, value, score, "Test", "test")


def decide(loaded: LoadedConfig, text: str, *findings: Finding, requester: tuple[str, ...] = ()) -> list:  # type: ignore[type-arg]
    doc = Document("d.pdf", "0" * 64, (page_of(text),))
    return list(Policy(loaded, requester).decide(doc, findings))


def test_third_party_name_is_redacted_under_s40_2(loaded_config: LoadedConfig) -> None:
    text = "Complaint from Eleanor Pritchard."
    [d] = decide(loaded_config, text, finding(text, "Eleanor Pritchard"))
    assert d.action is Action.REDACT
    assert (d.exemption, d.condition) == ("s40(2)", "s40(3A)(a)")
    assert d.category == "Names of third parties"
    assert d.id == "R0001"
    assert d.rects and d.rects[0][0] == text.index("Eleanor") * 5


def test_allow_listed_phrase_is_kept_with_a_reason(loaded_config: LoadedConfig) -> None:
    text = "A reply from the Welsh Government today."
    [d] = decide(loaded_config, text, finding(text, "Welsh Government"))
    assert d.action is Action.KEEP
    assert "allow-list" in d.reason and d.id == "K0001"


def test_low_score_is_kept_for_review(loaded_config: LoadedConfig) -> None:
    text = "Reference AB12 CDE noted."
    [d] = decide(loaded_config, text, finding(text, "AB12 CDE", "UK_VEHICLE_REGISTRATION", 0.35))
    assert d.action is Action.KEEP and "below" in d.reason


def test_requester_name_is_s40_1(loaded_config: LoadedConfig) -> None:
    text = "Dear Mr Gareth Jones, and Eleanor Pritchard"
    decisions = decide(
        loaded_config,
        text,
        finding(text, "Gareth Jones"),
        finding(text, "Eleanor Pritchard"),
        requester=("Gareth Jones",),
    )
    by_text = {d.finding.text: d for d in decisions}
    assert by_text["Gareth Jones"].exemption == "s40(1)"
    assert by_text["Gareth Jones"].condition is None
    assert by_text["Eleanor Pritchard"].exemption == "s40(2)"


def test_finding_inside_a_redaction_is_not_logged_twice(loaded_config: LoadedConfig) -> None:
    text = "Resident: Mrs Eleanor Pritchard, 14 Heol y Deri"
    decisions = decide(loaded_config, text, finding(text, "Eleanor Pritchard"), finding(text, "Pritchard", score=0.9))
    assert [d.finding.text for d in decisions] == ["Eleanor Pritchard"]


def test_redaction_inside_a_kept_finding_survives(loaded_config: LoadedConfig) -> None:
    text = "Note by Eleanor Pritchard Head"
    wide = finding(text, "Eleanor Pritchard Head", score=0.4)
    narrow = finding(text, "Eleanor Pritchard", score=0.9)
    decisions = decide(loaded_config, text, wide, narrow)
    assert {(d.finding.text, d.action) for d in decisions} == {
        ("Eleanor Pritchard Head", Action.KEEP),
        ("Eleanor Pritchard", Action.REDACT),
    }
