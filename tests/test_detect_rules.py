"""Rules added for real correspondence: each with invented names and addresses."""

from __future__ import annotations

from redactor.detect.recognizers import TitledNameRecognizer
from tests.test_recognizers import spacy_found


def names(text: str) -> list[str]:
    results = TitledNameRecognizer().analyze(text, ["PERSON"])
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def test_an_abbreviated_weekday_is_not_a_person() -> None:
    text = "On Fri, 3 Mar 2023 at 10:04, Quentin Marlowe wrote:"
    assert spacy_found(text, "Fri", "Quentin Marlowe") == ["Quentin Marlowe"]
    assert spacy_found("Sent: Thu 4 May", "Thu") == []


def test_a_shared_mailbox_in_a_from_line_is_not_a_person() -> None:
    assert names("From: Correspondence Box, Ministry of Quills\n") == []
    assert names("From: FOI Mailbox <foi@example.org>\n") == []
    assert names("From: Quentin Marlowe, Ministry of Quills\n") == ["Quentin Marlowe"]
