"""North American home addresses: house number, street and a ZIP line (invented addresses)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers import ZipAddressRecognizer


def found(text: str) -> list[str]:
    results = ZipAddressRecognizer().analyze(text, ["STREET_ADDRESS"], None)
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cell: 555-0100\n4410 Quill Leaf Court\nFenwick, TX   77000\n", ["4410 Quill Leaf Court", "77000"]),
        ("Jo\n12 Marrow Ave. Apt 4B\n\nQuillby, OR 97000-1234", ["12 Marrow Ave. Apt 4B", "97000-1234"]),
        ("88012 Wren Hollow Drive, Quillby, NM 87000", ["88012 Wren Hollow Drive", "87000"]),
    ],
)
def test_street_and_zip_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "4410 Quill Leaf Court\nFenwick\n",  # no ZIP line
        "2019 Annual Review Court hearings were held",  # prose, not a street line
        "4410 Quill Leaf Court\n\n\n\nFenwick, TX 77000",  # the ZIP line is too far
        "Quillby, TX 77000",  # a town line alone
    ],
)
def test_without_a_zip_line_nothing_is_found(text: str) -> None:
    assert found(text) == []


def test_a_no_break_space_before_the_zip_is_a_space() -> None:
    assert found("4410 Quill Leaf Court\nFenwick, TX\xa0 77000") == ["4410 Quill Leaf Court", "77000"]
