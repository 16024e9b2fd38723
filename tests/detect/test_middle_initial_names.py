"""Names with a middle initial, forename unknown to the gazetteer (invented names)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers import GivenNameRecognizer


def names(text: str) -> list[str]:
    """The longest names found (the initials rule may also report "T. Surname" inside one)."""
    spans = [(r.start, r.end) for r in GivenNameRecognizer().analyze(text, ["PERSON"], None)]
    longest = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return [text[s:e] for s, e in sorted(longest)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Directed by: Ovidra K Tammsaare", "Ovidra K Tammsaare"),
        ("the account holder is Zelmira T. Okonkwo-Baptiste now", "Zelmira T. Okonkwo-Baptiste"),
        ("> Quorin P Ashdale\n> Fenwick Partners", "Quorin P Ashdale"),
    ],
)
def test_forename_initial_surname_is_a_name(text: str, name: str) -> None:
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "How I Met Them",  # a pronoun, not an initial
        "Make A Wish today",  # an article in a title
        "Plan B Consultants are retained",  # an organisation word follows
        "see Appendix C Table",  # a function word
        "12 Quorin P Ashdale",  # after a house number
        "ovidra k tammsaare",  # lower case: not this rule
    ],
)
def test_titles_organisations_and_addresses_are_not_names(text: str) -> None:
    assert names(text) == []


def test_after_a_full_stop_the_forename_must_be_known() -> None:
    assert names("It is sent. Ask J. Pengelly.") == ["J. Pengelly"]
    assert names("It is sent. Gareth J. Pengelly has it.") == ["Gareth J. Pengelly"]
