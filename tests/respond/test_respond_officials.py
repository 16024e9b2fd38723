"""The seniority rule for officials' names (redactor/decide/officials.py), on invented names."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.decide.officials import OfficialsRule, load_officials_rule, senior_official
from redactor.errors import ConfigError


@pytest.fixture(scope="module")
def rule() -> OfficialsRule:
    return load_officials_rule()


def verdict(rule: OfficialsRule, text: str, name: str):  # type: ignore[no-untyped-def]
    start = text.index(name)
    return senior_official(text, start, start + len(name), rule)


@pytest.mark.parametrize(
    ("text", "name", "role", "group"),
    [
        ("Councillor Bryn Tegid raised the matter.", "Bryn Tegid", "Councillor", "elected members and ministers"),
        ("Cllr. Bryn Tegid asked for a site visit.", "Bryn Tegid", "Cllr", "elected members and ministers"),
        (
            "We met Anwen Morlais, Director of Finance, on Monday.",
            "Anwen Morlais",
            "Director of Finance",
            "senior civil service",
        ),
        ("A note from Anwen Morlais (Chief Executive) follows.", "Anwen Morlais", "Chief Executive", "chief officers"),
        (
            "Yours sincerely\n\nAnwen Morlais\nChief Executive\nExample Council",
            "Anwen Morlais",
            "Chief Executive",
            "chief officers",
        ),
        (
            "Regards,\nAnwen Morlais\n\nDeputy Director, Roads",
            "Anwen Morlais",
            "Deputy Director",
            "senior civil service",
        ),
        ("Bryn Tegid MS said the bridge would reopen.", "Bryn Tegid", "MS", "elected members and ministers"),
        ("Chief Constable Dr Elin Invented replied.", "Elin Invented", "Chief Constable", "chief officers"),
    ],
)
def test_a_name_beside_a_senior_role_is_proposed_as_released(
    rule: OfficialsRule, text: str, name: str, role: str, group: str
) -> None:
    found = verdict(rule, text, name)
    assert found is not None and found.role == role and found.group == group
    assert found.confirm and "Information Commissioner" in found.reason and role in found.reason


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Anwen Morlais, PA to the Chief Executive, phoned.", "Anwen Morlais"),
        ("Yours sincerely\nAnwen Morlais\nAssistant to the Director", "Anwen Morlais"),
        ("Anwen Morlais wrote to the Minister about her neighbour's fence.", "Anwen Morlais"),
        ("Anwen Morlais\nHousing Officer", "Anwen Morlais"),
        ("Bryn Tegid ms said", "Bryn Tegid"),  # an abbreviation matches only as written
        ("Anwen Morlais asked about the bridge repairs and the costs involved.\nDirector of Roads", "Anwen Morlais"),
        ("Signed on behalf of the Chief Executive, Anwen Morlais", "Anwen Morlais"),
    ],
)
def test_junior_staff_and_names_merely_near_a_role_are_not(rule: OfficialsRule, text: str, name: str) -> None:
    assert verdict(rule, text, name) is None


def test_names_the_body_publishes(tmp_path: Path) -> None:
    own = tmp_path / "officials.yaml"
    own.write_text(
        "schema: 1\nroles:\n  - group: heads\n    phrases: [Head of Service]\npublished_names: [Tegwen  Invented]\n",
        encoding="utf-8",
    )
    rule = load_officials_rule(own)
    found = verdict(rule, "Ask tegwen invented at the depot.", "tegwen invented")
    assert found is not None and found.group == "published names" and found.role is None
    found = verdict(rule, "Gruff Example, Head of Service", "Gruff Example")
    assert found is not None and found.group == "heads"
    assert verdict(rule, "Gruff Example, Chief Executive", "Gruff Example") is None  # the body's roles only


def test_the_rule_file_is_validated(tmp_path: Path) -> None:
    own = tmp_path / "officials.yaml"
    own.write_text("schema: 1\nroles: []\nlines_afterr: 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lines_afterr"):
        load_officials_rule(own)
