"""Pronoun contractions after initials and French/Italian elided articles are not names (invented text)."""

from __future__ import annotations

from redactor.detect.recognizers import FilteredSpacyRecognizer, GivenNameRecognizer


def test_a_contraction_after_initials_is_not_a_surname() -> None:
    text = "F.Y.I. I've sent it on. Ask J. Pengelly."
    found = [text[r.start : r.end] for r in GivenNameRecognizer().analyze(text, ["PERSON"], None)]
    assert found == ["J. Pengelly"]


def test_an_elided_article_and_noun_is_not_a_name() -> None:
    veto = FilteredSpacyRecognizer()._veto
    text = "L'expéditeur confirme. O'Hanlon replied."
    assert veto(text, 0, text.index(" ")) is not None
    start = text.index("O'Hanlon")
    assert veto(text, start, start + len("O'Hanlon")) is None
