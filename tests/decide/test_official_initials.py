"""Other mentions of a released senior official's name, and those that are not known to be."""

from __future__ import annotations

import pytest

from redactor.config import LoadedConfig
from redactor.decide.policy import _initialled
from redactor.types import Action, Finding
from tests.decide.test_decide import decide, finding


@pytest.mark.parametrize(
    ("mention", "released"),
    [
        ("s. w. robinson", "sarah robinson"),
        ("s robinson", "sarah robinson"),
        ("sarah robinson", "s. robinson"),
        ("m. a. pryce", "mared a. pryce"),
    ],
)
def test_initials_of_the_same_name_match(mention: str, released: str) -> None:
    assert _initialled(mention.split(), released.split())


@pytest.mark.parametrize(
    ("mention", "released"),
    [
        ("elin", "e. l. hughes"),  # a forename alone could be anyone
        ("jane robinson", "sarah robinson"),  # another forename
        ("t. robinson", "sarah robinson"),  # another initial
        ("s. w. robins", "sarah robinson"),  # another surname
        ("robinson", "sarah robinson"),
    ],
)
def test_other_names_do_not(mention: str, released: str) -> None:
    assert not _initialled(mention.split(), released.split())


def test_a_surname_shared_with_a_withheld_person_stays_withheld(loaded_config: LoadedConfig) -> None:
    text = (
        "Rhian Ellis-Jones, Chief Executive, replied. My neighbour Eirwen Ellis-Jones complained. "
        "Mrs Ellis-Jones told me so."
    )
    last = text.rindex("Ellis-Jones")
    findings = [
        finding(text, "Rhian Ellis-Jones"),
        finding(text, "Eirwen Ellis-Jones"),
        Finding(0, last, last + 11, "PERSON", "Ellis-Jones", 0.85, "TitledNameRecognizer", "t"),
    ]
    actions = {d.finding.start: d.action for d in decide(loaded_config, text, *findings)}
    assert actions[0] is Action.KEEP  # the official, beside the role
    assert actions[text.index("Eirwen")] is Action.REDACT
    assert actions[last] is Action.REDACT  # which Ellis-Jones is not known
