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


def test_a_name_followed_by_a_version_number_is_a_product() -> None:
    veto = FilteredSpacyRecognizer()._veto
    for text in ("We use Quillsoft Studio 2019.1.", "Built with Fenwick Forge v2.0 here."):
        start = text.index(next(w for w in text.split() if w[0].isupper() and w not in ("We", "Built")))
        end = text.index(" 2019.1") if "2019.1" in text else text.index(" v2.0")
        assert veto(text, start, end) is not None
    signed = "Signed Anna Pengelly 12.05.2019"
    assert veto(signed, signed.index("Anna"), signed.index(" 12.05")) is None
