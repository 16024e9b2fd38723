"""Mailing lists recognised by their server and by list words a printout ran together (invented addresses)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers import PersonalEmailRecognizer


def scores(text: str) -> dict[str, float]:
    results = PersonalEmailRecognizer().analyze(text, ["EMAIL_ADDRESS"], None)
    return {text[r.start : r.end]: r.score for r in results}


@pytest.mark.parametrize("address", ["pythondevel@lists.quillby.org", "linuxkernel@mx.quillby.org"])
def test_two_list_words_run_together_are_a_list(address: str) -> None:
    assert PersonalEmailRecognizer().organisational(address) is not None


@pytest.mark.parametrize("address", ["devlin@mx.quillby.org", "perlman@mx.quillby.org"])
def test_a_name_that_starts_with_a_list_word_is_a_person(address: str) -> None:
    assert PersonalEmailRecognizer().organisational(address) is None


def test_other_addresses_on_a_list_server_are_lists() -> None:
    text = (
        "Cc: linux-fsdevel@mx.quillby.org, wombatfs@mx.quillby.org, python-users@mx.quillby.org,\n"
        "    Gareth Pengelly <gareth@mx.quillby.org>, zed@quillby.org"
    )
    found = scores(text)
    assert found["wombatfs@mx.quillby.org"] < 0.5
    assert found["linux-fsdevel@mx.quillby.org"] < 0.5
    # A given name on the same server is a person's, and other hosts are not affected.
    assert found["gareth@mx.quillby.org"] == 1.0
    assert found["zed@quillby.org"] == 1.0


def test_one_list_address_does_not_make_a_list_server() -> None:
    text = "To: wombatfs@mx.quillby.org, python-users@mx.quillby.org"
    assert scores(text)["wombatfs@mx.quillby.org"] == 1.0


def test_an_address_on_a_host_without_a_domain_is_found_in_angle_brackets() -> None:
    text = 'To: "Quorin Ashdale" <quorin@mailhub>\nFrom: "The Minister" <min@mailhub>\nCc: <qa@mailhub>, me@noon'
    found = scores(text)
    assert found["quorin@mailhub"] > 0.5
    # A role's name, no name at all, or no angle brackets: left alone.
    assert set(found) == {"quorin@mailhub"}
