"""Other mentions of a released senior official's name: initials agree, a forename alone does not."""

from __future__ import annotations

import pytest

from redactor.decide.policy import _initialled


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
